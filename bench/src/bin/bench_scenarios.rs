//! The end-to-end benchmark scenarios, done through the SDK's public API as
//! an application would, against the CLI named by `CLAUDE_CLI` and the
//! model server named by `ANTHROPIC_BASE_URL` (it starts neither).
//!
//! ```text
//! bench-scenarios S1|S2|S2x25|S3|S4|S5|S6|S7|S8|W1
//! ```
//!
//! S6-S8 take the CLI's start-up off the critical path ([`claude_agent_sdk::warm`]);
//! W1 measures what a parked spare costs while it waits.
//!
//! The last line of output is a JSON report; the exit code is 0 iff the
//! scenario's answer was right.

use std::sync::Mutex;
use std::time::Instant;

use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::warm::{ClaimOptions, WarmPool, prewarm, startup};
use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient, Message, query, query_stream, tool};
use claude_agent_sdk_bench::{
    Report, mean, mean_gap_ms, percentile, process_cpu_ms, process_rss_kb, round, s3_expected,
    s3_prompt,
};
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
        "S6" => s6(&mut report).await,
        "S7" => s7(&mut report, std::time::Duration::ZERO).await,
        "S7p" => s7(&mut report, std::time::Duration::from_secs(1)).await,
        "S8" => s8(&mut report).await,
        "W1" => w1(&mut report).await,
        other => {
            eprintln!("unknown scenario {other:?}: use S1-S8, S2x25 or W1");
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

/// The text of a run's result.
fn answer(messages: &[Message]) -> Option<String> {
    last_result(messages).and_then(|r| r.result().map(str::to_owned))
}

async fn collect(
    stream: claude_agent_sdk::MessageStream,
) -> claude_agent_sdk::Result<Vec<Message>> {
    Ok(collect_until_result(stream, Instant::now()).await?.0)
}

/// The run's messages, and the milliseconds from `asked` to its result
/// (the stream itself ends later, when the CLI has exited).
async fn collect_until_result(
    mut stream: claude_agent_sdk::MessageStream,
    asked: Instant,
) -> claude_agent_sdk::Result<(Vec<Message>, f64)> {
    let mut messages = Vec::new();
    let mut answered = None;
    while let Some(message) = stream.next().await {
        let message = message?;
        if message.is_result() && answered.is_none() {
            answered = Some(ms(asked));
        }
        messages.push(message);
    }
    let answered = answered.unwrap_or_else(|| ms(asked));
    Ok((messages, answered))
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// The folder sessions are claimed for: where the scenario runs.
fn here() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_else(|_| ".".into())
}

/// One query on a CLI started ahead of time with `startup`.
async fn s6(report: &mut Report) -> claude_agent_sdk::Result<bool> {
    let started = Instant::now();
    let warm = startup(options().build()).await?;
    report.set("warmup_ms", round(ms(started)));
    let asked = Instant::now();
    let (messages, answered) = collect_until_result(warm.query("SAY hi").await?, asked).await?;
    report.set("query_ms", round(answered));
    Ok(answer(&messages).as_deref() == Some("hi"))
}

/// 20 sequential one-shot queries through a pool of 2 spares, `pause`
/// apart (S7: back to back; S7p: a second apart, as a user would type).
async fn s7(report: &mut Report, pause: std::time::Duration) -> claude_agent_sdk::Result<bool> {
    let pool = WarmPool::builder(options().build()).spares(2).build();
    let mut ok = true;
    let mut latencies = Vec::new();
    let mut hits_after_first = 0;
    for i in 0..20 {
        if i > 0 {
            tokio::time::sleep(pause).await;
        }
        let hits_before = pool.stats().hits;
        let asked = Instant::now();
        let stream = pool
            .query(format!("SAY hi {i}"), ClaimOptions::new(here()))
            .await?;
        let (messages, answered) = collect_until_result(stream, asked).await?;
        latencies.push(answered);
        ok &= answer(&messages) == Some(format!("hi {i}"));
        if i > 0 && pool.stats().hits > hits_before {
            hits_after_first += 1;
        }
    }
    let stats = pool.stats();
    pool.shutdown().await;
    report.set("query_mean_ms", round(mean(&latencies)));
    report.set("query_p95_ms", round(percentile(&latencies, 95.0)));
    report.set("hit_rate", round(stats.hit_rate()));
    report.set(
        "hit_rate_after_first",
        round(f64::from(hits_after_first) / 19.0),
    );
    report.set(
        "time_to_ready_ms",
        round(
            stats
                .mean_time_to_ready
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        ),
    );
    Ok(ok)
}

/// 50 queries, 5 in flight, through a pool of 5 spares.
async fn s8(report: &mut Report) -> claude_agent_sdk::Result<bool> {
    let pool = WarmPool::builder(options().build()).spares(5).build();
    let started = Instant::now();
    pool.wait_parked(5, std::time::Duration::from_secs(60))
        .await;
    report.set("warmup_ms", round(ms(started)));
    let started = Instant::now();
    let shared = &pool;
    let results: Vec<claude_agent_sdk::Result<bool>> = futures::stream::iter(0..50)
        .map(|i| async move {
            let stream = shared
                .query(format!("SAY hi {i}"), ClaimOptions::new(here()))
                .await?;
            Ok(answer(&collect(stream).await?) == Some(format!("hi {i}")))
        })
        .buffer_unordered(5)
        .collect()
        .await;
    report.set("queries_ms", round(ms(started)));
    let stats = pool.stats();
    // Wall time and tree CPU include starting the pool and stopping the
    // spares left parked.
    pool.shutdown().await;
    let mut ok = true;
    for result in results {
        ok &= result?;
    }
    report.set("hit_rate", round(stats.hit_rate()));
    report.set("waited", stats.waited);
    report.set("spares_spawned", stats.spawned);
    Ok(ok)
}

/// What a parked spare costs while it waits: its RSS and CPU per idle
/// minute (measured over `W1_SECONDS`, default 60, after 5 s to settle).
async fn w1(report: &mut Report) -> claude_agent_sdk::Result<bool> {
    let seconds: u64 = std::env::var("W1_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let spare = prewarm(options().build()).await?;
    let Some(pid) = spare.pid() else {
        return Ok(false);
    };
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    let cpu_start = process_cpu_ms(pid).unwrap_or(f64::NAN);
    tokio::time::sleep(std::time::Duration::from_secs(seconds)).await;
    let cpu_end = process_cpu_ms(pid).unwrap_or(f64::NAN);
    #[allow(clippy::cast_precision_loss)]
    let per_minute = (cpu_end - cpu_start) * 60.0 / seconds as f64;
    report.set(
        "spare_rss_mb",
        round(process_rss_kb(pid).unwrap_or(0) as f64 / 1024.0),
    );
    report.set("spare_cpu_ms_per_idle_min", round(per_minute));
    let alive = spare.is_alive();
    spare.close().await;
    Ok(alive)
}
