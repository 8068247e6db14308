//! Serving over stdin/stdout: the server is a process an MCP client starts.

use rmcp::ServiceExt;

use crate::error::Error;
use crate::handler::Handler;
use crate::server::McpServer;

impl McpServer {
    /// Serves the server over stdin and stdout until the client closes
    /// stdin: the server runs as a process that an MCP client (Claude Code,
    /// Claude Desktop, an IDE) starts, e.g. with `--mcp-config
    /// '{"mcpServers":{"calc":{"command":"/path/to/calc"}}}'`.
    ///
    /// Nothing else may write to stdout meanwhile; log to stderr.
    ///
    /// ```no_run
    /// use claude_agent_mcp::{McpServer, tool};
    ///
    /// /// Add two numbers.
    /// #[tool]
    /// async fn add(a: i64, b: i64) -> String { (a + b).to_string() }
    ///
    /// #[tokio::main]
    /// async fn main() -> Result<(), claude_agent_mcp::Error> {
    ///     McpServer::new("calc").version("1.0.0").tool(add).serve_stdio().await
    /// }
    /// ```
    pub async fn serve_stdio(self) -> Result<(), Error> {
        let name = self.name().to_owned();
        let running = Handler::new(self)
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|err| Error::Serve {
                server: name.clone(),
                reason: err.to_string(),
            })?;
        running.waiting().await.map_err(|err| Error::Serve {
            server: name,
            reason: err.to_string(),
        })?;
        Ok(())
    }
}
