//! Orchestration: several sessions in parallel (one of them failing, to
//! show that the others are kept), then a pipeline in which each agent's
//! result feeds the next prompt.
//!
//! ```text
//! cargo run --example orchestration
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude.

use claude_agent_sdk::messages::ResultMessage;
use claude_agent_sdk::orchestration::{Parallel, Sequential};
use claude_agent_sdk_examples::backend;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let options = backend.options().max_turns(2).build();

    println!("== parallel: three tasks, two sessions at a time, one with a broken CLI path");
    let report = Parallel::new(options.clone())
        .max_concurrency(2)
        .prompt(
            "rust",
            backend.prompt(
                "In one sentence: what is Rust's ownership model?",
                "SAY Every value has one owner, and it is dropped when the owner goes away.",
            ),
        )
        .prompt(
            "go",
            backend.prompt(
                "In one sentence: what is a goroutine?",
                "SAY A goroutine is a function running concurrently on Go's scheduler.",
            ),
        )
        .prompt_with(
            "broken",
            "This task cannot start.",
            options
                .to_builder()
                .cli_path("/definitely/not/claude")
                .build(),
        )
        .run()
        .await;
    for outcome in &report.outcomes {
        println!("{outcome} ({} ms)", outcome.duration.as_millis());
    }
    let totals = report.totals();
    println!(
        "{} succeeded, {} failed, ${:.4}, {} output tokens\n",
        totals.succeeded, totals.failed, totals.cost_usd, totals.usage.output_tokens
    );

    println!("== sequential: a draft, then an edit of the draft");
    let scripted = !backend.is_live();
    let report = Sequential::new(options)
        .step(
            "draft",
            backend.prompt(
                "Write a two-sentence product blurb for a command-line todo app.",
                "SAY Todo-cli keeps your tasks in plain text. It syncs with git.",
            ),
        )
        .then("edit", move |draft: &ResultMessage| {
            let draft = draft.result().unwrap_or_default();
            if scripted {
                format!("SAY Edited: {draft}")
            } else {
                format!("Make this blurb punchier, in one sentence:\n\n{draft}")
            }
        })
        .run()
        .await;
    for outcome in &report.outcomes {
        println!("{outcome}");
    }
    match report.final_text() {
        Some(text) => println!("final: {text}"),
        None => println!("stopped at {:?}", report.failure().map(|o| o.name.clone())),
    }
    println!("cost: ${:.4}", report.totals().cost_usd);
    Ok(())
}
