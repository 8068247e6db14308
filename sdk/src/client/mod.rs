//! [`ClaudeClient`]: one CLI process, many turns, and the control methods.
//!
//! ```no_run
//! use futures::StreamExt;
//! use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient, Message};
//!
//! # async fn demo() -> claude_agent_sdk::Result<()> {
//! let mut client = ClaudeClient::new(ClaudeAgentOptions::default());
//! client.connect().await?;
//! client.query("Name a prime number.").await?;
//! let mut turn = client.receive_response();
//! while let Some(message) = turn.next().await {
//!     if let Message::Result(result) = message? {
//!         println!("{}", result.result().unwrap_or_default());
//!     }
//! }
//! // The turn's stream has ended with its result: the next one can read.
//! client.query("And another one?").await?; // same process, same conversation
//! client.disconnect().await?;
//! # Ok(()) }
//! ```

mod control;
mod control_types;
mod local;
mod receive;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, StreamExt};
use tokio::sync::Mutex;
use tracing::Instrument;

pub use control_types::{
    ContextUsage, InterruptOutcome, McpServerStatus, McpSetServersResult, McpToolInfo,
    RewindFilesResult,
};
pub use receive::ResponseStream;

use crate::commands::{Prepared, prepare};
use crate::control::{Engine, InitializeResponse};
use crate::error::{Error, ExitInfo, Result};
use crate::messages::{SessionState, UserContent};
use crate::options::ClaudeAgentOptions;
use crate::query::user_message_frame;
use crate::stream::ShutdownGuard;
use receive::EventQueue;
pub(crate) use receive::Until;

/// How long the CLI gets to exit on its own after `disconnect` closes its
/// input.
const EXIT_AFTER_DISCONNECT: Duration = Duration::from_secs(10);

/// A bidirectional session with one CLI process: many prompts, streaming
/// input, and control methods (interrupt, change the model or permission
/// mode, MCP status, ...).
///
/// The CLI's input stays open between turns, so hooks, permission callbacks
/// and in-process tools keep working after a turn's result (for background
/// agents, for instance). All methods but [`connect`](Self::connect) and
/// [`disconnect`](Self::disconnect) take `&self`: connect first, then share
/// the client (in an `Arc`) to read in one task and interrupt from another
/// ([`warm::WarmQuery::into_client`](crate::warm::WarmQuery::into_client)
/// and [`warm::WarmPool::client`](crate::warm::WarmPool::client) give a
/// client already connected). Dropping the client stops the CLI.
pub struct ClaudeClient {
    options: ClaudeAgentOptions,
    connected: Option<Connected>,
}

struct Connected {
    engine: Engine,
    /// Where the replies of local slash commands join the messages.
    local: local::LocalReplies,
    /// The run state when the last prompt was sent.
    sent: std::sync::Mutex<Option<crate::control::RunState>>,
    queue: Arc<Mutex<EventQueue>>,
    info: Arc<InitializeResponse>,
    _guard: Arc<ShutdownGuard>,
}

impl Connected {
    fn from_warm(warm: crate::warm::WarmQuery) -> Self {
        let crate::warm::WarmQuery {
            engine,
            events,
            info,
            guard,
            ..
        } = warm;
        let (local, local_rx) = tokio::sync::mpsc::unbounded_channel();
        let local = local::LocalReplies::start(&engine, local);
        let queue = Arc::new(Mutex::new(EventQueue::new(
            events,
            local_rx,
            engine.clone(),
        )));
        Self {
            engine,
            local,
            sent: std::sync::Mutex::new(None),
            queue,
            info,
            _guard: guard,
        }
    }
}

impl ClaudeClient {
    /// A client for these options; nothing starts until
    /// [`connect`](Self::connect).
    #[must_use]
    pub fn new(options: ClaudeAgentOptions) -> Self {
        Self {
            options,
            connected: None,
        }
    }

    /// Starts the CLI and completes the `initialize` handshake.
    ///
    /// Does nothing while the CLI started by an earlier call runs. If it
    /// has exited (it crashed, or was stopped), that connection is dropped
    /// and a new CLI is started with the same options: a new conversation,
    /// unless the options resume one. Streams from the old connection only
    /// report its end.
    ///
    /// Fails with a typed error if the CLI is missing, too old, refuses an
    /// option, or does not answer within the initialize timeout; it never
    /// hangs.
    pub async fn connect(&mut self) -> Result<()> {
        if let Some(connected) = &self.connected {
            if connected.engine.exit_info().is_none() {
                return Ok(());
            }
            tracing::debug!("the CLI has exited; starting a new one");
            self.connected = None;
        }
        let span = tracing::info_span!("claude_agent_sdk::client");
        let warm = crate::warm::startup(self.options.clone())
            .instrument(span)
            .await?;
        self.connected = Some(Connected::from_warm(warm));
        Ok(())
    }

    /// A client connected to a warm CLI.
    pub(crate) fn from_warm(warm: crate::warm::WarmQuery) -> Self {
        Self {
            options: warm.options.clone(),
            connected: Some(Connected::from_warm(warm)),
        }
    }

    fn connected(&self) -> Result<&Connected> {
        self.connected
            .as_ref()
            .ok_or_else(|| Error::NotConnected("call `connect()` first".to_owned()))
    }

    pub(crate) fn engine(&self) -> Result<&Engine> {
        Ok(&self.connected()?.engine)
    }

