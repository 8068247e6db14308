//! [`startup`]: a CLI started and initialized ahead of time, and the
//! [`WarmQuery`] handle that runs a prompt on it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tracing::Instrument;

use super::claim::ClaimInfo;
use crate::client::ClaudeClient;
use crate::commands::{Prepared, prepare};
use crate::control::{Connection, Engine, Event, InitializeResponse, connect};
use crate::error::{ExitInfo, Result};
use crate::messages::UserContent;
use crate::options::ClaudeAgentOptions;
use crate::query::{end_input_when_run_finishes, user_message_frame};
use crate::stream::{MessageStream, ShutdownGuard};

/// How long the CLI gets to exit on its own after [`WarmQuery::close`]
/// closes its input.
pub(crate) const EXIT_AFTER_CLOSE: Duration = Duration::from_secs(10);

/// Starts the CLI and completes the `initialize` handshake now, so that a
/// later prompt does not wait for the CLI to start.
///
/// A CLI takes most of a second (and about as much CPU) from spawn to
/// `initialize`; [`WarmQuery::query`] then only pays for the turn itself.
/// The [initialize timeout](crate::ClaudeAgentOptionsBuilder::initialize_timeout)
/// bounds the wait. The handle owns the CLI: [`close`](WarmQuery::close)
/// or dropping it stops the CLI and everything it started.
///
/// ```no_run
/// use futures::StreamExt;
/// use claude_agent_sdk::{ClaudeAgentOptions, Message};
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// // While the application starts up:
/// let warm = claude_agent_sdk::warm::startup(ClaudeAgentOptions::default()).await?;
/// // Later, when the user asks:
/// let mut stream = warm.query("What is 2 + 2?").await?;
/// while let Some(message) = stream.next().await {
///     if let Message::Result(result) = message? {
///         println!("{}", result.result().unwrap_or_default());
///     }
/// }
/// # Ok(()) }
/// ```
pub async fn startup(options: ClaudeAgentOptions) -> Result<WarmQuery> {
    let span = tracing::info_span!("claude_agent_sdk::startup", pid = tracing::field::Empty);
    async move {
        let started = Instant::now();
        let Connection {
            engine,
            events,
            initialize,
            ..
        } = connect(&options).await?;
        tracing::Span::current().record("pid", engine.pid());
        let guard = ShutdownGuard::new(engine.clone());
        let info = Connection::initialized(initialize, &options).await?;
        let ready_in = started.elapsed();
        tracing::debug!(?ready_in, "the CLI is warm");
        Ok(WarmQuery {
            options,
            engine,
            events,
            info: Arc::new(info),
            guard,
            claim: None,
            ready_in,
        })
    }
    .instrument(span)
    .await
}

/// A CLI that has started and answered `initialize`, waiting for its first
/// prompt. Made by [`startup`], or by claiming a
/// [spare](super::SpareProcess::claim).
///
/// Run one prompt with [`query`](Self::query), or turn it into a
/// [`ClaudeClient`] for a conversation with [`into_client`](Self::into_client).
/// Dropping it stops the CLI.
pub struct WarmQuery {
    pub(crate) options: ClaudeAgentOptions,
    pub(crate) engine: Engine,
    pub(crate) events: mpsc::UnboundedReceiver<Event>,
    pub(crate) info: Arc<InitializeResponse>,
    pub(crate) guard: Arc<ShutdownGuard>,
    pub(crate) claim: Option<ClaimInfo>,
    pub(crate) ready_in: Duration,
}

impl WarmQuery {
    /// Sends `prompt` and returns the run's messages as a stream, exactly as
    /// [`query_stream`](crate::query_stream) does on a cold CLI: the CLI's
    /// input closes once the run is over, and dropping the stream stops it.
    ///
    /// A prompt that a local slash command of the options' registry
    /// answers is answered without the CLI, which is then stopped.
    pub async fn query(self, prompt: impl Into<UserContent>) -> Result<MessageStream> {
        let Self {
            options,
            engine,
            events,
            info,
            guard,
            ..
        } = self;
        let session = engine.run_state().borrow().session_id.clone();
        let prompt = match prepare(&options, prompt.into(), session).await {
            Prepared::Send(prompt) => prompt,
            Prepared::Local(messages) => return Ok(MessageStream::local(messages)),
        };
        let start = engine.run_state().borrow().clone();
        let mut stream = MessageStream::new(engine.clone(), events, guard);
        stream.set_server_info(info);
        engine
            .send_input(&user_message_frame(prompt, &options))
            .await?;
        tokio::spawn(end_input_when_run_finishes(engine, start).in_current_span());
        Ok(stream)
    }

    /// A connected [`ClaudeClient`] on this CLI, for many turns.
    #[must_use]
    pub fn into_client(self) -> ClaudeClient {
        ClaudeClient::from_warm(self)
    }

    /// The CLI's answer to `initialize` (for a claimed spare: its answer at
    /// the claim, with the claimed folder's commands and agents).
    #[must_use]
    pub fn server_info(&self) -> &InitializeResponse {
        &self.info
    }

    /// What the CLI reported at the claim, for a claimed spare.
    #[must_use]
    pub fn claim_info(&self) -> Option<&ClaimInfo> {
        self.claim.as_ref()
    }

    /// The options the session runs with (for a claimed spare: the spare's
    /// options with the claim's folder, model and other settings).
    #[must_use]
    pub fn options(&self) -> &ClaudeAgentOptions {
        &self.options
    }

    /// How long the CLI took from spawn to its `initialize` answer.
    #[must_use]
    pub fn ready_in(&self) -> Duration {
        self.ready_in
    }

    /// The CLI's process id, if the transport knows it.
    #[must_use]
    pub fn pid(&self) -> Option<u32> {
        self.engine.pid()
    }

    /// Whether the CLI is still running.
    #[must_use]
    pub fn is_alive(&self) -> bool {
        self.engine.exit_info().is_none()
    }

    /// Stops the CLI: closes its input and waits for it to exit (stopping
    /// it if it does not within a few seconds).
    pub async fn close(self) -> Option<ExitInfo> {
        self.engine.close_and_wait(EXIT_AFTER_CLOSE).await
    }
}

impl std::fmt::Debug for WarmQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmQuery")
            .field("pid", &self.pid())
            .field("claim", &self.claim)
            .field("ready_in", &self.ready_in)
            .finish_non_exhaustive()
    }
}
