//! Subagents: define them with `#[agent]`, let the model start them, and
//! follow what each one does.
//!
//! ```text
//! cargo run --example agents
//! ```
//!
//! - `CodeReviewer` is an `#[agent]` whose system prompt lives in
//!   `examples/agents/code_reviewer.md` (embedded at compile time) and
//!   which may only read files;
//! - `AgentEvents` sorts the run's messages by agent: the main thread, and
//!   one thread per subagent, with its task starting, progressing and
//!   ending;
//! - at the end, each subagent's type, status, usage and report.
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude, so it runs on any machine.

use claude_agent_sdk::agents::{AgentEvent, AgentEvents, Thread};
use claude_agent_sdk::{AgentDefinition, Message, agent, query_stream};
use claude_agent_sdk_examples::backend;
use futures::StreamExt;

/// Reviews Rust code for bugs and unsafe patterns. Use it to review Rust files.
#[agent(
    prompt_file = "agents/code_reviewer.md",
    tools = ["Read", "Grep", "Glob"],
    model = "inherit",
    max_turns = 8
)]
struct CodeReviewer;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let options = backend
        .options()
        .agent(CodeReviewer)
        // An agent built at run time, next to the declared one.
        .agent_definition(
            "explainer",
            AgentDefinition::new(
                "Explains code to beginners.",
                "Explain code in plain words.",
            )
            .tools(["Read"])
            .max_turns(4),
        )
        .allowed_tools(["Agent", "Read", "Grep", "Glob"])
        .max_turns(6)
        .build();
    let prompt = backend.prompt(
        &format!(
            "Ask the {} agent to review examples/agents.rs (in the foreground), then summarise \
             its report in one sentence.",
            CodeReviewer::NAME
        ),
        &format!(
            r#"CALL Agent {{"subagent_type":"{}","description":"review agents.rs","prompt":"SAY No problems found in examples/agents.rs.","run_in_background":false}}; SAY The reviewer found no problems."#,
            CodeReviewer::NAME
        ),
    );
    println!("> {prompt}");

    let mut events = AgentEvents::new(query_stream(prompt, options).await?);
    while let Some(event) = events.next().await {
        match event? {
            AgentEvent::TaskStarted { thread, task } => println!(
                "[{thread}] started {} ({})",
                task.subagent_type.as_deref().unwrap_or("task"),
                task.description
            ),
            AgentEvent::TaskProgress { thread, task } => {
                if let Some(usage) = task.task_usage() {
                    println!("[{thread}] {} tool uses so far", usage.tool_uses);
                }
            }
            AgentEvent::TaskNotification { thread, task } => {
                println!("[{thread}] {}: {}", task.status, task.summary);
            }
            AgentEvent::Message {
                thread,
                message: Message::Assistant(assistant),
            } => {
                for call in assistant.tool_uses() {
                    println!("[{thread}] calls {}", call.name);
                }
                let text = assistant.text();
                if !text.is_empty() {
                    println!("[{thread}] says: {text}");
                }
            }
            AgentEvent::Message {
                thread: Thread::Main,
                message: Message::Result(result),
            } => println!("result: {}", result.result().unwrap_or_default()),
            _ => {}
        }
    }

    for subagent in events.activity().subagents() {
        println!(
            "subagent {} ({}): {} — {}",
            subagent.subagent_type().unwrap_or("?"),
            subagent.tool_use_id(),
            subagent.status(),
            subagent.summary().unwrap_or("no report")
        );
        if let Some(usage) = subagent.usage() {
            println!(
                "  {} tokens, {} tool uses, {} ms",
                usage.total_tokens, usage.tool_uses, usage.duration_ms
            );
        }
    }
    Ok(())
}
