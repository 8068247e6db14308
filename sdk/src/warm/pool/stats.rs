//! [`PoolStats`]: what a [`WarmPool`](super::WarmPool) has done so far.

use std::time::Duration;

/// Counters of a [`WarmPool`](super::WarmPool), from
/// [`WarmPool::stats`](super::WarmPool::stats).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PoolStats {
    /// Sessions served by a parked spare.
    pub hits: u64,
    /// Sessions that found no spare parked and started cold.
    pub misses: u64,
    /// Sessions whose claim the spare could not serve (the folder's
    /// settings need a cold start, an option was refused) and that started
    /// cold instead.
    pub fallbacks: u64,
    /// Sessions that found no spare parked but one starting, and waited
    /// for it rather than start a second CLI (they count as hits or, when
    /// the spare failed, misses).
    pub waited: u64,
    /// Spares started and parked.
    pub spawned: u64,
    /// Spares that failed to start.
    pub spawn_failures: u64,
    /// Parked spares that exited on their own (killed, out of memory).
    pub died: u64,
    /// Spares closed after idling past the idle expiry.
    pub expired: u64,
    /// Spares parked now.
    pub parked: usize,
    /// Spares starting now.
    pub starting: usize,
    /// The mean time from spawn to a parked spare.
    pub mean_time_to_ready: Option<Duration>,
    /// The CLI cannot park spares (no `--await-claim`, as in 2.1.197): the
    /// pool stopped starting them and every session starts cold.
    pub spares_unsupported: bool,
}

impl PoolStats {
    /// The share of sessions served by a spare (0 when none ran yet).
    #[must_use]
    pub fn hit_rate(&self) -> f64 {
        let total = self.hits + self.misses + self.fallbacks;
        if total == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)]
        let rate = self.hits as f64 / total as f64;
        rate
    }
}

/// The running counters behind [`PoolStats`].
#[derive(Debug, Default)]
pub(super) struct Counters {
    pub(super) hits: u64,
    pub(super) misses: u64,
    pub(super) fallbacks: u64,
    pub(super) waited: u64,
    pub(super) spawned: u64,
    pub(super) spawn_failures: u64,
    pub(super) died: u64,
    pub(super) expired: u64,
    pub(super) ready_total: Duration,
    pub(super) unsupported: bool,
}

impl Counters {
    pub(super) fn snapshot(&self, parked: usize, starting: usize) -> PoolStats {
        let mean_time_to_ready = u32::try_from(self.spawned)
            .ok()
            .filter(|n| *n > 0)
            .map(|n| self.ready_total / n);
        PoolStats {
            hits: self.hits,
            misses: self.misses,
            fallbacks: self.fallbacks,
            waited: self.waited,
            spawned: self.spawned,
            spawn_failures: self.spawn_failures,
            died: self.died,
            expired: self.expired,
            parked,
            starting,
            mean_time_to_ready,
            spares_unsupported: self.unsupported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_rate_and_mean_time_to_ready() {
        let counters = Counters {
            hits: 9,
            misses: 1,
            spawned: 2,
            ready_total: Duration::from_millis(1200),
            ..Counters::default()
        };
        let stats = counters.snapshot(2, 0);
        assert!((stats.hit_rate() - 0.9).abs() < 1e-9);
        assert_eq!(stats.mean_time_to_ready, Some(Duration::from_millis(600)));
        assert_eq!(PoolStats::default().hit_rate(), 0.0);
    }
}
