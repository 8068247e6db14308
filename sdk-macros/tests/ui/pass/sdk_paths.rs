//! A user of `claude-agent-sdk`: paths go through
//! `::claude_agent_sdk::mcp`.

use claude_agent_sdk::mcp::{McpServer, ToolContext, ToolResult};
use claude_agent_sdk::{tool, tools};

/// Add two numbers.
#[tool]
async fn add(a: i64, b: i64, ctx: &ToolContext) -> ToolResult {
    let _ = ctx.tool_use_id();
    ToolResult::text((a + b).to_string())
}

struct Counter(std::sync::atomic::AtomicU64);

#[tools]
impl Counter {
    /// Count.
    #[tool]
    async fn count(&self) -> String {
        self.0
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            .to_string()
    }
}

fn main() {
    let server = McpServer::new("s")
        .tool(add)
        .tools(std::sync::Arc::new(Counter(Default::default())));
    assert_eq!(server.tool_names().collect::<Vec<_>>(), ["add", "count"]);
}
