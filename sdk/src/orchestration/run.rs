//! Running one task: a prompt in a new session, with an optional deadline.

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures::FutureExt;

use crate::error::{Error, Result};
use crate::messages::{ResultMessage, UserContent};
use crate::options::ClaudeAgentOptions;

/// Runs `prompt` in a new session and returns the turn's result.
pub(crate) async fn run_prompt(
    prompt: UserContent,
    options: ClaudeAgentOptions,
) -> Result<ResultMessage> {
    crate::session::prompt(prompt, options).await
}

/// Runs `work`, giving up after `timeout` (dropping the work stops its CLI).
pub(crate) async fn with_timeout<F>(
    name: &str,
    timeout: Option<Duration>,
    work: F,
) -> Result<ResultMessage>
where
    F: Future<Output = Result<ResultMessage>>,
{
    match timeout {
        None => work.await,
        Some(after) => tokio::time::timeout(after, work).await.unwrap_or_else(|_| {
            Err(Error::Timeout {
                operation: format!("task `{name}`"),
                after,
            })
        }),
    }
}

/// Runs `work`, turning a panic in it into an error: one task's panic must
/// not unwind the whole orchestration and lose the other outcomes.
pub(crate) async fn catch_panic<F>(name: &str, work: F) -> Result<ResultMessage>
where
    F: Future<Output = Result<ResultMessage>>,
{
    AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| Err(panicked(name, panic.as_ref())))
}

/// The error reported for a task that panicked.
pub(crate) fn panicked(name: &str, panic: &(dyn Any + Send)) -> Error {
    Error::Panicked {
        task: format!("task `{name}`"),
        message: crate::panic_message::panic_message(panic),
    }
}
