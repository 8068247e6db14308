//! The rmcp [`ServerHandler`] behind every way of serving an [`McpServer`].

use std::borrow::Cow;
use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, Implementation, ListToolsResult,
    PaginatedRequestParams, ProtocolVersion, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};

use crate::context::ToolContext;
use crate::server::{McpServer, run};

/// The newest MCP revision served. 2026-07-28 drops `initialize` for
/// per-request metadata; the CLI's control channel and its HTTP client both
/// speak the handshake revisions, so negotiation stops at 2025-11-25.
const NEWEST_PROTOCOL: ProtocolVersion = ProtocolVersion::V_2025_11_25;

/// Serves one [`McpServer`] through rmcp. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Handler {
    inner: Arc<Inner>,
}

struct Inner {
    server: McpServer,
    tools: Vec<rmcp::model::Tool>,
}

impl Handler {
    pub(crate) fn new(server: McpServer) -> Self {
        let tools = server
            .registered()
            .iter()
            .filter_map(|r| match serde_json::from_value(r.definition.clone()) {
                Ok(tool) => Some(tool),
                Err(err) => {
                    // Definitions are built by this crate; this would be a bug.
                    tracing::error!(tool = r.tool.name(), error = %err, "tool definition rejected");
                    None
                }
            })
            .collect();
        Self {
            inner: Arc::new(Inner { server, tools }),
        }
    }

    pub(crate) fn server(&self) -> &McpServer {
        &self.inner.server
    }
}

impl ServerHandler for Handler {
    fn get_info(&self) -> ServerConfig {
        let server = &self.inner.server;
        let mut info = Implementation::new(server.name(), server.server_version());
        info.title = server.title_ref().map(str::to_owned);
        let config = ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(info)
            .with_protocol_version(NEWEST_PROTOCOL);
        match server.server_instructions() {
            Some(instructions) => config.with_instructions(instructions),
            None => config,
        }
    }

    fn supported_protocol_versions(&self) -> Cow<'static, [ProtocolVersion]> {
        Cow::Borrowed(ProtocolVersion::known_up_to(&NEWEST_PROTOCOL))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.inner.tools.clone()))
    }

    fn get_tool(&self, name: &str) -> Option<rmcp::model::Tool> {
        self.inner.tools.iter().find(|t| t.name == name).cloned()
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some(tool) = self.inner.server.find(&request.name) else {
            return Err(ErrorData::invalid_params(
                format!(
                    "the server `{}` has no tool named `{}`",
                    self.inner.server.name(),
                    request.name
                ),
                None,
            ));
        };
        let ctx = ToolContext::from_request(&context);
        let arguments = request.arguments.unwrap_or_default();
        // A cancelled call stops at its next await point; rmcp sends no
        // response for it.
        let result = tokio::select! {
            result = run(tool, arguments, ctx) => result,
            () = context.ct.cancelled() => {
                return Err(ErrorData::internal_error("the call was cancelled", None));
            }
        };
        let result: CallToolResult = serde_json::from_value(result.to_value()).map_err(|err| {
            ErrorData::internal_error(format!("the tool's result is not valid MCP: {err}"), None)
        })?;
        Ok(CallToolResponse::Complete(result))
    }
}
