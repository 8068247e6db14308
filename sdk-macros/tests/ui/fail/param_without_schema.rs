use claude_agent_mcp::{McpServer, tool};

#[derive(serde::Deserialize)]
struct NoSchema {
    x: i64,
}

/// The whole input lacks `JsonSchema`.
#[tool]
async fn whole(args: NoSchema) -> String {
    args.x.to_string()
}

/// A named parameter lacks `JsonSchema`.
#[tool]
async fn named(value: NoSchema, label: String) -> String {
    format!("{label}{}", value.x)
}

fn main() {
    let _ = McpServer::new("s").tool(whole).tool(named);
}
