//! [`WarmPool`]: spares kept parked and refilled in the background, one
//! claimed per session, with a cold start when none is ready.

mod config;
mod stats;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

use config::PoolConfig;
pub use config::WarmPoolBuilder;
use stats::Counters;
pub use stats::PoolStats;

use super::claim::ClaimOptions;
use super::spare::{SpareProcess, prewarm};
use super::startup::{WarmQuery, startup};
use crate::client::ClaudeClient;
use crate::error::{Error, Result};
use crate::messages::UserContent;
use crate::options::ClaudeAgentOptions;
use crate::stream::MessageStream;

/// The longest wait between two spare starts after failures in a row.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(30);

/// The longest a claimed spare's replacement waits for the session's first
/// answer before it starts.
const REFILL_DEFERRAL: Duration = Duration::from_secs(2);

/// How often the pool looks for spares that died or idled out, besides
/// being woken by them.
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Spare CLIs kept parked, each claimed by one session; the pool starts
/// new ones in the background as they are used.
///
/// Every spare is started with the pool's options (tools, in-process MCP
/// servers, hooks, permission callback: all work on a claimed spare as on a
/// cold start). A session ([`query`](Self::query),
/// [`session`](Self::session), [`client`](Self::client)) claims the oldest
/// live spare for its folder; when none is parked, or the spare cannot
/// serve the claim (the folder's settings need a cold start), it starts a
/// CLI cold, transparently. A spare that dies while parked is replaced; a
/// claim that meets a dead spare moves on to the next.
///
/// While other spares are still parked, a claimed spare is replaced once
/// its session has its first answer (the CPU a CLI takes to start goes to
/// the session first); the last spare is replaced at once.
///
/// The pool runs at most [`max_spares`](WarmPoolBuilder::max_spares)
/// spare processes (parked or starting). [`shutdown`](Self::shutdown), or
/// dropping the pool, stops every spare; sessions already claimed are
/// their callers'.
///
/// ```no_run
/// use futures::StreamExt;
/// use claude_agent_sdk::ClaudeAgentOptions;
/// use claude_agent_sdk::warm::{ClaimOptions, WarmPool};
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let pool = WarmPool::builder(ClaudeAgentOptions::default()).spares(2).build();
/// for question in ["What is 2 + 2?", "And 3 + 3?"] {
///     let mut stream = pool.query(question, ClaimOptions::new("/srv/repo")).await?;
///     while let Some(message) = stream.next().await {
///         println!("{:?}", message?);
///     }
/// }
/// println!("{:?}", pool.stats());
/// pool.shutdown().await;
/// # Ok(()) }
/// ```
pub struct WarmPool {
    shared: Arc<Shared>,
    refill: Option<JoinHandle<()>>,
}

struct Shared {
    options: ClaudeAgentOptions,
    config: PoolConfig,
    state: Mutex<State>,
    /// Wakes the refill task.
    wake: Notify,
    /// Wakes the sessions waiting for a starting spare: one was parked,
    /// failed to start, or the pool closed.
    changed: Notify,
}

/// What a session gets from the pool.
enum Take {
    /// A live parked spare to claim.
    Spare(Box<SpareProcess>),
    /// None parked, but one is starting that no other session waits for.
    Wait,
    /// Nothing: start cold.
    Nothing,
}

#[derive(Default)]
struct State {
    parked: VecDeque<Parked>,
    starting: usize,
    /// Spares taken for a claim that has not been answered yet: still the
    /// pool's (a refused claim puts them back).
    claiming: usize,
    /// Sessions waiting for a starting spare.
    waiting: usize,
    /// Claimed spares whose replacement waits for their session's first
    /// answer.
    deferred: usize,
    /// How many spares the pool tries to keep (between min and max).
    target: usize,
    closed: bool,
    counters: Counters,
}

struct Parked {
    spare: SpareProcess,
    since: Instant,
}

impl WarmPool {
    /// A builder for a pool of spares started with `options`.
    pub fn builder(options: ClaudeAgentOptions) -> WarmPoolBuilder {
        WarmPoolBuilder::new(options)
    }

