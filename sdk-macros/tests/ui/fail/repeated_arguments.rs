use claude_agent_mcp::{McpServer, tool, tools};

/// Each argument is given once.
#[tool(name = "a", name = "b", read_only, read_only = false)]
async fn ping() -> &'static str {
    "pong"
}

struct State;

#[tools(crate = "claude_agent_mcp", crate = "claude_agent_mcp")]
impl State {
    #[tool(title = "One", title = "Two")]
    async fn pong(&self) -> &'static str {
        "ping"
    }
}

fn main() {
    let _ = McpServer::new("s").tool(ping).tools(State);
}
