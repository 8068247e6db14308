use claude_agent_mcp::{McpServer, tool};

#[tool(name = "add numbers")]
async fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

#[tool(name = "a_tool_name_that_is_far_too_long_to_fit_in_sixty_four_characters")]
async fn long() -> &'static str {
    ""
}

fn main() {
    let _ = McpServer::new("s").tool(add).tool(long);
}