    fn start(options: ClaudeAgentOptions, config: PoolConfig) -> Self {
        let shared = Arc::new(Shared {
            options,
            state: Mutex::new(State {
                target: config.min_spares,
                ..State::default()
            }),
            config,
            wake: Notify::new(),
            changed: Notify::new(),
        });
        // Counted as starting now, so that a session asked for at once
        // waits for them rather than start cold.
        let (initial, _) = shared.tidy();
        let refill = tokio::spawn(refill(shared.clone(), initial));
        Self {
            shared,
            refill: Some(refill),
        }
    }

    /// Runs `prompt` in a new session for `claim`'s folder, on a spare when
    /// one is parked, and returns its messages as a stream (see
    /// [`WarmQuery::query`]).
    pub async fn query(
        &self,
        prompt: impl Into<UserContent>,
        claim: ClaimOptions,
    ) -> Result<MessageStream> {
        self.session(claim).await?.query(prompt).await
    }

    /// A new session for `claim`'s folder, ready for its first prompt: a
    /// claimed spare, or a CLI started cold when none could serve it.
    ///
    /// A claim the CLI refuses for what it asks (a folder that does not
    /// exist, a variable that cannot be set) fails with
    /// [`Error::ClaimRejected`], and the spare stays in the pool.
    pub async fn session(&self, claim: ClaimOptions) -> Result<WarmQuery> {
        claim.validate()?;
        let mut cold = self.shared.options.clone();
        claim.apply_to(&mut cold)?;
        let mut fallback = false;
        let mut waited = false;
        let deadline = tokio::time::Instant::now() + self.shared.options.initialize_timeout;
        loop {
            // Registered before looking, so that no change is missed.
            let changed = self.shared.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let spare = match self.shared.take_or_wait() {
                Take::Spare(spare) => spare,
                Take::Wait => {
                    // A spare that started earlier is ready sooner than a
                    // CLI started now, and costs no second start.
                    if !waited {
                        waited = true;
                        self.shared.lock().counters.waited += 1;
                    }
                    let woken = tokio::time::timeout_at(deadline, changed).await;
                    self.shared.stop_waiting();
                    if woken.is_err() {
                        break;
                    }
                    continue;
                }
                Take::Nothing => break,
            };
            match (*spare).claim(claim.clone()).await {
                Ok(warm) => {
                    self.shared.claimed(&warm);
                    tracing::debug!(pid = ?warm.pid(), "warm pool: claimed a spare");
                    return Ok(warm);
                }
                Err(failed) => {
                    let reason = failed.reason().cloned();
                    let (error, spare) = failed.into_parts();
                    self.shared.claim_failed(spare);
                    match reason {
                        Some(reason) if reason.is_request_error() => return Err(error),
                        Some(super::ClaimRejection::SpareExited) => {
                            self.shared.lock().counters.died += 1;
                            tracing::debug!("warm pool: a spare had exited; trying the next");
                        }
                        None if matches!(error, Error::InvalidOptions(_)) => return Err(error),
                        _ => {
                            tracing::info!(%error, "warm pool: the spare cannot serve this claim; starting cold");
                            fallback = true;
                            break;
                        }
                    }
                }
            }
        }
        {
            let mut state = self.shared.lock();
            if fallback {
                state.counters.fallbacks += 1;
            } else {
                state.counters.misses += 1;
                // Demand outran the spares: keep one more, up to the cap.
                if !state.counters.unsupported {
                    state.target = (state.target + 1).min(self.shared.config.max_spares);
                }
            }
        }
        self.shared.wake.notify_one();
        tracing::debug!(fallback, "warm pool: no spare; starting cold");
        startup(cold).await
    }

    /// A connected [`ClaudeClient`] for `claim`'s folder (see
    /// [`session`](Self::session)).
    pub async fn client(&self, claim: ClaimOptions) -> Result<ClaudeClient> {
        Ok(self.session(claim).await?.into_client())
    }

    /// The pool's counters now.
    #[must_use]
    pub fn stats(&self) -> PoolStats {
        let state = self.shared.lock();
        state.counters.snapshot(state.parked.len(), state.starting)
    }

