//! The cap on live MCP sessions, and their idle timeout.
//!
//! rmcp's session manager keeps every session until it is closed (`DELETE`)
//! or stays idle for its keep-alive; it has no cap. The cap is kept here:
//! a request that may open a session (a `POST` without `Mcp-Session-Id`)
//! must first get an [`Admission`], given only while the open sessions plus
//! the admissions under way are fewer than the cap. The admission lasts
//! until the request has its answer, by which time rmcp has registered the
//! session it opened, if any, so the count never goes over the cap.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;

/// Counts sessions against the cap.
#[derive(Debug)]
pub(super) struct SessionGate {
    manager: Arc<LocalSessionManager>,
    max: usize,
    /// Admissions given and not yet dropped.
    admitting: AtomicUsize,
    /// Makes "count, then admit" one step.
    admission: tokio::sync::Mutex<()>,
}

impl SessionGate {
    /// A gate over a new session manager that closes sessions idle for
    /// `idle_timeout`.
    pub(super) fn new(max: usize, idle_timeout: Duration) -> Arc<Self> {
        let mut manager = LocalSessionManager::default();
        manager.session_config.keep_alive = Some(idle_timeout);
        Arc::new(Self {
            manager: Arc::new(manager),
            max,
            admitting: AtomicUsize::new(0),
            admission: tokio::sync::Mutex::new(()),
        })
    }

    /// The session manager to give rmcp.
    pub(super) fn manager(&self) -> Arc<LocalSessionManager> {
        Arc::clone(&self.manager)
    }

    /// The cap.
    pub(super) fn max(&self) -> usize {
        self.max
    }

    /// A place for one more session, or `None` when the cap is reached.
    pub(super) async fn admit(self: &Arc<Self>) -> Option<Admission> {
        let _one_at_a_time = self.admission.lock().await;
        let open = self.manager.sessions.read().await.len();
        // An admission whose session is already registered counts twice
        // for a moment: the cap errs on the side of refusing.
        if open + self.admitting.load(Ordering::Acquire) >= self.max {
            return None;
        }
        self.admitting.fetch_add(1, Ordering::AcqRel);
        Some(Admission(Arc::clone(self)))
    }
}

/// A place held for a session being opened; freed when dropped.
#[derive(Debug)]
pub(super) struct Admission(Arc<SessionGate>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.admitting.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn admissions_count_against_the_cap_until_dropped() {
        let gate = SessionGate::new(2, Duration::from_secs(60));
        let first = gate.admit().await.expect("a place");
        let second = gate.admit().await.expect("a place");
        assert!(gate.admit().await.is_none());
        drop(first);
        let third = gate.admit().await.expect("a freed place");
        assert!(gate.admit().await.is_none());
        drop((second, third));
        assert!(gate.admit().await.is_some());
    }
}
