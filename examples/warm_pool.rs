//! Warm starts: the same questions asked cold (a CLI started per query) and
//! through a pool of parked spare CLIs, with the latency of each on this
//! machine.
//!
//! ```text
//! cargo run --example warm_pool
//! ```
//!
//! A CLI takes most of a second to start. `WarmPool` keeps spares started
//! with `--await-claim`, parked and initialized; each query claims one for
//! its folder and only pays for the turn itself, while the pool starts the
//! next spare in the background. Without `ANTHROPIC_API_KEY` the SDK's
//! scripted model server answers, so the difference shown is the CLI's
//! start-up alone.

use std::time::{Duration, Instant};

use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::query;
use claude_agent_sdk::warm::{ClaimOptions, WarmPool};
use claude_agent_sdk_examples::backend;
use futures::StreamExt;

const QUESTIONS: [&str; 5] = [
    "Name a prime number.",
    "Name a colour.",
    "Name a planet.",
    "Name a river.",
    "Name a metal.",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let prompt = |i: usize| backend.prompt(QUESTIONS[i], &format!("SAY answer {i}"));

    // The very first CLI start also fills the disk cache: not counted.
    query(prompt(0), backend.options().max_turns(1).build()).await?;

    println!("Cold: a CLI started for every query");
    let mut cold = Vec::new();
    for i in 0..QUESTIONS.len() {
        let asked = Instant::now();
        let messages = query(prompt(i), backend.options().max_turns(1).build()).await?;
        cold.push(asked.elapsed());
        let answer = last_result(&messages)
            .and_then(|r| r.result())
            .unwrap_or_default();
        println!("  {:>5} ms  {answer}", asked.elapsed().as_millis());
    }

    println!("Warm: a pool of 2 parked spares, refilled in the background");
    let pool = WarmPool::builder(backend.options().max_turns(1).build())
        .spares(2)
        .build();
    // A service would build the pool at start-up; here, wait for it once.
    pool.wait_parked(2, Duration::from_secs(60)).await;
    let mut warm = Vec::new();
    for i in 0..QUESTIONS.len() {
        let asked = Instant::now();
        let mut stream = pool
            .query(prompt(i), ClaimOptions::new(backend.work_dir()))
            .await?;
        let mut answer = String::new();
        while let Some(message) = stream.next().await {
            if let claude_agent_sdk::Message::Result(result) = message? {
                answer = result.result().unwrap_or_default().to_owned();
            }
        }
        warm.push(asked.elapsed());
        println!("  {:>5} ms  {answer}", asked.elapsed().as_millis());
    }
    let stats = pool.stats();
    pool.shutdown().await;

    let mean = |xs: &[Duration]| xs.iter().sum::<Duration>() / xs.len().max(1) as u32;
    println!(
        "Mean per query: cold {} ms, warm {} ms ({:.2}x); pool: {} hits, {} misses, {} ms to get a spare ready",
        mean(&cold).as_millis(),
        mean(&warm).as_millis(),
        mean(&warm).as_secs_f64() / mean(&cold).as_secs_f64(),
        stats.hits,
        stats.misses,
        stats.mean_time_to_ready.unwrap_or_default().as_millis(),
    );
    Ok(())
}
