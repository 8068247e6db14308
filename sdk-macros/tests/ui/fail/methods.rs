use claude_agent_mcp::{McpServer, tool, tools};

struct Counter(u64);

#[tools]
impl Counter {
    /// Tools share state: `&mut self` is refused.
    #[tool]
    async fn bump(&mut self) -> String {
        self.0 += 1;
        self.0.to_string()
    }

    /// Two tools with one name.
    #[tool(name = "read")]
    async fn first(&self) -> String {
        self.0.to_string()
    }

    /// Two tools with one name.
    #[tool(name = "read")]
    async fn second(&self) -> String {
        self.0.to_string()
    }
}

struct Plain;

impl Plain {
    /// `#[tool]` on a method needs `#[tools]` on the impl.
    #[tool]
    async fn hello(&self) -> &'static str {
        "hello"
    }
}

fn main() {
    let _ = McpServer::new("s").tools(Counter(0));
}
