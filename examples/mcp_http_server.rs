//! A standalone MCP server over streamable HTTP: the calculator (server
//! `calc`), for any MCP client.
//!
//! ```text
//! cargo run --example mcp_http_server -- 127.0.0.1:8080
//! claude --mcp-config '{"mcpServers":{"calc":{"type":"http","url":"http://127.0.0.1:8080/mcp"}}}'
//! ```
//!
//! The first line on stdout is the URL (`http://<addr>/mcp`); give the
//! address `127.0.0.1:0` to get a free port. Run it with `--demo` to watch
//! Claude use it: the example then serves on a free port and starts the
//! Claude Code CLI with the server configured (talking to Claude when
//! `ANTHROPIC_API_KEY` is set, to the SDK's scripted model otherwise; the
//! demo's query is in `support/calculator_demo.rs`).

use std::io::Write;

use claude_agent_sdk::McpServerConfig;
use claude_agent_sdk_examples::calculator_demo::ask_calculator;
use claude_agent_sdk_examples::{backend, calculator};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("--demo") {
        return demo().await;
    }
    let addr = arg.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let server = calculator::server().bind_http(addr.as_str()).await?;
    println!("{}", server.url());
    std::io::stdout().flush()?;
    eprintln!("Serving the calculator at {}; Ctrl-C stops.", server.url());
    server
        .run_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Claude Code connects to the server over HTTP.
async fn demo() -> anyhow::Result<()> {
    let backend = backend().await?;
    let server = calculator::server().bind_http("127.0.0.1:0").await?;
    let url = server.url();
    let serving = tokio::spawn(server.run());
    let prompt = backend.prompt(
        "Use the calc tools to divide 84 by 2, then answer with the quotient only.",
        r#"CALL mcp__calc__divide {"dividend":84,"divisor":2}; SAY 42"#,
    );
    println!("> {prompt} (server at {url})");
    ask_calculator(&backend, McpServerConfig::http(&url), prompt).await?;
    serving.abort();
    Ok(())
}
