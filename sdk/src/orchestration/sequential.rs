//! [`Sequential`]: a pipeline of agents, each fed the previous result.

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use super::outcome::{TaskOutcome, Totals};
use super::run::{catch_panic, panicked, run_prompt, with_timeout};
use crate::error::{Error, Result};
use crate::messages::{ResultMessage, UserContent};
use crate::options::ClaudeAgentOptions;

type FromPrevious = Box<dyn FnOnce(&ResultMessage) -> UserContent + Send>;

enum StepPrompt {
    Fixed(UserContent),
    FromPrevious(FromPrevious),
}

struct Step {
    name: String,
    prompt: StepPrompt,
    options: Option<ClaudeAgentOptions>,
}

/// Runs agent steps one after the other, each in a new session, each
/// prompt made from the previous step's result.
///
/// The first failure (no CLI, a crash, an API error, a timeout, a panic in
/// a prompt closure) stops the pipeline: its outcome is reported, and the
/// steps after it are listed as skipped.
///
/// ```no_run
/// use claude_agent_sdk::ClaudeAgentOptions;
/// use claude_agent_sdk::orchestration::Sequential;
///
/// # async fn demo() {
/// let writer = ClaudeAgentOptions::builder().system_prompt("You write release notes.").build();
/// let editor = ClaudeAgentOptions::builder().system_prompt("You edit for brevity.").build();
/// let report = Sequential::new(writer)
///     .step("draft", "Draft release notes for version 2.0 from CHANGELOG.md.")
///     .then_with("edit", editor, |draft| {
///         format!("Shorten these notes:\n\n{}", draft.result().unwrap_or_default())
///     })
///     .run()
///     .await;
/// match report.final_text() {
///     Some(notes) => println!("{notes}"),
///     None => eprintln!("stopped: {:?}", report.failure().map(|o| o.failure())),
/// }
/// # }
/// ```
#[must_use = "nothing runs until `run()` is awaited"]
pub struct Sequential {
    options: ClaudeAgentOptions,
    timeout: Option<Duration>,
    steps: Vec<Step>,
}

