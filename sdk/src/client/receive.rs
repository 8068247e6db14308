//! Receiving a client's messages: per turn or across turns.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::Stream;
use futures::stream::BoxStream;
use tokio::sync::{Mutex, mpsc};

use crate::control::{Engine, Event};
use crate::error::{Error, Result};
use crate::messages::Message;

/// The client's single queue of messages from the CLI.
pub(crate) struct EventQueue {
    events: mpsc::UnboundedReceiver<Event>,
    /// Messages the SDK made (replies of local slash commands).
    local: mpsc::UnboundedReceiver<Message>,
    engine: Engine,
    finished: bool,
    /// The CLI's results taken from the queue so far, undecodable ones
    /// included: the same count as the run state's, one message later.
    results: u64,
}

impl EventQueue {
    pub(crate) fn new(
        events: mpsc::UnboundedReceiver<Event>,
        local: mpsc::UnboundedReceiver<Message>,
        engine: Engine,
    ) -> Self {
        Self {
            events,
            local,
            engine,
            finished: false,
            results: 0,
        }
    }

    /// The CLI's results (undecodable ones included) taken from the queue
    /// so far; after [`next`](Self::next) returned one of them, its
    /// position among them (1 for the first). Results the SDK made are not
    /// counted.
    pub(crate) fn results(&self) -> u64 {
        self.results
    }

    /// The next message, a problem with one line, the error that ended the
    /// session, or `None` once the session is over.
    pub(crate) async fn next(&mut self) -> Option<Result<Message>> {
        if self.finished {
            return None;
        }
        // The CLI's messages first: a local reply is queued only once the
        // results before it were delivered here.
        let event = tokio::select! {
            biased;
            event = self.events.recv() => event,
            Some(message) = self.local.recv() => return Some(Ok(message)),
        };
        match event {
            Some(Event::Message(message)) => {
                if matches!(*message, Message::Result(_)) {
                    self.results += 1;
                }
                Some(Ok(*message))
            }
            Some(Event::LineError(err)) => {
                if is_undecoded_result(&err) {
                    self.results += 1;
                }
                Some(Err(err))
            }
            Some(Event::Closed(exit)) => {
                self.finished = true;
                if self.engine.ended_by_caller() {
                    None
                } else {
                    Some(Err(Error::ProcessExited { exit }))
                }
            }
            None => {
                self.finished = true;
                None
            }
        }
    }
}

/// Whether `err` is a `result` line whose typed decoding failed (the run
/// state counts those as results too).
fn is_undecoded_result(err: &Error) -> bool {
    let Error::Decode { line, .. } = err else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(line)
        .is_ok_and(|v| v.get("type").and_then(serde_json::Value::as_str) == Some("result"))
}

/// Where a [`ResponseStream`] ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Until {
    /// When the session ends.
    End,
    /// After the first result.
    Result,
    /// After the result that answers a prompt sent to the CLI: the first of
    /// the CLI's results after its `n`-th. Earlier results of the CLI and
    /// results the SDK made are taken from the queue but not yielded.
    CliResultAfter(u64),
    /// After the result of a prompt the SDK answered itself: the first
    /// result the SDK made. The CLI's results are taken from the queue but
    /// not yielded.
    LocalResult,
}

/// Messages received by a [`ClaudeClient`](super::ClaudeClient) or a
/// [`Session`](crate::session::Session): one turn's (up to and including its
/// result) or every message until the session ends.
///
/// Only one receiver reads at a time; a second one waits until the first is
/// dropped or has ended. A turn's stream ends (and lets the next receiver
/// read) as soon as it has yielded the turn's result or an error that ended
/// the session, even if it is kept.
#[must_use = "streams do nothing unless polled"]
pub struct ResponseStream {
    inner: BoxStream<'static, Result<Message>>,
}

impl ResponseStream {
    pub(crate) fn new(queue: Arc<Mutex<EventQueue>>, until: Until) -> Self {
        struct State {
            queue: Arc<Mutex<EventQueue>>,
            guard: Option<tokio::sync::OwnedMutexGuard<EventQueue>>,
            done: bool,
        }
        let state = State {
            queue,
            guard: None,
            done: false,
        };
        let inner = futures::stream::unfold(state, move |mut state| async move {
            if state.done {
                return None;
            }
            if state.guard.is_none() {
                state.guard = Some(state.queue.clone().lock_owned().await);
            }
            let item = loop {
                let queue = state.guard.as_mut()?;
                let before = queue.results();
                let item = queue.next().await?;
                // The position of one of the CLI's results.
                let cli_result = (queue.results() > before).then(|| queue.results());
                let is_result = matches!(&item, Ok(Message::Result(_)));
                let (answer, stale) = match until {
                    Until::End => (false, false),
                    Until::Result => (is_result, false),
                    Until::CliResultAfter(after) => match cli_result {
                        Some(n) => (is_result && n > after, n <= after),
                        None => (false, is_result),
                    },
                    Until::LocalResult => (is_result && cli_result.is_none(), cli_result.is_some()),
                };
                if stale {
                    tracing::debug!("a result of earlier work skipped");
                    continue;
                }
                state.done = answer;
                break item;
            };
            if let Err(err) = &item
                && err.is_fatal()
            {
                state.done = true;
            }
            if state.done {
                // Let the next receiver read even while this one is kept.
                state.guard = None;
            }
            Some((item, state))
        });
        Self {
            inner: Box::pin(inner),
        }
    }
}

impl ResponseStream {
    /// A stream that yields one error (e.g. "not connected") and ends.
    pub(crate) fn from_error(err: Error) -> Self {
        Self {
            inner: Box::pin(futures::stream::once(async move { Err(err) })),
        }
    }
}

impl Stream for ResponseStream {
    type Item = Result<Message>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for ResponseStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseStream").finish_non_exhaustive()
    }
}
