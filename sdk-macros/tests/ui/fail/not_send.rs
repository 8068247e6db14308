use std::rc::Rc;

use claude_agent_mcp::{McpServer, tool};

/// Holds an `Rc` across an await: the future is not `Send`.
#[tool]
async fn local(n: u64) -> String {
    let shared = Rc::new(n);
    tokio::task::yield_now().await;
    shared.to_string()
}

fn main() {
    let _ = McpServer::new("s").tool(local);
}
