//! Orchestration: work that spans several sessions.
//!
//! - [`Parallel`] fans prompts (or your own session code) out over several
//!   CLI processes with a concurrency limit, and reports every outcome: one
//!   failure does not stop or hide the others. Costs and usage are summed.
//! - [`Sequential`] runs agents one after the other, each prompt made from
//!   the previous result, and stops at the first failure.
//!
//! Each task runs in a session of its own (a fresh context, its own CLI
//! process, its own options), so different agents, models, tools and
//! working directories can be combined.
//!
//! ```no_run
//! use claude_agent_sdk::ClaudeAgentOptions;
//! use claude_agent_sdk::orchestration::{Parallel, Sequential};
//!
//! # async fn demo() {
//! let options = ClaudeAgentOptions::builder().max_turns(2).build();
//! let reviews = Parallel::new(options.clone())
//!     .max_concurrency(2)
//!     .prompt("security", "Review src/auth.rs for security bugs.")
//!     .prompt("style", "Review src/auth.rs for style.")
//!     .run()
//!     .await;
//! let findings: Vec<String> = reviews.outcomes.iter().map(|o| o.to_string()).collect();
//!
//! let summary = Sequential::new(options)
//!     .step("merge", format!("Merge these reviews into one list:\n{}", findings.join("\n")))
//!     .then("prioritize", |merged| {
//!         format!("Order by severity:\n{}", merged.result().unwrap_or_default())
//!     })
//!     .run()
//!     .await;
//! println!("{:?} (${:.4})", summary.final_text(), summary.totals().cost_usd);
//! # }
//! ```

mod outcome;
mod parallel;
mod run;
mod sequential;

pub use outcome::{TaskOutcome, Totals};
pub use parallel::{DEFAULT_CONCURRENCY, Parallel, ParallelReport};
pub use sequential::{Sequential, SequentialReport};
