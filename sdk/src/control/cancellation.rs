//! [`Cancellation`]: tells a callback that the CLI no longer waits for it.

use std::fmt;

use tokio_util::sync::{CancellationToken, DropGuard};

/// Fires when the CLI no longer waits for the answer of a callback: it
/// withdrew the request (`control_cancel_request`, e.g. after an
/// interrupt), the callback ran past its timeout, or the session ended.
///
/// The SDK stops the callback's future at that point; the signal is for work
/// the callback started elsewhere (a spawned task, a thread, a child
/// process) so that it can stop too. It never fires after the callback
/// returned.
///
/// ```
/// # async fn demo(cancellation: claude_agent_sdk::control::Cancellation) {
/// tokio::select! {
///     _ = cancellation.cancelled() => { /* give up */ }
///     _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => { /* done */ }
/// }
/// # }
/// ```
#[derive(Clone, Default)]
pub struct Cancellation {
    token: CancellationToken,
}

impl Cancellation {
    /// A signal and the guard that fires it when dropped (unless disarmed).
    pub(crate) fn new() -> (Self, CancelOnDrop) {
        let token = CancellationToken::new();
        let guard = CancelOnDrop {
            guard: Some(token.clone().drop_guard()),
        };
        (Self { token }, guard)
    }

    /// Whether the request was cancelled.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.token.is_cancelled()
    }

    /// Completes when the request is cancelled.
    pub async fn cancelled(&self) {
        self.token.cancelled().await;
    }
}

impl fmt::Debug for Cancellation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cancellation")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

/// Fires a [`Cancellation`] when dropped, unless [`disarm`](Self::disarm)ed
/// first: dropping the future that holds it (abort, timeout) cancels.
pub(crate) struct CancelOnDrop {
    guard: Option<DropGuard>,
}

impl CancelOnDrop {
    /// The work finished: do not fire.
    pub(crate) fn disarm(mut self) {
        if let Some(guard) = self.guard.take() {
            guard.disarm();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_on_drop_but_not_after_disarm() {
        let (signal, guard) = Cancellation::new();
        assert!(!signal.is_cancelled());
        drop(guard);
        assert!(signal.is_cancelled());

        let (signal, guard) = Cancellation::new();
        guard.disarm();
        assert!(!signal.is_cancelled());
        assert!(!Cancellation::default().is_cancelled());
    }
}
