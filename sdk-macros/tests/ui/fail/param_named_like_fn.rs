use claude_agent_mcp::{McpServer, ToolContext, tool};

/// The function becomes a unit struct of its name: no parameter may shadow
/// it.
#[tool]
async fn greet(greet: String) -> String {
    format!("hello {greet}")
}

#[tool]
async fn ctx(ctx: ToolContext) -> String {
    ctx.tool_use_id().unwrap_or_default().to_owned()
}

fn main() {
    let _ = McpServer::new("s").tool(greet).tool(ctx);
    // Call sites of `call` still compile.
    let _ = greet::call(String::new());
}
