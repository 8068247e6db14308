//! [`Parallel`]: fan work out over several sessions at once.

use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};

use super::outcome::{TaskOutcome, Totals};
use super::run::{catch_panic, run_prompt, with_timeout};
use crate::error::Result;
use crate::messages::{ResultMessage, UserContent};
use crate::options::ClaudeAgentOptions;

/// How many sessions run at once unless told otherwise.
pub const DEFAULT_CONCURRENCY: usize = 4;

enum Work {
    Prompt {
        prompt: UserContent,
        options: Option<Box<ClaudeAgentOptions>>,
    },
    Custom(BoxFuture<'static, Result<ResultMessage>>),
}

struct Task {
    name: String,
    work: Work,
}

/// Runs several agent tasks at once, each in its own session, at most
/// [`max_concurrency`](Self::max_concurrency) at a time, and reports every
/// outcome: a task that fails (no CLI, a crash, an API error, a timeout)
/// is reported without stopping or losing the others. Costs and usage are
/// summed in [`ParallelReport::totals`].
///
/// Each CLI process costs about 0.7 s of CPU to start and 200 MB of
/// memory: size the limit for the machine.
///
/// ```no_run
/// use claude_agent_sdk::ClaudeAgentOptions;
/// use claude_agent_sdk::orchestration::Parallel;
///
/// # async fn demo() {
/// let options = ClaudeAgentOptions::builder().max_turns(3).build();
/// let report = Parallel::new(options)
///     .max_concurrency(2)
///     .prompt("rust", "Summarize the Rust 2024 edition in one sentence.")
///     .prompt("go", "Summarize Go 1.22 in one sentence.")
///     .prompt("zig", "Summarize Zig 0.13 in one sentence.")
///     .run()
///     .await;
/// for outcome in &report.outcomes {
///     println!("{outcome}");
/// }
/// let totals = report.totals();
/// println!("{} ok, {} failed, ${:.4}", totals.succeeded, totals.failed, totals.cost_usd);
/// # }
/// ```
#[must_use = "nothing runs until `run()` is awaited"]
pub struct Parallel {
    options: ClaudeAgentOptions,
    limit: usize,
    timeout: Option<Duration>,
    tasks: Vec<Task>,
}

impl std::fmt::Debug for Parallel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parallel")
            .field("limit", &self.limit)
            .field("timeout", &self.timeout)
            .field(
                "tasks",
                &self.tasks.iter().map(|t| &t.name).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Parallel {
    /// A fan-out whose prompt tasks use `options`.
    pub fn new(options: ClaudeAgentOptions) -> Self {
        Self {
            options,
            limit: DEFAULT_CONCURRENCY,
            timeout: None,
            tasks: Vec::new(),
        }
    }

    /// How many tasks run at once (at least 1; default
    /// [`DEFAULT_CONCURRENCY`]).
    pub fn max_concurrency(mut self, limit: usize) -> Self {
        self.limit = limit.max(1);
        self
    }

    /// Gives each task at most this long; a task that takes longer is
    /// stopped (its CLI too) and fails with
    /// [`Error::Timeout`](crate::Error::Timeout).
    pub fn task_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Adds a task: `prompt` in a new session with the shared options.
    pub fn prompt(mut self, name: impl Into<String>, prompt: impl Into<UserContent>) -> Self {
        self.tasks.push(Task {
            name: name.into(),
            work: Work::Prompt {
                prompt: prompt.into(),
                options: None,
            },
        });
        self
    }

    /// Adds a task: `prompt` in a new session with its own options (another
    /// model, agent, working directory, ...).
    pub fn prompt_with(
        mut self,
        name: impl Into<String>,
        prompt: impl Into<UserContent>,
        options: ClaudeAgentOptions,
    ) -> Self {
        self.tasks.push(Task {
            name: name.into(),
            work: Work::Prompt {
                prompt: prompt.into(),
                options: Some(Box::new(options)),
            },
        });
        self
    }

    /// Adds a task of your own (several turns of a
    /// [`Session`](crate::session::Session), a [`ClaudeClient`](crate::ClaudeClient)
    /// with tools, ...): a future that gives the result to report.
    pub fn task<F>(mut self, name: impl Into<String>, work: F) -> Self
    where
        F: Future<Output = Result<ResultMessage>> + Send + 'static,
    {
        self.tasks.push(Task {
            name: name.into(),
            work: Work::Custom(work.boxed()),
        });
        self
    }

    /// Runs every task and waits for all of them. Never fails: each
    /// task's failure is in its outcome, a task that panics included (its
    /// outcome is an error carrying the panic message).
    pub async fn run(self) -> ParallelReport {
        let Self {
            options,
            limit,
            timeout,
            tasks,
        } = self;
        let runs = tasks.into_iter().enumerate().map(|(index, task)| {
            let options = options.clone();
            async move {
                let started = Instant::now();
                let work = async {
                    match task.work {
                        Work::Prompt {
                            prompt,
                            options: own,
                        } => run_prompt(prompt, own.map_or(options, |own| *own)).await,
                        Work::Custom(future) => future.await,
                    }
                };
                // A panicking task fails alone instead of unwinding the run.
                let result = with_timeout(&task.name, timeout, catch_panic(&task.name, work)).await;
                (
                    index,
                    TaskOutcome::new(task.name, result, started.elapsed()),
                )
            }
        });
        let mut finished: Vec<(usize, TaskOutcome)> = futures::stream::iter(runs)
            .buffer_unordered(limit)
            .collect()
            .await;
        finished.sort_by_key(|(index, _)| *index);
        ParallelReport {
            outcomes: finished.into_iter().map(|(_, outcome)| outcome).collect(),
        }
    }
}

/// The outcomes of a [`Parallel`] run, in the order the tasks were added.
#[derive(Debug)]
#[non_exhaustive]
pub struct ParallelReport {
    /// One outcome per task.
    pub outcomes: Vec<TaskOutcome>,
}

impl ParallelReport {
    /// The outcome of the task named `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&TaskOutcome> {
        self.outcomes.iter().find(|o| o.name == name)
    }

    /// The tasks that succeeded.
    pub fn successes(&self) -> impl Iterator<Item = &TaskOutcome> {
        self.outcomes.iter().filter(|o| o.is_success())
    }

    /// The tasks that failed.
    pub fn failures(&self) -> impl Iterator<Item = &TaskOutcome> {
        self.outcomes.iter().filter(|o| !o.is_success())
    }

    /// Whether every task succeeded.
    #[must_use]
    pub fn all_succeeded(&self) -> bool {
        self.outcomes.iter().all(TaskOutcome::is_success)
    }

    /// Costs, usage and counts over every task.
    #[must_use]
    pub fn totals(&self) -> Totals {
        Totals::of(&self.outcomes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ok(text: &str) -> Result<ResultMessage> {
        Ok(serde_json::from_value(serde_json::json!({
            "subtype": "success", "is_error": false, "result": text, "total_cost_usd": 0.5
        }))
        .unwrap())
    }

    #[tokio::test]
    async fn respects_the_limit_and_keeps_the_order() {
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut fan_out = Parallel::new(ClaudeAgentOptions::default()).max_concurrency(2);
        for i in 0..5u64 {
            let running = running.clone();
            let peak = peak.clone();
            fan_out = fan_out.task(format!("t{i}"), async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                // Later tasks finish first.
                tokio::time::sleep(Duration::from_millis(40 - 8 * i)).await;
                running.fetch_sub(1, Ordering::SeqCst);
                if i == 3 {
                    Err(Error::NotConnected("task 3 fails".into()))
                } else {
                    ok(&format!("r{i}"))
                }
            });
        }
        let report = fan_out.run().await;
        assert_eq!(peak.load(Ordering::SeqCst), 2);
        let names: Vec<&str> = report.outcomes.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["t0", "t1", "t2", "t3", "t4"]);
        assert_eq!(report.successes().count(), 4);
        assert_eq!(report.failures().next().unwrap().name, "t3");
        assert_eq!(report.get("t4").unwrap().text(), Some("r4"));
        assert!(!report.all_succeeded());
        let totals = report.totals();
        assert_eq!((totals.succeeded, totals.failed), (4, 1));
        assert!((totals.cost_usd - 2.0).abs() < 1e-9);
    }

    #[test]
    fn runs_can_be_spawned() {
        fn send<T: Send>(_: &T) {}
        send(
            &Parallel::new(ClaudeAgentOptions::default())
                .prompt("p", "x")
                .run(),
        );
        send(
            &super::super::Sequential::new(ClaudeAgentOptions::default())
                .step("s", "x")
                .run(),
        );
    }

    #[tokio::test]
    async fn a_panicking_task_fails_alone() {
        let report = Parallel::new(ClaudeAgentOptions::default())
            .task("ok", async { ok("fine") })
            .task("boom", async {
                if true {
                    panic!("the task blew up");
                }
                ok("never")
            })
            .task("also ok", async { ok("fine too") })
            .run()
            .await;
        assert_eq!(report.outcomes.len(), 3);
        assert!(report.get("ok").unwrap().is_success());
        assert!(report.get("also ok").unwrap().is_success());
        let failure = report.get("boom").unwrap().failure().unwrap();
        assert!(
            failure.contains("task `boom` panicked: the task blew up"),
            "{failure}"
        );
    }

    #[tokio::test]
    async fn a_slow_task_times_out_alone() {
        let report = Parallel::new(ClaudeAgentOptions::default())
            .task_timeout(Duration::from_millis(50))
            .task("slow", async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                ok("late")
            })
            .task("fast", async { ok("quick") })
            .run()
            .await;
        assert!(matches!(
            report.get("slow").unwrap().result,
            Err(Error::Timeout { .. })
        ));
        assert!(report.get("fast").unwrap().is_success());
    }
}