    /// Waits until `n` spares are parked (or the pool is shut down), for
    /// tests and warm-up at start-up; returns how many are parked.
    pub async fn wait_parked(&self, n: usize, timeout: Duration) -> usize {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Registered before looking, so that no change is missed.
            let changed = self.shared.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let (parked, closed) = {
                let state = self.shared.lock();
                (state.parked.len(), state.closed)
            };
            if parked >= n || closed || tokio::time::timeout_at(deadline, changed).await.is_err() {
                return parked.max(self.shared.lock().parked.len());
            }
        }
    }

    /// The process ids of the parked spares.
    #[must_use]
    pub fn spare_pids(&self) -> Vec<u32> {
        self.shared
            .lock()
            .parked
            .iter()
            .filter_map(|p| p.spare.pid())
            .collect()
    }

    /// Stops the pool: no more spares start, and every parked spare is
    /// stopped and awaited. Sessions already claimed keep running.
    pub async fn shutdown(mut self) {
        let parked = self.shared.close();
        if let Some(refill) = self.refill.take() {
            refill.abort();
            let _ = refill.await;
        }
        futures::future::join_all(parked.into_iter().map(SpareProcess::close)).await;
    }
}

impl Drop for WarmPool {
    fn drop(&mut self) {
        if let Some(refill) = self.refill.take() {
            refill.abort();
        }
        // Dropping a spare stops its CLI.
        drop(self.shared.close());
    }
}

impl std::fmt::Debug for WarmPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmPool")
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The oldest live parked spare, counted as claiming until
    /// [`claimed`](Self::claimed) or [`claim_failed`](Self::claim_failed); or, when none is parked
    /// but more are starting than sessions wait for, a turn to wait
    /// (counted until [`stop_waiting`](Self::stop_waiting)).
    fn take_or_wait(&self) -> Take {
        let mut state = self.lock();
        if state.closed {
            return Take::Nothing;
        }
        while let Some(parked) = state.parked.pop_front() {
            if parked.spare.is_alive() {
                state.claiming += 1;
                return Take::Spare(Box::new(parked.spare));
            }
            state.counters.died += 1;
        }
        if state.starting > state.waiting {
            state.waiting += 1;
            return Take::Wait;
        }
        Take::Nothing
    }

    fn stop_waiting(&self) {
        let mut state = self.lock();
        state.waiting = state.waiting.saturating_sub(1);
    }

    /// A taken spare became a session: it is no longer the pool's, and the
    /// refill task may replace it.
    ///
    /// While other spares are still parked, the replacement waits until the
    /// session's first answer (at most [`REFILL_DEFERRAL`]): starting a CLI
    /// takes most of a second of CPU, which the session needs more.
    fn claimed(self: &Arc<Self>, warm: &WarmQuery) {
        let mut state = self.lock();
        state.claiming = state.claiming.saturating_sub(1);
        state.counters.hits += 1;
        if !state.parked.is_empty() {
            state.deferred += 1;
            let mut run = warm.engine.run_state();
            let shared = Arc::downgrade(self);
            tokio::spawn(async move {
                let _ = tokio::time::timeout(
                    REFILL_DEFERRAL,
                    run.wait_for(|s| s.closed || s.results > 0),
                )
                .await;
                if let Some(shared) = shared.upgrade() {
                    let mut state = shared.lock();
                    state.deferred = state.deferred.saturating_sub(1);
                    drop(state);
                    shared.wake.notify_one();
                }
            });
        }
        drop(state);
        self.wake.notify_one();
    }

    /// A claim on a taken spare failed: the spare, when the CLI kept it
    /// parked, goes back to the front (in the same step, so that the
    /// refill task does not replace it meanwhile); otherwise it is gone.
    fn claim_failed(&self, spare: Option<SpareProcess>) {
        let mut state = self.lock();
        state.claiming = state.claiming.saturating_sub(1);
        if let Some(spare) = spare
            && !state.closed
            && state.parked.len() + state.starting + state.claiming < self.config.max_spares
        {
            state.parked.push_front(Parked {
                spare,
                since: Instant::now(),
            });
        }
        drop(state);
        self.wake.notify_one();
    }

    /// Marks the pool closed and hands over the parked spares.
    fn close(&self) -> Vec<SpareProcess> {
        let mut state = self.lock();
        state.closed = true;
        let parked = state.parked.drain(..).map(|p| p.spare).collect();
        drop(state);
        self.wake.notify_one();
        self.changed.notify_waiters();
        parked
    }

    /// Drops dead spares and closes idle ones above the minimum; returns
    /// how many spares to start now.
    fn tidy(&self) -> (usize, Vec<SpareProcess>) {
        let mut state = self.lock();
        if state.closed {
            return (0, Vec::new());
        }
        let before = state.parked.len();
        state.parked.retain(|p| p.spare.is_alive());
        let died = (before - state.parked.len()) as u64;
        state.counters.died += died;
        let mut expired = Vec::new();
        while state.parked.len() > self.config.min_spares
            && state
                .parked
                .back()
                .is_some_and(|p| p.since.elapsed() >= self.config.idle_expiry)
        {
            if let Some(parked) = state.parked.pop_back() {
                expired.push(parked.spare);
            }
        }
        if !expired.is_empty() {
            state.counters.expired += expired.len() as u64;
            state.target = self.config.min_spares;
        }
        // A deferred replacement stops waiting when the last spare goes.
        let deferred = if state.parked.is_empty() {
            0
        } else {
            state.deferred
        };
        let have = state.parked.len() + state.starting + state.claiming + deferred;
        let want = state
            .target
            .min(self.config.max_spares)
            .saturating_sub(have);
        state.starting += want;
        (want, expired)
    }
}

