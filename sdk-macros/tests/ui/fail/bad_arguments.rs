use claude_agent_mcp::{McpServer, tool};

/// Misspelled and malformed arguments are all reported.
#[tool(readonly, meta = "[1, 2]", crate = "not a path")]
async fn ping() -> &'static str {
    "pong"
}

fn main() {
    let _ = McpServer::new("s").tool(ping);
}
