//! Answering the control requests the CLI sends to the SDK.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use serde_json::Value;

use super::engine::ControlSender;

/// One control request from the CLI (`can_use_tool`, `hook_callback`,
/// `mcp_message`, `elicitation`, ...).
#[derive(Debug, Clone)]
pub(crate) struct InboundRequest {
    /// The CLI's request id.
    pub(crate) request_id: String,
    /// The request's subtype.
    pub(crate) subtype: String,
    /// The request body (with `subtype`).
    pub(crate) body: Value,
}

/// Makes the handler of one session. Handlers that keep per-session state
/// (an MCP server's connection, for instance) are started once per CLI
/// process, with a way to send control requests of their own.
pub(crate) trait HandlerFactory: Send + Sync {
    fn start(&self, control: ControlSender) -> Arc<dyn InboundHandler>;
}

/// Something that answers control requests. The answer becomes the
/// `response` of a success reply; an `Err` becomes an error reply.
#[async_trait]
pub(crate) trait InboundHandler: Send + Sync {
    async fn handle(&self, request: InboundRequest) -> Result<Value, String>;
}

/// Every handler of a session, by what it answers.
#[derive(Clone, Default)]
pub(crate) struct Handlers {
    /// Answers `can_use_tool`.
    pub(crate) can_use_tool: Option<Arc<dyn InboundHandler>>,
    /// Answers `elicitation`.
    pub(crate) elicitation: Option<Arc<dyn InboundHandler>>,
    /// Answers `hook_callback`, by callback id.
    pub(crate) hook_callbacks: BTreeMap<String, Arc<dyn InboundHandler>>,
    /// Starts the handler of `mcp_message` for each in-process server, by
    /// server name.
    pub(crate) sdk_servers: BTreeMap<String, Arc<dyn HandlerFactory>>,
    /// The `hooks` field of `initialize` (matchers with callback ids).
    pub(crate) hooks_config: Option<Value>,
}

/// The handlers of one running session.
#[derive(Default)]
pub(crate) struct SessionHandlers {
    can_use_tool: Option<Arc<dyn InboundHandler>>,
    elicitation: Option<Arc<dyn InboundHandler>>,
    hook_callbacks: BTreeMap<String, Arc<dyn InboundHandler>>,
    sdk_servers: BTreeMap<String, Arc<dyn InboundHandler>>,
}

impl Handlers {
    /// The names of the in-process MCP servers.
    pub(crate) fn sdk_server_names(&self) -> impl Iterator<Item = &String> {
        self.sdk_servers.keys()
    }

    /// The `hooks` field of `initialize`, if any hook is registered.
    pub(crate) fn hooks_config(&self) -> Option<Value> {
        self.hooks_config.clone()
    }

    /// Starts the handlers of one session.
    pub(crate) fn start(&self, control: &ControlSender) -> SessionHandlers {
        SessionHandlers {
            can_use_tool: self.can_use_tool.clone(),
            elicitation: self.elicitation.clone(),
            hook_callbacks: self.hook_callbacks.clone(),
            sdk_servers: self
                .sdk_servers
                .iter()
                .map(|(name, factory)| (name.clone(), factory.start(control.clone())))
                .collect(),
        }
    }
}

impl SessionHandlers {
    /// Routes a request to its handler.
    pub(crate) async fn dispatch(&self, request: InboundRequest) -> Result<Value, String> {
        let span = tracing::debug_span!(
            "control_request",
            request_id = %request.request_id,
            subtype = %request.subtype
        );
        tracing::Instrument::instrument(self.route(request), span).await
    }

    async fn route(&self, request: InboundRequest) -> Result<Value, String> {
        let handler = match request.subtype.as_str() {
            "can_use_tool" => self.can_use_tool.clone(),
            "elicitation" => match &self.elicitation {
                Some(handler) => Some(handler.clone()),
                // Without a handler the user cannot be asked: decline.
                None => return Ok(serde_json::json!({"action": "decline"})),
            },
            "hook_callback" => {
                let id = request
                    .body
                    .get("callback_id")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match self.hook_callbacks.get(id) {
                    Some(handler) => Some(handler.clone()),
                    None => return Err(format!("No hook callback found for ID: {id}")),
                }
            }
            "mcp_message" => {
                let name = request
                    .body
                    .get("server_name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match self.sdk_servers.get(name) {
                    Some(handler) => Some(handler.clone()),
                    None => return Ok(unknown_server_reply(name, &request.body)),
                }
            }
            _ => None,
        };
        match handler {
            Some(handler) => handler.handle(request).await,
            None => Err(format!(
                "Unsupported control request subtype: {}",
                request.subtype
            )),
        }
    }
}

/// A JSON-RPC "method not found" for a server this session does not have.
fn unknown_server_reply(name: &str, body: &Value) -> Value {
    let id = body
        .get("message")
        .and_then(|m| m.get("id"))
        .cloned()
        .unwrap_or(Value::Null);
    serde_json::json!({
        "mcp_response": {
            "jsonrpc": "2.0",
            "id": id,
            "error": {"code": -32601, "message": format!("Server '{name}' not found")}
        }
    })
}

impl fmt::Debug for Handlers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handlers")
            .field("can_use_tool", &self.can_use_tool.is_some())
            .field("elicitation", &self.elicitation.is_some())
            .field(
                "hook_callbacks",
                &self.hook_callbacks.keys().collect::<Vec<_>>(),
            )
            .field("sdk_servers", &self.sdk_servers.keys().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(subtype: &str, body: Value) -> InboundRequest {
        InboundRequest {
            request_id: "r1".into(),
            subtype: subtype.into(),
            body,
        }
    }

    #[tokio::test]
    async fn unknown_subtypes_get_an_error() {
        let err = SessionHandlers::default()
            .dispatch(request("request_user_dialog", json!({})))
            .await
            .unwrap_err();
        assert_eq!(
            err,
            "Unsupported control request subtype: request_user_dialog"
        );
    }

    #[tokio::test]
    async fn elicitation_without_handler_declines() {
        let reply = SessionHandlers::default()
            .dispatch(request("elicitation", json!({})))
            .await
            .unwrap();
        assert_eq!(reply, json!({"action": "decline"}));
    }

    #[tokio::test]
    async fn unknown_mcp_server_gets_a_json_rpc_error() {
        let reply = SessionHandlers::default()
            .dispatch(request(
                "mcp_message",
                json!({"server_name": "nope", "message": {"jsonrpc": "2.0", "id": 7, "method": "tools/list"}}),
            ))
            .await
            .unwrap();
        assert_eq!(reply["mcp_response"]["id"], 7);
        assert_eq!(reply["mcp_response"]["error"]["code"], -32601);
    }
}
