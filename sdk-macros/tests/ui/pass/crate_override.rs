//! `crate = "..."` for crates that re-export the runtime under another
//! path.

mod reexport {
    pub use claude_agent_mcp::*;
}

use reexport::McpServer;

/// Add two numbers.
#[claude_agent_mcp::tool(crate = "crate::reexport")]
async fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

struct S;

#[claude_agent_mcp::tools(crate = "crate::reexport")]
impl S {
    /// Hi.
    #[tool]
    async fn hi(&self) -> &'static str {
        "hi"
    }
}

fn main() {
    let server = McpServer::new("s").tool(add).tools(S);
    assert_eq!(server.tool_names().collect::<Vec<_>>(), ["add", "hi"]);
}
