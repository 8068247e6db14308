//! Replies of slash commands the SDK answers itself, delivered in order.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;

use crate::control::{Engine, RunState};
use crate::messages::Message;

/// A reply waiting for its turn.
struct Pending {
    /// Deliver once this many results were seen...
    after_results: u64,
    /// ... or once the session was idle after this state (in case the CLI
    /// dropped a queued prompt, e.g. after an interrupt).
    since: RunState,
    messages: Vec<Message>,
}

/// Puts the replies of local slash commands among the CLI's messages where
/// the CLI would put the output of its own local commands: after the
/// results of every prompt sent before the command.
///
/// Results carry nothing that ties them to a prompt, so the position of a
/// prompt's result among the CLI's results is estimated when it is sent:
/// after every result seen by then and after the previous prompt's. A
/// result the CLI sends on its own (a background agent's follow-up) between
/// a prompt being sent and its result is taken for that prompt's result;
/// a prompt without a result (dropped after an interrupt) is covered by the
/// session going idle.
pub(crate) struct LocalReplies {
    queue: mpsc::UnboundedSender<Pending>,
    run: tokio::sync::watch::Receiver<RunState>,
    /// The estimated position among the CLI's results (1 for the first) of
    /// the result of the last prompt written to the CLI.
    expected: AtomicU64,
}

impl LocalReplies {
    /// Starts delivering into `out` (the client's queue of SDK messages).
    pub(crate) fn start(engine: &Engine, out: mpsc::UnboundedSender<Message>) -> Self {
        let (queue, mut pending) = mpsc::unbounded_channel::<Pending>();
        let mut run = engine.run_state();
        tokio::spawn(async move {
            while let Some(reply) = pending.recv().await {
                // Also delivered when the session ended (the reader then
                // reports the end first).
                let _ = run
                    .wait_for(|state| {
                        state.closed
                            || state.results >= reply.after_results
                            || state.idle_since(&reply.since)
                    })
                    .await;
                for message in reply.messages {
                    if out.send(message).is_err() {
                        return;
                    }
                }
            }
        });
        Self {
            queue,
            run: engine.run_state(),
            expected: AtomicU64::new(0),
        }
    }

    /// Counts a prompt written to the CLI when it had sent `results_before`
    /// results; returns the estimated position of the prompt's result
    /// among the CLI's results.
    pub(crate) fn prompt_sent(&self, results_before: u64) -> u64 {
        let next = |expected: u64| expected.max(results_before).saturating_add(1);
        let previous = self
            .expected
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |e| Some(next(e)))
            .unwrap_or_else(|e| e);
        next(previous)
    }

    /// Delivers a reply once the prompts sent so far have their results.
    pub(crate) fn deliver(&self, messages: Vec<Message>) {
        let since = self.run.borrow().clone();
        let after_results = self.expected.load(Ordering::Acquire);
        let _ = self.queue.send(Pending {
            after_results,
            since,
            messages,
        });
    }
}
