//! Starting the CLI off the critical path: warm handles, parked spares and
//! a pool of them.
//!
//! A CLI takes most of a second from spawn to its `initialize` answer. Three
//! ways to keep that out of a user's wait:
//!
//! - [`startup`] starts and initializes a CLI now; its [`WarmQuery`] runs
//!   the first prompt later without waiting for the start.
//! - [`prewarm`] parks a spare CLI not yet tied to a folder
//!   (`--await-claim`, CLI 2.1.330 and later); [`SpareProcess::claim`]
//!   gives it a folder, model, permission mode and the other
//!   [`ClaimOptions`] when a request comes in.
//! - [`WarmPool`] keeps spares parked, claims one per session, refills in
//!   the background and starts cold when none is ready.
//!
//! In every case the handle owns the CLI: dropping it stops the CLI and
//! every process it started, and in-process MCP servers, hooks and the
//! permission callback work exactly as on a cold start.
//!
//! A parked spare costs what an idle CLI costs: its memory (a few hundred
//! MB of RSS) and almost no CPU while it waits; see the README's
//! benchmarks for the figures measured on this project's CI machine.

mod claim;
mod pool;
#[cfg(test)]
mod recorded;
mod rejection;
mod spare;
mod startup;

pub use claim::{CLAIMABLE_ENV_KEYS, ClaimInfo, ClaimOptions};
pub use pool::{PoolStats, WarmPool, WarmPoolBuilder};
pub use rejection::ClaimRejection;
pub use spare::{ClaimError, SpareProcess, prewarm};
pub use startup::{WarmQuery, startup};
