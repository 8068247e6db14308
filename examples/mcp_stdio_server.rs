//! A standalone MCP server over stdio: the calculator (server `calc`, tools
//! `add {a, b}` and `divide {dividend, divisor}`), for any MCP client.
//!
//! ```text
//! cargo build --example mcp_stdio_server
//! claude --mcp-config '{"mcpServers":{"calc":{"command":"target/debug/examples/mcp_stdio_server"}}}'
//! ```
//!
//! Run it with `--demo` to watch Claude use it: the example then starts the
//! Claude Code CLI with itself as the MCP server (talking to Claude when
//! `ANTHROPIC_API_KEY` is set, to the SDK's scripted model otherwise).
//!
//! The tools are in `support/calculator.rs`; they are written against
//! `claude-agent-mcp` alone, which is all a standalone server needs. The
//! demo's query is in `support/calculator_demo.rs`, shared with the HTTP
//! server example.

use claude_agent_sdk::McpServerConfig;
use claude_agent_sdk_examples::calculator_demo::ask_calculator;
use claude_agent_sdk_examples::{backend, calculator};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--demo") {
        return demo().await;
    }
    // Serve until the client closes stdin. Logs must go to stderr: stdout
    // carries the protocol.
    let me = std::env::current_exe()?;
    eprintln!(
        "Serving the MCP server `calc` on stdio (tools: add, divide) until stdin closes. \
         Try it from Claude Code with:\n  claude --mcp-config '{{\"mcpServers\":{{\"calc\":{{\"command\":\"{}\"}}}}}}'\n\
         or run this example with --demo to watch Claude use it.",
        me.display()
    );
    calculator::server().serve_stdio().await?;
    Ok(())
}

/// Claude Code runs this very binary as its `calc` MCP server.
async fn demo() -> anyhow::Result<()> {
    let backend = backend().await?;
    let me = std::env::current_exe()?;
    let prompt = backend.prompt(
        "Use the calc tools to add 40 and 2, then answer with the sum only.",
        r#"CALL mcp__calc__add {"a":40,"b":2}; SAY 42"#,
    );
    println!("> {prompt}");
    let config = McpServerConfig::stdio(me.display().to_string());
    ask_calculator(&backend, config, prompt).await
}
