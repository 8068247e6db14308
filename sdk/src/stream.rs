//! [`MessageStream`]: the messages of one CLI process as a `Stream`.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::Stream;
use tokio::sync::mpsc;

use crate::control::{Engine, Event, InitializeResponse};
use crate::error::{Error, Result};
use crate::messages::Message;

/// Stops the CLI when the last handle on it is dropped.
pub(crate) struct ShutdownGuard {
    engine: Engine,
}

impl ShutdownGuard {
    pub(crate) fn new(engine: Engine) -> Arc<Self> {
        Arc::new(Self { engine })
    }
}

impl Drop for ShutdownGuard {
    fn drop(&mut self) {
        if self.engine.exit_info().is_none() {
            tracing::debug!(pid = ?self.engine.pid(), "handle dropped: stopping the CLI");
            self.engine.shutdown(self.engine.shutdown_grace());
        }
    }
}

/// The messages of a session, as a [`Stream`] of `Result<Message>`.
///
/// Returned by [`query_stream`](crate::query_stream). It yields every
/// message the CLI emits for the application, then ends once the CLI has
/// exited. Control traffic and the frames the CLI addresses to the SDK
/// alone (`system/session_state_changed`, anything marked
/// `"sdk_host_only": true`) are handled internally. Problems with a single line (not JSON, a known
/// message type with an unexpected shape, a line over `max_buffer_size`)
/// are yielded as errors and the stream goes on; the end of the output
/// without a result, a CLI that died, or one that stayed silent past the
/// [idle timeout](crate::ClaudeAgentOptionsBuilder::idle_timeout) is a final
/// error.
///
/// Dropping the stream stops the CLI (stdin closed, then SIGTERM and SIGKILL
/// after the grace period): no process is left behind, not even the ones
/// the CLI's tools started (see [`SubprocessTransport`](crate::transport::SubprocessTransport)).
///
/// ```no_run
/// use futures::StreamExt;
/// use claude_agent_sdk::{query_stream, ClaudeAgentOptions, Message};
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let mut stream = query_stream("What is 2 + 2?", ClaudeAgentOptions::default()).await?;
/// while let Some(message) = stream.next().await {
///     match message? {
///         Message::Assistant(m) => print!("{}", m.text()),
///         Message::Result(r) => println!("\ncost: {:?}", r.cost_usd()),
///         _ => {}
///     }
/// }
/// # Ok(()) }
/// ```
pub struct MessageStream {
    events: mpsc::UnboundedReceiver<Event>,
    /// `None` for a run answered by the SDK alone (a local slash command).
    engine: Option<Engine>,
    _guard: Option<Arc<ShutdownGuard>>,
    server_info: Option<Arc<InitializeResponse>>,
    saw_result: bool,
    done: bool,
}

impl MessageStream {
    pub(crate) fn new(
        engine: Engine,
        events: mpsc::UnboundedReceiver<Event>,
        guard: Arc<ShutdownGuard>,
    ) -> Self {
        Self {
            events,
            engine: Some(engine),
            _guard: Some(guard),
            server_info: None,
            saw_result: false,
            done: false,
        }
    }

    /// A run the SDK answered without a CLI: these messages, then the end.
    pub(crate) fn local(messages: Vec<Message>) -> Self {
        let (sender, events) = mpsc::unbounded_channel();
        for message in messages {
            let _ = sender.send(Event::Message(Box::new(message)));
        }
        Self {
            events,
            engine: None,
            _guard: None,
            server_info: None,
            saw_result: false,
            done: false,
        }
    }

    pub(crate) fn set_server_info(&mut self, info: Arc<InitializeResponse>) {
        self.server_info = Some(info);
    }

    /// The CLI's answer to `initialize`: commands, agents, models, account.
    #[must_use]
    pub fn server_info(&self) -> Option<&InitializeResponse> {
        self.server_info.as_deref()
    }

    /// The session id, once the CLI has sent it (`None` for a slash command
    /// the SDK answered without starting the CLI).
    #[must_use]
    pub fn session_id(&self) -> Option<String> {
        self.engine
            .as_ref()?
            .run_state()
            .borrow()
            .session_id
            .clone()
    }

    /// The CLI's process id, if the transport knows it.
    #[must_use]
    pub fn pid(&self) -> Option<u32> {
        self.engine.as_ref()?.pid()
    }

    /// Stops the CLI now (as dropping the stream does); the stream then ends.
    pub fn abort(&self) {
        if let Some(engine) = &self.engine {
            engine.shutdown(engine.shutdown_grace());
        }
    }
}

impl std::fmt::Debug for MessageStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageStream")
            .field("pid", &self.pid())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl Stream for MessageStream {
    type Item = Result<Message>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.events.poll_recv(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Event::Message(message))) => {
                if message.is_result() {
                    self.saw_result = true;
                }
                Poll::Ready(Some(Ok(*message)))
            }
            Poll::Ready(Some(Event::LineError(err))) => {
                // A fatal one (the CLI stalled) ends the stream.
                self.done = err.is_fatal();
                Poll::Ready(Some(Err(err)))
            }
            Poll::Ready(Some(Event::Closed(exit))) => {
                self.done = true;
                // A result that could not be decoded was already reported
                // as a decode error with its raw line.
                let results_seen = self
                    .engine
                    .as_ref()
                    .is_some_and(|engine| engine.run_state().borrow().results > 0);
                if self.saw_result || results_seen {
                    Poll::Ready(None)
                } else if exit.success() {
                    Poll::Ready(Some(Err(Error::NoResult { exit })))
                } else {
                    Poll::Ready(Some(Err(Error::ProcessExited { exit })))
                }
            }
            Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(None)
            }
        }
    }
}
