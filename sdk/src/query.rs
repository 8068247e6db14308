//! One-shot queries: [`query`] and [`query_stream`].

use std::time::Duration;

use futures::StreamExt;
use serde_json::{Value, json};
use tracing::Instrument;

use crate::commands::{Prepared, prepare};
use crate::control::{Connection, RunState, connect};
use crate::error::{Error, Result};
use crate::messages::{Message, UserContent};
use crate::options::ClaudeAgentOptions;
use crate::stream::{MessageStream, ShutdownGuard};

/// How long the CLI gets to exit on its own once its input is closed at the
/// end of a run.
const EXIT_AFTER_RUN: Duration = Duration::from_secs(10);

/// Sends one prompt and collects every message of the run (it starts with
/// the turn's `system/init`, unless hook events come first) up to and
/// including its result.
///
/// Use [`query_stream`] to handle messages as they arrive. A turn that
/// Claude reports as failed (max turns, an API error) is returned as
/// messages, with `is_error` set on the result; `Err` means the SDK could
/// not drive the CLI (not found, crashed, no result, ...).
///
/// A line of output that cannot be decoded does not fail the query, so
/// nothing collected is lost: it is logged (a `tracing` warning with the raw
/// line) and, when it is JSON, kept as [`Message::Unknown`]. With
/// [`query_stream`] each such line is an [`Error::Decode`] or
/// [`Error::LineTooLong`] item instead.
///
/// ```no_run
/// use claude_agent_sdk::{query, ClaudeAgentOptions, Message};
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let options = ClaudeAgentOptions::builder().max_turns(3).build();
/// let messages = query("What is 2 + 2?", options).await?;
/// if let Some(result) = claude_agent_sdk::messages::last_result(&messages) {
///     println!("{}", result.result().unwrap_or_default());
/// }
/// # Ok(()) }
/// ```
pub async fn query(
    prompt: impl Into<UserContent>,
    options: ClaudeAgentOptions,
) -> Result<Vec<Message>> {
    let mut stream = query_stream(prompt, options).await?;
    let mut messages = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(message) => messages.push(message),
            Err(Error::Decode { line, source }) => {
                tracing::warn!(error = %source, %line, "kept a CLI line that could not be decoded");
                if let Ok(value) = serde_json::from_str::<Value>(&line) {
                    messages.push(Message::Unknown(value));
                }
            }
            Err(err @ Error::LineTooLong { .. }) => {
                tracing::warn!(error = %err, "skipped a CLI line over the size limit");
            }
            Err(err) => return Err(err),
        }
    }
    Ok(messages)
}

/// Sends one prompt and returns the run's messages as a stream.
///
/// The CLI is started, sent `initialize` and the prompt at once, and this
/// function returns when the CLI has answered `initialize` (so a missing or
/// broken CLI is reported here). The CLI's input stays open until the run is
/// over (its result, and on CLIs that report it, the session going idle),
/// so hooks, permission callbacks and in-process tools keep working until
/// the end. See [`MessageStream`].
///
/// A prompt that invokes a slash command of the options'
/// [registry](crate::commands) is handled first: a local command is
/// answered without starting the CLI (the stream holds its reply and a
/// result), an expanding command's prompt is sent in place of the command
/// line.
pub async fn query_stream(
    prompt: impl Into<UserContent>,
    options: ClaudeAgentOptions,
) -> Result<MessageStream> {
    let span = tracing::info_span!(
        "claude_agent_sdk::query",
        model = options.model.as_deref().unwrap_or("default"),
        pid = tracing::field::Empty,
    );
    let prompt = match prepare(&options, prompt.into(), None).await {
        Prepared::Send(prompt) => prompt,
        Prepared::Local(messages) => return Ok(MessageStream::local(messages)),
    };
    async move {
        let Connection {
            engine,
            events,
            initialize,
            ..
        } = connect(&options).await?;
        tracing::Span::current().record("pid", engine.pid());
        let guard = ShutdownGuard::new(engine.clone());
        let mut stream = MessageStream::new(engine.clone(), events, guard);
        if let Err(err) = engine
            .send_input(&user_message_frame(prompt, &options))
            .await
        {
            // The CLI went away at once: its answer to `initialize` (failed
            // with the exit status and stderr) says why better.
            return Err(Connection::initialized(initialize, &options)
                .await
                .err()
                .unwrap_or(err));
        }
        let start = RunState::default();
        tokio::spawn(end_input_when_run_finishes(engine, start).in_current_span());
        let info = Connection::initialized(initialize, &options).await?;
        stream.set_server_info(std::sync::Arc::new(info));
        Ok(stream)
    }
    .instrument(span)
    .await
}

/// Closes the CLI's input once the run of the prompt sent at `start` (the
/// run state when it was written) is over, and makes sure the CLI then
/// exits.
pub(crate) async fn end_input_when_run_finishes(engine: crate::control::Engine, start: RunState) {
    let mut run = engine.run_state();
    let finished = run
        .wait_for(|state| state.closed || state.idle_since(&start))
        .await
        .map(|state| !state.closed)
        .unwrap_or(false);
    if !finished {
        return;
    }
    engine.end_input();
    let exited = tokio::time::timeout(EXIT_AFTER_RUN, run.wait_for(|state| state.closed)).await;
    if exited.is_err() {
        tracing::warn!("the CLI did not exit after its input closed; stopping it");
        engine.shutdown(engine.shutdown_grace());
    }
}

/// The stdin frame of a user message.
pub(crate) fn user_message_frame(content: UserContent, options: &ClaudeAgentOptions) -> Value {
    let content = match content {
        UserContent::Text(text) => Value::String(text),
        UserContent::Blocks(blocks) => Value::Array(
            blocks
                .iter()
                .map(crate::messages::ContentBlock::to_value)
                .collect(),
        ),
    };
    let mut frame = json!({
        "type": "user",
        "session_id": "",
        "message": {"role": "user", "content": content},
        "parent_tool_use_id": null,
    });
    if options.verbatim_prompts {
        frame["client_composed"] = Value::Bool(true);
    }
    frame
}
