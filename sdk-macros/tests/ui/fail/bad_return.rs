use claude_agent_mcp::{McpServer, tool};

/// Returns a number, which is not a tool result.
#[tool]
async fn count() -> u32 {
    3
}

fn main() {
    let _ = McpServer::new("s").tool(count);
}
