//! [`AgentEvents`]: a message stream as a stream of [`AgentEvent`]s.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;

use super::activity::AgentActivity;
use super::event::AgentEvent;
use crate::error::Result;
use crate::messages::Message;

/// Wraps a message stream (a [`MessageStream`](crate::MessageStream), a
/// [`ResponseStream`](crate::client::ResponseStream), ...) and yields each
/// message as an [`AgentEvent`], keeping an [`AgentActivity`] up to date.
///
/// ```no_run
/// use futures::StreamExt;
/// use claude_agent_sdk::agents::{AgentEvent, AgentEvents, Thread};
/// use claude_agent_sdk::{ClaudeAgentOptions, query_stream};
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let stream = query_stream("Review the crate with the code-reviewer agent.", ClaudeAgentOptions::default()).await?;
/// let mut events = AgentEvents::new(stream);
/// while let Some(event) = events.next().await {
///     match event? {
///         AgentEvent::TaskStarted { task, .. } => println!("started {}", task.description),
///         AgentEvent::Message { thread: Thread::Subagent(id), message } => {
///             println!("[{id}] {}", message.type_name());
///         }
///         AgentEvent::TaskNotification { task, .. } => println!("done: {}", task.summary),
///         _ => {}
///     }
/// }
/// for subagent in events.activity().subagents() {
///     println!("{:?}: {:?}", subagent.subagent_type(), subagent.status());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "streams do nothing unless polled"]
pub struct AgentEvents<S> {
    inner: S,
    activity: AgentActivity,
}

impl<S> AgentEvents<S> {
    /// Follows `stream`.
    pub fn new(stream: S) -> Self {
        Self {
            inner: stream,
            activity: AgentActivity::new(),
        }
    }

    /// What was seen so far.
    #[must_use]
    pub fn activity(&self) -> &AgentActivity {
        &self.activity
    }

    /// Forgets the messages recorded so far (see
    /// [`AgentActivity::clear_messages`]): the activity keeps every message
    /// otherwise, for the whole stream.
    pub fn clear_messages(&mut self) {
        self.activity.clear_messages();
    }

    /// What was seen, and the stream back.
    pub fn into_parts(self) -> (S, AgentActivity) {
        (self.inner, self.activity)
    }
}

impl<S> Stream for AgentEvents<S>
where
    S: Stream<Item = Result<Message>> + Unpin,
{
    type Item = Result<AgentEvent>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(message))) => Poll::Ready(Some(Ok(this.activity.observe(message)))),
            Poll::Ready(Some(Err(err))) => Poll::Ready(Some(Err(err))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}
