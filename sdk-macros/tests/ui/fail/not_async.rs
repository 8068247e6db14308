use claude_agent_mcp::{McpServer, tool};

/// Add two numbers.
#[tool]
fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

fn main() {
    // The call site still compiles: the error is at the function only.
    let _ = McpServer::new("s").tool(add);
}