/// Keeps the pool filled: starts spares up to the target, replaces the ones
/// that die, closes the ones that idle out, and backs off after failures.
async fn refill(shared: Arc<Shared>, initial: usize) {
    let mut starting = JoinSet::new();
    let mut failures: u32 = 0;
    let mut paused_until: Option<tokio::time::Instant> = None;
    let mut want = initial;
    loop {
        let paused = paused_until.is_some_and(|until| tokio::time::Instant::now() < until);
        if !paused {
            let (more, expired) = shared.tidy();
            want += more;
            for spare in expired {
                tokio::spawn(spare.close());
            }
        }
        for _ in 0..std::mem::take(&mut want) {
            let options = shared.options.clone();
            starting.spawn(async move { prewarm(options).await });
        }
        tokio::select! {
            Some(done) = starting.join_next() => {
                let outcome = done.unwrap_or_else(|e| Err(Error::InvalidOptions(format!("spare start panicked: {e}"))));
                let mut state = shared.lock();
                state.starting = state.starting.saturating_sub(1);
                match outcome {
                    Ok(spare) => {
                        failures = 0;
                        paused_until = None;
                        state.counters.spawned += 1;
                        state.counters.ready_total += spare.ready_in();
                        tracing::debug!(pid = ?spare.pid(), ready_in = ?spare.ready_in(), "warm pool: spare parked");
                        if state.closed {
                            drop(state);
                            tokio::spawn(spare.close());
                        } else {
                            watch_exit(&shared, &spare);
                            state.parked.push_back(Parked { spare, since: Instant::now() });
                        }
                    }
                    Err(error @ Error::Unsupported { .. }) => {
                        // This CLI cannot park: every session starts cold.
                        state.counters.spawn_failures += 1;
                        state.counters.unsupported = true;
                        state.target = 0;
                        tracing::warn!(%error, "warm pool: the CLI cannot park spares; sessions start cold");
                    }
                    Err(error) => {
                        state.counters.spawn_failures += 1;
                        failures = failures.saturating_add(1);
                        let delay = shared
                            .config
                            .retry_after_failure
                            .saturating_mul(1 << failures.min(6).saturating_sub(1))
                            .min(MAX_RETRY_DELAY);
                        paused_until = Some(tokio::time::Instant::now() + delay);
                        tracing::warn!(%error, ?delay, "warm pool: a spare failed to start");
                    }
                }
            }
            () = shared.wake.notified() => {}
            () = tokio::time::sleep(CHECK_EVERY) => {}
        }
        shared.changed.notify_waiters();
        if shared.lock().closed && starting.is_empty() {
            return;
        }
    }
}

/// Wakes the refill task when a parked spare exits.
fn watch_exit(shared: &Arc<Shared>, spare: &SpareProcess) {
    let mut run = spare.run_state();
    let shared = Arc::downgrade(shared);
    tokio::spawn(async move {
        let _ = run.wait_for(|s| s.closed).await;
        if let Some(shared) = shared.upgrade() {
            shared.wake.notify_one();
        }
    });
}
