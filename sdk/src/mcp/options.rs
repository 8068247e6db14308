//! Adding in-process servers to the options.

use std::sync::Arc;

use claude_agent_mcp::McpServer;

use super::sdk_server::SdkServer;
use crate::options::ClaudeAgentOptionsBuilder;

impl ClaudeAgentOptionsBuilder {
    /// Adds an in-process MCP server: its tools run in this process and
    /// Claude sees them as `mcp__<server>__<tool>`.
    ///
    /// An in-process server takes the place of any other server of the
    /// same name (in-process or from
    /// [`mcp_server_config`](Self::mcp_server_config)).
    /// Tools still need permission: list them in
    /// [`allowed_tools`](Self::allowed_tools) (see
    /// [`McpServer::qualified_tool_names`]) or answer permission requests.
    ///
    /// ```
    /// use claude_agent_sdk::mcp::McpServer;
    /// use claude_agent_sdk::{ClaudeAgentOptions, tool};
    ///
    /// /// Add two numbers.
    /// #[tool]
    /// async fn add(a: i64, b: i64) -> String { (a + b).to_string() }
    ///
    /// let calc = McpServer::new("calc").tool(add);
    /// let options = ClaudeAgentOptions::builder()
    ///     .allowed_tools(calc.qualified_tool_names())
    ///     .mcp_server(calc)
    ///     .build();
    /// # let _ = options;
    /// ```
    pub fn mcp_server(mut self, server: McpServer) -> Self {
        let name = server.name().to_owned();
        self.options.mcp_servers.remove(&name);
        self.options
            .handlers
            .sdk_servers
            .insert(name, Arc::new(SdkServer::new(server)));
        self
    }
}
