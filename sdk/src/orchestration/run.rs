//! Running one task: a prompt in a new session, with an optional deadline.

use std::time::Duration;

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
