use claude_agent_mcp::{McpServer, tool};

/// A tuple pattern cannot name a property.
#[tool]
async fn pair((a, b): (i64, i64)) -> String {
    (a + b).to_string()
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Range {
    from: i64,
    to: i64,
}

/// A struct pattern is the whole input, so it must be alone.
#[tool]
async fn range(Range { from, to }: Range, step: i64) -> String {
    (from..to).step_by(step as usize).count().to_string()
}

fn main() {
    let _ = McpServer::new("s").tool(pair).tool(range);
}
