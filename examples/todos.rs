//! Todos: a list driven by hand, and one that follows Claude's own plan
//! live as it creates and updates tasks.
//!
//! ```text
//! cargo run --example todos
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude.

use claude_agent_sdk::query_stream;
use claude_agent_sdk::todos::{Todo, TodoEvent, TodoList, TodoTracker};
use claude_agent_sdk_examples::backend;
use futures::StreamExt;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // A list driven by hand.
    let mut list = TodoList::new();
    let read = list.add("Read the issue");
    let fix = list.add_todo(Todo::new("Fix the bug").with_active_form("Fixing the bug"));
    list.complete(&read)?;
    list.start(&fix)?;
    println!("== by hand ({})\n{list}\n", list.progress());

    // A list that follows the agent.
    let backend = backend().await?;
    let options = backend.options().track_todos(true).max_turns(12).build();
    let tracker = TodoTracker::new();
    let mut events = tracker.events();
    let printer = tokio::spawn(async move {
        while let Ok(event) = events.recv().await {
            match &event {
                TodoEvent::Added(todo) => println!("[+] #{} {}", todo.id, todo.subject),
                TodoEvent::Updated { before, after } if before.status != after.status => {
                    println!("[~] #{} {} -> {}", after.id, before.status, after.status);
                }
                TodoEvent::Removed(todo) => println!("[-] #{} {}", todo.id, todo.subject),
                _ => {}
            }
        }
    });

    let prompt = backend.prompt(
        "Plan how to add a --verbose flag to a command-line tool as three tasks with your task \
         tools (TaskCreate), then mark them in progress and completed one by one (TaskUpdate) as \
         if you did them. Do not touch any file. Finish with one sentence.",
        &[
            r#"CALL TaskCreate {"subject":"Parse the flag","description":"accept --verbose","activeForm":"Parsing the flag"}"#,
            r#"CALL TaskCreate {"subject":"Log more","description":"print details when verbose","activeForm":"Logging more"}"#,
            r#"CALL TaskCreate {"subject":"Document it","description":"README and --help","activeForm":"Documenting it"}"#,
            r#"CALL TaskUpdate {"taskId":"1","status":"in_progress"}"#,
            r#"CALL TaskUpdate {"taskId":"1","status":"completed"}"#,
            r#"CALL TaskUpdate {"taskId":"2","status":"in_progress"}"#,
            r#"CALL TaskUpdate {"taskId":"2","status":"completed"}"#,
            r#"CALL TaskUpdate {"taskId":"3","status":"in_progress"}"#,
            "SAY Two of three steps are done, the docs are in progress.",
        ]
        .join("; "),
    );
    println!("> {prompt}\n");
    let mut messages = tracker.track(query_stream(prompt, options).await?);
    while let Some(message) = messages.next().await {
        if let Some(result) = message?.as_result() {
            println!("\n[claude] {}", result.result().unwrap_or_default());
        }
    }
    drop(messages);
    let list = tracker.snapshot();
    println!("\n== the agent's plan ({})\n{list}", list.progress());
    drop(tracker);
    printer.abort();
    Ok(())
}