    /// Sends a prompt. Returns once it is written; read the answer with
    /// [`receive_response`](Self::receive_response).
    ///
    /// A prompt that invokes a slash command of the options'
    /// [registry](crate::commands) (`/status`) is handled first: a local
    /// command's reply becomes the turn's messages (no model request,
    /// nothing sent to the CLI), an expanding command's prompt is sent
    /// instead of the command line. Other prompts, other `/commands`
    /// included, are sent as they are. Like the CLI's own local commands, a
    /// local reply comes after the results of the prompts sent before it.
    pub async fn query(&self, prompt: impl Into<UserContent>) -> Result<()> {
        self.send_prompt(prompt.into()).await.map(drop)
    }

    /// Sends a prompt like [`query`](Self::query); returns where the
    /// stream of its turn ends (see [`receive_turn`](Self::receive_turn)).
    pub(crate) async fn send_prompt(&self, prompt: UserContent) -> Result<Until> {
        let connected = self.connected()?;
        let prompt = match prepare(&self.options, prompt, self.session_id()).await {
            Prepared::Send(prompt) => prompt,
            Prepared::Local(messages) => {
                if let Some(exit) = connected.engine.exit_info() {
                    return Err(Error::ProcessExited { exit });
                }
                connected.local.deliver(messages);
                return Ok(Until::LocalResult);
            }
        };
        let snapshot = connected.engine.run_state().borrow().clone();
        let results_before = snapshot.results;
        *connected.sent.lock().unwrap_or_else(|e| e.into_inner()) = Some(snapshot);
        connected
            .engine
            .send_input(&user_message_frame(prompt, &self.options))
            .await?;
        let expected = connected.local.prompt_sent(results_before);
        Ok(Until::CliResultAfter(expected.saturating_sub(1)))
    }

    /// Sends a prompt made of content blocks (text, images, documents).
    pub async fn query_with_content(
        &self,
        content: Vec<crate::messages::ContentBlock>,
    ) -> Result<()> {
        self.query(UserContent::Blocks(content)).await
    }

    /// Sends every prompt of `prompts` as it arrives (streaming input), and
    /// returns when the stream ends. The session stays open.
    pub async fn send_stream<S>(&self, prompts: S) -> Result<()>
    where
        S: Stream + Send,
        S::Item: Into<UserContent>,
    {
        let mut prompts = std::pin::pin!(prompts);
        while let Some(prompt) = prompts.next().await {
            self.query(prompt).await?;
        }
        Ok(())
    }

    /// The messages of the current turn, up to and including its result.
    ///
    /// Messages that arrive after a result (a background agent's second
    /// result, the session going idle) are read by the next call.
    pub fn receive_response(&self) -> ResponseStream {
        self.receive_until(Until::Result)
    }

    /// Every message, across turns, until the session ends.
    pub fn receive_messages(&self) -> ResponseStream {
        self.receive_until(Until::End)
    }

    /// The messages of the turn of a prompt sent with
    /// [`send_prompt`](Self::send_prompt), which returned `until`: up to
    /// and including the prompt's result. Results left in the queue by
    /// earlier work (earlier prompts, a background agent's follow-up) are
    /// taken from it but not yielded.
    pub(crate) fn receive_turn(&self, until: Until) -> ResponseStream {
        self.receive_until(until)
    }

    fn receive_until(&self, until: Until) -> ResponseStream {
        match self.connected() {
            Ok(connected) => ResponseStream::new(connected.queue.clone(), until),
            Err(err) => ResponseStream::from_error(err),
        }
    }

    /// The session id, once the CLI has sent it.
    #[must_use]
    pub fn session_id(&self) -> Option<String> {
        let connected = self.connected.as_ref()?;
        connected.engine.run_state().borrow().session_id.clone()
    }

    /// The session's state as the CLI last reported it (`running`,
    /// `requires_action`, `idle`), on CLIs that report it.
    #[must_use]
    pub fn state(&self) -> Option<SessionState> {
        let connected = self.connected.as_ref()?;
        connected.engine.run_state().borrow().state.clone()
    }

    /// Waits until the session is idle: every turn sent so far has its
    /// result and no background work is running. On CLIs that do not
    /// report session state this waits for the results only.
    pub async fn wait_idle(&self) -> Result<()> {
        let connected = self.connected()?;
        let Some(sent) = connected
            .sent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        else {
            return Ok(());
        };
        let mut run = connected.engine.run_state();
        let state = run
            .wait_for(|s| s.closed || s.idle_since(&sent))
            .await
            .map_err(|_| Error::NotConnected("the session ended".into()))?;
        if state.closed {
            return Err(Error::NotConnected("the session ended".into()));
        }
        Ok(())
    }

    /// The CLI's answer to `initialize`.
    pub fn server_info(&self) -> Result<&InitializeResponse> {
        Ok(&self.connected()?.info)
    }

    /// Ends the session: closes the CLI's input and waits for it to exit
    /// (stopping it if it does not within a few seconds).
    pub async fn disconnect(&mut self) -> Result<Option<ExitInfo>> {
        let Some(connected) = self.connected.take() else {
            return Ok(None);
        };
        Ok(connected.engine.close_and_wait(EXIT_AFTER_DISCONNECT).await)
    }

    /// The CLI's process id, if the transport knows it.
    #[must_use]
    pub fn pid(&self) -> Option<u32> {
        self.connected.as_ref()?.engine.pid()
    }

    /// Whether [`connect`](Self::connect) succeeded and the session has not
    /// ended.
    #[must_use]
    pub fn is_connected(&self) -> bool {
        self.connected
            .as_ref()
            .is_some_and(|c| c.engine.exit_info().is_none())
    }

    /// The options this client was made with.
    #[must_use]
    pub fn options(&self) -> &ClaudeAgentOptions {
        &self.options
    }
}

impl std::fmt::Debug for ClaudeClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClaudeClient")
            .field("connected", &self.connected.is_some())
            .field("pid", &self.pid())
            .finish_non_exhaustive()
    }
}
