//! The end-to-end benchmark scenarios, done through the SDK's public API as
//! an application would, against the CLI named by `CLAUDE_CLI` and the
//! model server named by `ANTHROPIC_BASE_URL` (it starts neither).
//!
//! ```text
//! bench-scenarios S1|S2|S2x25|S3|S4|S5
//! ```
//!
//! The last line of output is a JSON report; the exit code is 0 iff the
//! scenario's answer was right.

use std::sync::Mutex;
use std::time::Instant;

use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient, Message, query, query_stream, tool};
use claude_agent_sdk_bench::{Report, mean_gap_ms, round, s3_expected, s3_prompt};
use futures::StreamExt;

fn options() -> claude_agent_sdk::ClaudeAgentOptionsBuilder {
    let mut builder = ClaudeAgentOptions::builder();
    if let Some(cli) = std::env::var_os("CLAUDE_CLI") {
        builder = builder.cli_path(cli);
    }
    builder
}

fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let code = runtime.block_on(run(&scenario));
    // Every CLI was reaped before the report; shut the runtime down now.
    runtime.shutdown_background();
    std::process::exit(code);
}

async fn run(scenario: &str) -> i32 {
    let mut report = Report::start("rust", scenario);
    let ok = match scenario {
        "S1" => s1().await,
        "S2" => s2(10).await,
        "S2x25" => s2(25).await,
        "S3" => s3(&mut report).await,
        "S4" => s4(&mut report).await,
        "S5" => s5(&mut report).await,
        other => {
            eprintln!("unknown scenario {other:?}: use S1, S2, S2x25, S3, S4 or S5");
            return 2;
        }
    };
    let ok = match ok {
        Ok(ok) => ok,
        Err(err) => {
            eprintln!("{scenario} failed: {err}");
            false
        }
    };
    report.finish(ok)
}

/// One simple query.
async fn s1() -> claude_agent_sdk::Result<bool> {
    let messages = query("SAY hi", options().build()).await?;
    Ok(last_result(&messages).and_then(|r| r.result()) == Some("hi"))
}

/// `n` concurrent queries in one runtime.
async fn s2(n: usize) -> claude_agent_sdk::Result<bool> {
    let queries = (0..n).map(|i| async move {
        let messages = query(format!("SAY hi {i}"), options().build()).await?;
        Ok::<_, claude_agent_sdk::Error>(
            last_result(&messages).and_then(|r| r.result()) == Some(format!("hi {i}").as_str()),
        )
    });
    let results = futures::future::join_all(queries).await;
    let mut ok = true;
    for result in results {
        ok &= result?;
    }
    Ok(ok)
}

/// When each call of the `add` tool ran (scenario S3).
static CALLS: Mutex<Vec<Instant>> = Mutex::new(Vec::new());

/// Add two numbers. Returns the sum (`1`, not `1.0`).
#[tool]
async fn add(a: f64, b: f64) -> String {
    CALLS.lock().expect("calls").push(Instant::now());
    let sum = a + b;
    if sum.fract() == 0.0 && sum.abs() < 1e15 {
        format!("{}", sum as i64)
    } else {
        sum.to_string()
    }
}

/// 50 in-process MCP tool round trips in one query.
async fn s3(report: &mut Report) -> claude_agent_sdk::Result<bool> {
    let calc = McpServer::new("calc").version("1.0.0").tool(add);
    let options = options()
        .mcp_server(calc)
        .allowed_tools(["mcp__calc__add"])
        .build();
    let messages = query(s3_prompt(), options).await?;
    let times = CALLS.lock().expect("calls").clone();
    report.set("tool_calls", times.len());
    report.set("rt_mean_ms", round(mean_gap_ms(&times)));
    let result = last_result(&messages)
        .and_then(|r| r.result())
        .unwrap_or_default();
    Ok(result == s3_expected() && times.len() == 50)
}

/// A 5 MB answer streamed with partial messages.
async fn s4(report: &mut Report) -> claude_agent_sdk::Result<bool> {
    const N: usize = 5_000_000;
    let options = options().include_partial_messages(true).build();
    let mut stream = query_stream(format!("LONG {N}"), options).await?;
    let mut delta_chars = 0usize;
    let mut result_chars = 0usize;
    while let Some(message) = stream.next().await {
        match message? {
            Message::StreamEvent(event) => {
                delta_chars += event.text_delta().map_or(0, |t| t.chars().count());
            }
            Message::Result(result) => {
                result_chars = result.result().map_or(0, |t| t.chars().count());
            }
            _ => {}
        }
    }
    report.set("delta_chars", delta_chars);
    report.set("result_chars", result_chars);
    Ok(delta_chars == N && result_chars == N)
}

/// 20 turns on one CLI process.
async fn s5(report: &mut Report) -> claude_agent_sdk::Result<bool> {
    let mut client = ClaudeClient::new(options().build());
    client.connect().await?;
    let mut ok = true;
    let mut turn_ms = Vec::new();
    for i in 0..20 {
        let started = Instant::now();
        client.query(format!("SAY turn {i}")).await?;
        let mut answer = None;
        let mut turn = client.receive_response();
        while let Some(message) = turn.next().await {
            if let Message::Result(result) = message? {
                answer = result.result;
            }
        }
        turn_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        ok &= answer.as_deref() == Some(format!("turn {i}").as_str());
    }
    client.disconnect().await?;
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len().max(1) as f64;
    report.set("first_turn_ms", round(turn_ms[0]));
    report.set("turn_mean_ms", round(mean(&turn_ms)));
    report.set("turn_mean_after_first_ms", round(mean(&turn_ms[1..])));
    Ok(ok)
}
