//! A standalone stdio MCP server for the secrets tests: its tool `read_env`
//! returns the value of one of its own environment variables, so a test can
//! check that a variable given in the server's MCP configuration reached it.

use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::tool;

/// Returns the value of an environment variable of this server, or
/// `<unset>`.
#[tool(read_only)]
async fn read_env(
    /// The variable's name.
    name: String,
) -> String {
    std::env::var(&name).unwrap_or_else(|_| "<unset>".to_owned())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    McpServer::new("envecho")
        .version("1.0.0")
        .tool(read_env)
        .serve_stdio()
        .await?;
    Ok(())
}
