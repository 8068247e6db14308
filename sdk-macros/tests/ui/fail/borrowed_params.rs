use claude_agent_mcp::{McpServer, tool, tools};

/// Named parameters become fields of the input struct: they must be owned.
#[tool]
async fn greet(name: &str, titles: Vec<&'static str>) -> String {
    format!("{titles:?} {name}")
}

#[tool]
async fn count(items: impl IntoIterator<Item = u8>) -> String {
    items.into_iter().count().to_string()
}

#[tool]
async fn shout(text: std::borrow::Cow<'_, str>) -> String {
    text.to_uppercase()
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Range {
    from: i64,
    to: i64,
}

/// The arguments struct is decoded too.
#[tool]
async fn sum(args: &Range) -> String {
    (args.from..=args.to).sum::<i64>().to_string()
}

struct State;

#[tools]
impl State {
    #[tool]
    async fn first(&self, values: &[i64]) -> String {
        format!("{:?}", values.first())
    }
}

fn main() {
    let _ = McpServer::new("s")
        .tool(greet)
        .tool(count)
        .tool(shout)
        .tool(sum)
        .tools(State);
}
