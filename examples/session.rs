//! Sessions: create, send and receive, resume, fork; then the saved
//! history: list, read, rename, tag, fork from a chosen message, copy into
//! a session store, delete.
//!
//! ```text
//! cargo run --example session
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude (and the sessions it
//! makes, which it deletes at the end, go to your own `~/.claude`); without
//! it, the SDK's scripted model server plays Claude in a scratch directory.

use claude_agent_sdk::Message;
use claude_agent_sdk::session::Session;
use claude_agent_sdk::session::history::{ForkSession, ListSessions, SessionHistory};
use claude_agent_sdk::session::store::{InMemorySessionStore, SessionStore, import_session};
use claude_agent_sdk_examples::backend;
use futures::StreamExt;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let options = backend.options().max_turns(1).build();

    // A session: one CLI process, many turns.
    let mut session = Session::create(options.clone()).await?;
    let first = backend.prompt(
        "Remember the number 7. Reply with one short sentence.",
        "SAY I will remember 7.",
    );
    println!("> {first}");
    session.send(first).await?;
    let mut turn = session.receive();
    while let Some(message) = turn.next().await {
        match message? {
            Message::Assistant(answer) => println!("[claude] {}", answer.text()),
            Message::Result(result) => println!("[done] {} turn(s)", result.num_turns),
            _ => {}
        }
    }
    drop(turn);
    let second = backend.prompt("Now also remember 11.", "SAY Noted: 11.");
    println!("> {second}");
    println!("[claude] {}", answer(&mut session, &second).await?);
    let id = session.id().expect("known after the first turn");
    session.close().await?;
    println!("session {id}");

    // Resume it later: the model sees the earlier turns.
    let mut resumed = Session::resume(&id, options.clone()).await?;
    let question = backend.prompt(
        "Which numbers did I ask you to remember?",
        "SAY You asked me to remember 7 and 11.",
    );
    println!("> {question}");
    println!(
        "[claude, resumed] {}",
        answer(&mut resumed, &question).await?
    );
    resumed.close().await?;

    // Fork it: a new session id with the same history.
    let mut forked = Session::fork(&id, options.clone()).await?;
    let aside = backend.prompt("Forget 11.", "SAY Forgotten, in this branch.");
    println!("[claude, fork] {}", answer(&mut forked, &aside).await?);
    let fork_id = forked.id().expect("known after the first turn");
    forked.close().await?;

    // The history the CLI saved.
    let history = match backend.config_dir() {
        Some(dir) => SessionHistory::new(dir),
        None => SessionHistory::from_env()?,
    };
    let project = match options.cwd() {
        Some(dir) => dir.to_path_buf(),
        None => std::env::current_dir()?,
    };
    println!("\nRecent sessions in {}:", project.display());
    for info in history.list_sessions(&ListSessions::new().dir(&project).limit(5))? {
        println!(
            "  {} {:>7} bytes  {}",
            info.session_id, info.file_size, info.summary
        );
    }
    let messages = history.get_session_messages(&id, None, 0)?;
    println!("\nSession {id}:");
    for message in &messages {
        println!("  {:?}: {}", message.kind, message.text());
    }

    history.rename_session(&id, "Numbers to remember")?;
    history.tag_session(&id, Some("example"))?;
    if let Some(info) = history.get_session_info(&id)? {
        println!(
            "\nRenamed: {:?}, tag {:?}",
            info.title().unwrap_or_default(),
            info.tag.as_deref().unwrap_or_default()
        );
    }

    // Branch off after the first answer, and continue the branch.
    let branch = history.fork_session(
        &id,
        &ForkSession::new()
            .up_to_message(&messages[1].uuid)
            .title("Only seven"),
    )?;
    let mut continued = Session::resume(&branch, options.clone()).await?;
    let recall = backend.prompt("Which numbers did I ask you to remember?", "SAY Only 7.");
    println!(
        "[claude, branch {branch}] {}",
        answer(&mut continued, &recall).await?
    );
    continued.close().await?;

    // Copy the session into a store (a database would do the same).
    let store = InMemorySessionStore::new();
    let key = import_session(&history, &id, &store).await?;
    let entries = store.load(&key).await?.unwrap_or_default();
    println!("\nStored {key}: {} entries", entries.len());

    // Leave the history as it was.
    for made in [&id, &fork_id, &branch] {
        history.delete_session(made)?;
    }
    println!("Deleted the {} sessions this example made.", 3);
    Ok(())
}

/// Sends a prompt and returns the turn's answer.
async fn answer(session: &mut Session, prompt: &str) -> anyhow::Result<String> {
    let result = session.turn(prompt).await?;
    Ok(result.result().unwrap_or_default().to_owned())
}
