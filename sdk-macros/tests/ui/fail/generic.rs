use claude_agent_mcp::tool;

/// Generic tools have no fixed schema.
#[tool]
async fn echo<T: serde::de::DeserializeOwned + schemars::JsonSchema>(value: T) -> String {
    let _ = value;
    String::new()
}

fn main() {}
