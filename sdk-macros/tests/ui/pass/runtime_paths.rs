//! A user of `claude-agent-mcp` alone: every path the macros generate goes
//! through `::claude_agent_mcp`.

use claude_agent_mcp::{Json, McpServer, ToolContext, tool, tools};

/// Add two numbers.
#[tool]
async fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Query {
    text: String,
}

#[derive(serde::Serialize, schemars::JsonSchema)]
struct Echo {
    text: String,
}

/// Echo.
#[tool(name = "echo", read_only, destructive = false, meta = r#"{"k": 1}"#)]
async fn echo_tool(args: Query, _ctx: ToolContext) -> Result<Json<Echo>, std::io::Error> {
    Ok(Json(Echo { text: args.text }))
}

struct State;

#[tools]
impl State {
    /// Ping.
    #[tool]
    async fn ping(&self) -> &'static str {
        "pong"
    }

    /// Static.
    #[claude_agent_mcp::tool(name = "stateless")]
    async fn no_receiver(x: u8) -> String {
        x.to_string()
    }
}

fn main() {
    let server = McpServer::new("s").tool(add).tool(echo_tool).tools(State);
    assert_eq!(
        server.tool_names().collect::<Vec<_>>(),
        ["add", "echo", "ping", "stateless"]
    );
}
