//! The rmcp [`ServerHandler`] behind every way of serving an [`McpServer`].

use std::borrow::Cow;
use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, GetPromptRequestMethod,
    GetPromptRequestParams, GetPromptResponse, GetPromptResult, Implementation,
    ListPromptsRequestMethod, ListPromptsResult, ListToolsResult, PaginatedRequestParams,
    PromptMessage, ProtocolVersion, Role, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};

use crate::command::{CommandArgs, CommandContext, CommandOrigin, CommandOutput, run_command};
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
    prompts: Vec<rmcp::model::Prompt>,
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
        let prompts = server
            .prompt_definitions()
            .into_iter()
            .filter_map(|definition| match serde_json::from_value(definition) {
                Ok(prompt) => Some(prompt),
                Err(err) => {
                    tracing::error!(error = %err, "prompt definition rejected");
                    None
                }
            })
            .collect();
        Self {
            inner: Arc::new(Inner {
                server,
                tools,
                prompts,
            }),
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
        let capabilities = if self.inner.prompts.is_empty() {
            ServerCapabilities::builder().enable_tools().build()
        } else {
            ServerCapabilities::builder()
                .enable_tools()
                .enable_prompts()
                .build()
        };
        let config = ServerConfig::new(capabilities)
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

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        // Without commands the server announces no prompts capability, and
        // answers as for any method it does not serve.
        if self.inner.server.commands().is_empty() {
            return Err(ErrorData::method_not_found::<ListPromptsRequestMethod>());
        }
        Ok(ListPromptsResult::with_all_items(
            self.inner.prompts.clone(),
        ))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        let server = &self.inner.server;
        if server.commands().is_empty() {
            return Err(ErrorData::method_not_found::<GetPromptRequestMethod>());
        }
        let Some(registered) = server
            .commands()
            .iter()
            .find(|c| c.command.name() == request.name)
        else {
            return Err(ErrorData::invalid_params(
                format!(
                    "the server `{}` has no prompt named `{}`",
                    server.name(),
                    request.name
                ),
                None,
            ));
        };
        let named = request.arguments.unwrap_or_default();
        let args = CommandArgs::from_named(&request.name, &named, &registered.arguments)
            .map_err(|err| ErrorData::invalid_params(err.to_string(), None))?;
        let ctx = CommandContext::new(CommandOrigin::McpPrompt);
        let output = tokio::select! {
            output = run_command(registered.command.as_ref(), args, ctx) => output,
            () = context.ct.cancelled() => {
                return Err(ErrorData::internal_error("the request was cancelled", None));
            }
        };
        let message = match output {
            CommandOutput::Prompt(text) => PromptMessage::new_text(Role::User, text),
            CommandOutput::Reply(text) => PromptMessage::new_text(Role::Assistant, text),
            CommandOutput::Failed(text) => return Err(ErrorData::internal_error(text, None)),
        };
        let mut result = GetPromptResult::new(vec![message]);
        if let Some(description) = registered.command.description() {
            result = result.with_description(description);
        }
        Ok(GetPromptResponse::Complete(result))
    }
}
