//! Replies of slash commands the SDK answers itself, delivered in order.

use std::sync::Arc;
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
pub(crate) struct LocalReplies {
    queue: mpsc::UnboundedSender<Pending>,
    run: tokio::sync::watch::Receiver<RunState>,
    /// Prompts written to the CLI so far.
    prompts: Arc<AtomicU64>,
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
            prompts: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Counts a prompt written to the CLI.
    pub(crate) fn prompt_sent(&self) {
        self.prompts.fetch_add(1, Ordering::AcqRel);
    }

    /// Delivers a reply once the prompts sent so far have their results.
    pub(crate) fn deliver(&self, messages: Vec<Message>) {
        let since = self.run.borrow().clone();
        let after_results = self.prompts.load(Ordering::Acquire);
        let _ = self.queue.send(Pending {
            after_results,
            since,
            messages,
        });
    }
}
