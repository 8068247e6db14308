//! [`TaskOutcome`] and [`Totals`]: what one agent run gave, and the sum of
//! several.

use std::fmt;
use std::time::Duration;

use crate::error::Error;
use crate::messages::{ResultMessage, Usage};

/// How one task of an orchestration ended.
///
/// A task *fails* when the SDK could not run it (`result` is `Err`: no CLI,
/// a crash, a timeout) or when Claude reports the turn as failed (`result`
/// is a [`ResultMessage`] with `is_error`: an API error, max turns). Costs
/// and usage count in both cases where the CLI reports them.
#[derive(Debug)]
#[non_exhaustive]
pub struct TaskOutcome {
    /// The task's name.
    pub name: String,
    /// The turn's result, or why the task could not run.
    pub result: Result<ResultMessage, Error>,
    /// How long the task took.
    pub duration: Duration,
}

impl TaskOutcome {
    pub(crate) fn new(
        name: String,
        result: Result<ResultMessage, Error>,
        duration: Duration,
    ) -> Self {
        Self {
            name,
            result,
            duration,
        }
    }

    /// Whether the task ran and its turn succeeded.
    #[must_use]
    pub fn is_success(&self) -> bool {
        matches!(&self.result, Ok(result) if !result.is_error())
    }

    /// The turn's result, when the task ran (whether or not it failed).
    #[must_use]
    pub fn result_message(&self) -> Option<&ResultMessage> {
        self.result.as_ref().ok()
    }

    /// The final text of a successful task.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match &self.result {
            Ok(result) if !result.is_error() => result.result(),
            _ => None,
        }
    }

    /// Why the task failed, if it did.
    #[must_use]
    pub fn failure(&self) -> Option<String> {
        match &self.result {
            Err(error) => Some(error.to_string()),
            Ok(result) if result.is_error() => Some(format!(
                "the turn failed ({}{}): {}",
                result.subtype,
                result
                    .terminal_reason
                    .as_ref()
                    .map(|r| format!(", {r}"))
                    .unwrap_or_default(),
                result.result().unwrap_or("no message")
            )),
            Ok(_) => None,
        }
    }

    /// What the task cost in US dollars (0 when unknown).
    #[must_use]
    pub fn cost_usd(&self) -> f64 {
        self.result_message()
            .and_then(ResultMessage::cost_usd)
            .unwrap_or(0.0)
    }
}

impl fmt::Display for TaskOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.failure() {
            Some(why) => write!(f, "{}: failed: {why}", self.name),
            None => write!(
                f,
                "{}: {}",
                self.name,
                self.text().unwrap_or_default().trim()
            ),
        }
    }
}

/// Costs, usage and counts summed over the tasks of an orchestration.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Totals {
    /// Tasks that succeeded.
    pub succeeded: usize,
    /// Tasks that failed.
    pub failed: usize,
    /// The cost of every task that ran, in US dollars.
    pub cost_usd: f64,
    /// Token usage of every task that ran.
    pub usage: Usage,
    /// Model round trips.
    pub num_turns: u64,
    /// Time spent waiting for the API, summed over tasks.
    pub duration_api: Duration,
}

impl Totals {
    pub(crate) fn of<'a>(outcomes: impl IntoIterator<Item = &'a TaskOutcome>) -> Self {
        let mut totals = Self::default();
        for outcome in outcomes {
            if outcome.is_success() {
                totals.succeeded += 1;
            } else {
                totals.failed += 1;
            }
            let Some(result) = outcome.result_message() else {
                continue;
            };
            totals.cost_usd += result.cost_usd().unwrap_or(0.0);
            totals.num_turns += u64::from(result.num_turns);
            totals.duration_api += Duration::from_millis(result.duration_api_ms);
            if let Some(usage) = result.usage() {
                add_usage(&mut totals.usage, usage);
            }
        }
        totals
    }
}

fn add_usage(sum: &mut Usage, usage: &Usage) {
    fn add(sum: &mut Option<u64>, more: Option<u64>) {
        if let Some(more) = more {
            *sum = Some(sum.unwrap_or(0) + more);
        }
    }
    sum.input_tokens += usage.input_tokens;
    sum.output_tokens += usage.output_tokens;
    add(
        &mut sum.cache_creation_input_tokens,
        usage.cache_creation_input_tokens,
    );
    add(
        &mut sum.cache_read_input_tokens,
        usage.cache_read_input_tokens,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result(value: serde_json::Value) -> ResultMessage {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn totals_count_failed_turns_but_not_missing_runs() {
        let ok = TaskOutcome::new(
            "a".into(),
            Ok(result(
                json!({"subtype": "success", "is_error": false, "result": "fine",
                "total_cost_usd": 0.25, "num_turns": 2, "duration_api_ms": 100,
                "usage": {"input_tokens": 10, "output_tokens": 5, "cache_read_input_tokens": 3}}),
            )),
            Duration::from_millis(5),
        );
        let api_error = TaskOutcome::new(
            "b".into(),
            Ok(result(
                json!({"subtype": "success", "is_error": true, "result": "API Error: 400",
                "terminal_reason": "api_error", "total_cost_usd": 0.5, "num_turns": 1,
                "usage": {"input_tokens": 1, "output_tokens": 0}}),
            )),
            Duration::from_millis(5),
        );
        let not_run = TaskOutcome::new(
            "c".into(),
            Err(Error::NotConnected("no CLI".into())),
            Duration::ZERO,
        );
        let totals = Totals::of([&ok, &api_error, &not_run]);
        assert_eq!((totals.succeeded, totals.failed), (1, 2));
        assert!((totals.cost_usd - 0.75).abs() < 1e-9);
        assert_eq!(totals.usage.input_tokens, 11);
        assert_eq!(totals.usage.cache_read_input_tokens, Some(3));
        assert_eq!(totals.num_turns, 3);
        assert_eq!(totals.duration_api, Duration::from_millis(100));

        assert_eq!(ok.text(), Some("fine"));
        assert_eq!(ok.to_string(), "a: fine");
        assert!(api_error.failure().unwrap().contains("api_error"));
        assert_eq!(api_error.text(), None);
        assert!(not_run.to_string().starts_with("c: failed: not connected"));
        assert_eq!(not_run.cost_usd(), 0.0);
    }
}
