//! [`WarmPoolBuilder`]: how many spares a [`WarmPool`](super::WarmPool)
//! keeps, and for how long.

use std::time::Duration;

use super::WarmPool;
use crate::options::ClaudeAgentOptions;

/// The sizes and timings of a pool.
#[derive(Debug, Clone)]
pub(super) struct PoolConfig {
    pub(super) min_spares: usize,
    pub(super) max_spares: usize,
    pub(super) idle_expiry: Duration,
    pub(super) retry_after_failure: Duration,
}

impl Default for PoolConfig {
    fn default() -> Self {
        Self {
            min_spares: 1,
            max_spares: 1,
            idle_expiry: Duration::from_secs(300),
            retry_after_failure: Duration::from_millis(500),
        }
    }
}

/// Builds a [`WarmPool`]; see [`WarmPool::builder`].
#[must_use]
pub struct WarmPoolBuilder {
    options: ClaudeAgentOptions,
    config: PoolConfig,
}

impl WarmPoolBuilder {
    pub(super) fn new(options: ClaudeAgentOptions) -> Self {
        Self {
            options,
            config: PoolConfig::default(),
        }
    }

    /// Keeps exactly `n` spares parked (sets both the minimum and the
    /// maximum).
    pub fn spares(mut self, n: usize) -> Self {
        self.config.min_spares = n;
        self.config.max_spares = n;
        self
    }

    /// The spares kept parked at all times (default 1).
    pub fn min_spares(mut self, n: usize) -> Self {
        self.config.min_spares = n;
        self.config.max_spares = self.config.max_spares.max(n);
        self
    }

    /// The most spares the pool runs at once, parked or starting (default:
    /// the minimum). After a miss the pool keeps one more spare, up to this
    /// cap; the extra ones are closed once they idle past the
    /// [idle expiry](Self::idle_expiry). Sessions claimed from the pool are
    /// the caller's and do not count.
    pub fn max_spares(mut self, n: usize) -> Self {
        self.config.max_spares = n;
        self.config.min_spares = self.config.min_spares.min(n);
        self
    }

    /// How long a spare above the minimum may stay parked unused before it
    /// is closed (default 5 minutes).
    pub fn idle_expiry(mut self, after: Duration) -> Self {
        self.config.idle_expiry = after;
        self
    }

    /// How long the pool waits before starting a spare again after one
    /// failed to start (default 500 ms, doubling on each failure in a row
    /// up to 30 s).
    pub fn retry_after_failure(mut self, after: Duration) -> Self {
        self.config.retry_after_failure = after;
        self
    }

    /// Starts the pool: its spares start in the background at once.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime.
    pub fn build(self) -> WarmPool {
        WarmPool::start(self.options, self.config)
    }
}
