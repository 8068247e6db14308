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
        }
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
            Some(Event::Message(message)) => Some(Ok(*message)),
            Some(Event::LineError(err)) => Some(Err(err)),
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

/// Messages received by a [`ClaudeClient`](super::ClaudeClient) or a
/// [`Session`](crate::session::Session): one turn's (up to and including its
/// result) or every message until the session ends.
///
/// Only one receiver reads at a time; a second one waits until the first is
/// dropped.
#[must_use = "streams do nothing unless polled"]
pub struct ResponseStream {
    inner: BoxStream<'static, Result<Message>>,
}

impl ResponseStream {
    pub(crate) fn new(queue: Arc<Mutex<EventQueue>>, until_result: bool) -> Self {
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
            let item = state.guard.as_mut()?.next().await?;
            if until_result && matches!(&item, Ok(Message::Result(_))) {
                state.done = true;
            }
            if let Err(err) = &item
                && err.is_fatal()
            {
                state.done = true;
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