impl std::fmt::Debug for Sequential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sequential")
            .field("timeout", &self.timeout)
            .field(
                "steps",
                &self.steps.iter().map(|s| &s.name).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Sequential {
    /// A pipeline whose steps use `options` unless given their own.
    pub fn new(options: ClaudeAgentOptions) -> Self {
        Self {
            options,
            timeout: None,
            steps: Vec::new(),
        }
    }

    /// Gives each step at most this long (see
    /// [`Parallel::task_timeout`](super::Parallel::task_timeout)).
    pub fn task_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Adds a step with a fixed prompt.
    pub fn step(mut self, name: impl Into<String>, prompt: impl Into<UserContent>) -> Self {
        self.steps.push(Step {
            name: name.into(),
            prompt: StepPrompt::Fixed(prompt.into()),
            options: None,
        });
        self
    }

    /// Adds a step with a fixed prompt and its own options.
    pub fn step_with(
        mut self,
        name: impl Into<String>,
        options: ClaudeAgentOptions,
        prompt: impl Into<UserContent>,
    ) -> Self {
        self.steps.push(Step {
            name: name.into(),
            prompt: StepPrompt::Fixed(prompt.into()),
            options: Some(options),
        });
        self
    }

    /// Adds a step whose prompt is made from the previous step's result.
    pub fn then<F, P>(self, name: impl Into<String>, prompt: F) -> Self
    where
        F: FnOnce(&ResultMessage) -> P + Send + 'static,
        P: Into<UserContent>,
    {
        self.push_then(name.into(), None, prompt)
    }

    /// Adds a step with its own options whose prompt is made from the
    /// previous step's result.
    pub fn then_with<F, P>(
        self,
        name: impl Into<String>,
        options: ClaudeAgentOptions,
        prompt: F,
    ) -> Self
    where
        F: FnOnce(&ResultMessage) -> P + Send + 'static,
        P: Into<UserContent>,
    {
        self.push_then(name.into(), Some(options), prompt)
    }

    fn push_then<F, P>(
        mut self,
        name: String,
        options: Option<ClaudeAgentOptions>,
        prompt: F,
    ) -> Self
    where
        F: FnOnce(&ResultMessage) -> P + Send + 'static,
        P: Into<UserContent>,
    {
        self.steps.push(Step {
            name,
            prompt: StepPrompt::FromPrevious(Box::new(move |previous| prompt(previous).into())),
            options,
        });
        self
    }

    /// Runs the steps in order until one fails.
    pub async fn run(self) -> SequentialReport {
        let mut outcomes: Vec<TaskOutcome> = Vec::new();
        let mut skipped = Vec::new();
        let mut steps = self.steps.into_iter();
        for step in steps.by_ref() {
            let started = Instant::now();
            let previous = outcomes.last().and_then(TaskOutcome::result_message);
            let prompt = make_prompt(&step.name, step.prompt, previous);
            let options = step.options.unwrap_or_else(|| self.options.clone());
            let result = match prompt {
                Ok(prompt) => {
                    let work = catch_panic(&step.name, run_prompt(prompt, options));
                    with_timeout(&step.name, self.timeout, work).await
                }
                Err(error) => Err(error),
            };
            let outcome = TaskOutcome::new(step.name, result, started.elapsed());
            let failed = !outcome.is_success();
            outcomes.push(outcome);
            if failed {
                break;
            }
        }
        skipped.extend(steps.map(|step| step.name));
        SequentialReport { outcomes, skipped }
    }
}

/// The prompt of the step `name`: a closure that panics fails the step.
fn make_prompt(
    name: &str,
    prompt: StepPrompt,
    previous: Option<&ResultMessage>,
) -> Result<UserContent> {
    match (prompt, previous) {
        (StepPrompt::Fixed(prompt), _) => Ok(prompt),
        (StepPrompt::FromPrevious(make), Some(previous)) => {
            std::panic::catch_unwind(AssertUnwindSafe(|| make(previous)))
                .map_err(|panic| panicked(name, panic.as_ref()))
        }
        (StepPrompt::FromPrevious(_), None) => Err(Error::InvalidOptions(format!(
            "step `{name}` is made from the previous result, but it is the first step"
        ))),
    }
}

/// The outcome of a [`Sequential`] run.
#[derive(Debug)]
#[non_exhaustive]
pub struct SequentialReport {
    /// The steps that ran, in order; only the last may have failed.
    pub outcomes: Vec<TaskOutcome>,
    /// The steps that did not run because an earlier one failed.
    pub skipped: Vec<String>,
}

impl SequentialReport {
    /// Whether every step ran and succeeded.
    #[must_use]
    pub fn is_success(&self) -> bool {
        self.skipped.is_empty() && self.outcomes.iter().all(TaskOutcome::is_success)
    }

    /// The step that failed, if one did.
    #[must_use]
    pub fn failure(&self) -> Option<&TaskOutcome> {
        self.outcomes.iter().find(|o| !o.is_success())
    }

    /// The last step's text, when every step succeeded.
    #[must_use]
    pub fn final_text(&self) -> Option<&str> {
        if self.is_success() {
            self.outcomes.last().and_then(TaskOutcome::text)
        } else {
            None
        }
    }

    /// Costs, usage and counts over the steps that ran.
    #[must_use]
    pub fn totals(&self) -> Totals {
        Totals::of(&self.outcomes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[tokio::test]
    async fn a_failing_first_step_skips_the_rest() {
        let options = ClaudeAgentOptions::builder()
            .cli_path(PathBuf::from("/definitely/not/claude"))
            .build();
        let report = Sequential::new(options)
            .step("one", "SAY 1")
            .then("two", |r: &ResultMessage| {
                format!("SAY {}", r.result().unwrap_or_default())
            })
            .run()
            .await;
        assert_eq!(report.outcomes.len(), 1);
        assert!(report.outcomes[0].result.is_err());
        assert_eq!(report.skipped, ["two"]);
        assert!(!report.is_success());
        assert_eq!(report.failure().unwrap().name, "one");
        assert_eq!(report.final_text(), None);
    }

    #[test]
    fn a_panicking_prompt_closure_fails_its_step() {
        let previous: ResultMessage = serde_json::from_value(serde_json::json!({
            "subtype": "success", "is_error": false, "result": "draft"
        }))
        .unwrap();
        let steps = Sequential::new(ClaudeAgentOptions::default())
            .then("edit", |_: &ResultMessage| -> String {
                panic!("no prompt for you")
            })
            .steps;
        let step = steps.into_iter().next().unwrap();
        let error = make_prompt(&step.name, step.prompt, Some(&previous)).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("task `edit` panicked: no prompt for you"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn a_first_step_cannot_use_a_previous_result() {
        let report = Sequential::new(ClaudeAgentOptions::default())
            .then("orphan", |_: &ResultMessage| "x")
            .step("after", "y")
            .run()
            .await;
        assert!(matches!(
            report.outcomes[0].result,
            Err(Error::InvalidOptions(_))
        ));
        assert_eq!(report.skipped, ["after"]);
    }
}
