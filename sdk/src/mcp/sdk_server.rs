//! An [`McpServer`] as a handler of the CLI's `mcp_message` control
//! requests.

use std::sync::Arc;

use async_trait::async_trait;
use claude_agent_mcp::{Bridge, McpServer};
use serde_json::{Map, Value, json};

use crate::control::{ControlSender, HandlerFactory, InboundHandler, InboundRequest};

/// Starts a bridge to the server for each CLI process: the CLI runs the MCP
/// handshake once per process.
pub(crate) struct SdkServer {
    server: McpServer,
}

impl SdkServer {
    pub(crate) fn new(server: McpServer) -> Self {
        Self { server }
    }
}

impl HandlerFactory for SdkServer {
    fn start(&self, control: ControlSender) -> Arc<dyn InboundHandler> {
        let name = self.server.name().to_owned();
        // What the server sends on its own (progress, list changes) goes to
        // the CLI as an SDK-originated `mcp_message`.
        let bridge = self.server.bridge(move |message| {
            let mut body = Map::new();
            body.insert("subtype".into(), json!("mcp_message"));
            body.insert("server_name".into(), json!(name));
            body.insert("message".into(), message);
            control.notify(body);
        });
        Arc::new(BridgeHandler { bridge })
    }
}

/// Answers `mcp_message` for one server of one CLI process.
struct BridgeHandler {
    bridge: Bridge,
}

#[async_trait]
impl InboundHandler for BridgeHandler {
    async fn handle(&self, request: InboundRequest) -> Result<Value, String> {
        let Some(message) = request.body.get("message").cloned() else {
            return Err("mcp_message without a message".to_owned());
        };
        // Dropping this future (on `control_cancel_request`) cancels the
        // MCP request inside the bridge.
        let response = self.bridge.handle(message).await;
        Ok(json!({ "mcp_response": response }))
    }
}
