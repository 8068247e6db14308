//! Session stores: where transcripts live besides the CLI's own files, so
//! that a session can move between machines.
//!
//! A [`SessionStore`] keeps transcripts as lists of JSON entries (one per
//! line of the CLI's session file) under a [`SessionKey`]. Two stores come
//! with the SDK: [`InMemorySessionStore`] and [`FileSessionStore`] (one
//! JSON Lines file per transcript, laid out like the CLI's `projects`
//! folder). Others (a database, an object store) implement the trait; the
//! testing kit's `session_store_conformance` checks that they behave like
//! these two.
//!
//! [`import_session`] copies a session from the CLI's files into a store;
//! [`materialize_session`] writes a stored session into a configuration
//! directory, where [`Session::resume`](crate::session::Session::resume)
//! continues it.
//!
//! ```
//! use claude_agent_sdk::session::history::{SessionHistory, project_key_for_directory};
//! use claude_agent_sdk::session::store::{InMemorySessionStore, import_session, materialize_session};
//!
//! # async fn demo(session_id: &str) -> claude_agent_sdk::Result<()> {
//! // On the first machine: the session into the store.
//! let store = InMemorySessionStore::new();
//! let key = import_session(&SessionHistory::from_env()?, session_id, &store).await?;
//!
//! // On the second: the session out of the store, for a working directory
//! // there; then `Session::resume(session_id, options)` with that `cwd`.
//! let config_dir = std::path::Path::new("/home/me/.claude");
//! let project = project_key_for_directory("/srv/checkout");
//! materialize_session(&store, &key, config_dir, &project).await?;
//! # Ok(()) }
//! ```

mod file;
mod key;
mod memory;
mod transfer;

use serde_json::Value;

use crate::error::Result;

pub use self::file::FileSessionStore;
pub use self::key::{SessionKey, StoredSession};
pub use self::memory::InMemorySessionStore;
pub use self::transfer::{import_session, materialize_session};

/// A place to keep session transcripts.
///
/// Every method takes keys that [`SessionKey::validate`] accepts (and
/// returns its error otherwise). The contract, which the testing kit's
/// `session_store_conformance` checks:
///
/// - [`append`](Self::append) adds entries after the ones already stored
///   under the key, in order; entries must be JSON objects; appending no
///   entries stores nothing.
/// - [`load`](Self::load) returns every entry appended under the key, in
///   order, or `None` when nothing was.
/// - [`list`](Self::list) returns the sessions (keys without a subpath) of
///   one project, with the time of their last append.
/// - [`delete`](Self::delete) of a session key removes the session and
///   its subagent transcripts; of a subpath key, that transcript only.
///   Deleting what does not exist is not an error.
/// - [`list_subkeys`](Self::list_subkeys) returns the subpaths stored under
///   a session, sorted.
#[async_trait::async_trait]
pub trait SessionStore: Send + Sync {
    /// Appends entries to the transcript under `key`.
    async fn append(&self, key: &SessionKey, entries: &[Value]) -> Result<()>;

    /// Every entry stored under `key`, or `None` when there is none.
    async fn load(&self, key: &SessionKey) -> Result<Option<Vec<Value>>>;

    /// The sessions of `project`.
    async fn list(&self, project: &str) -> Result<Vec<StoredSession>>;

    /// Removes the transcript under `key` (with its subagent transcripts
    /// for a session key).
    async fn delete(&self, key: &SessionKey) -> Result<()>;

    /// The subpaths of the subagent transcripts of the session `key`.
    async fn list_subkeys(&self, key: &SessionKey) -> Result<Vec<String>>;
}

/// Checks what every store checks before an append.
pub(crate) fn check_append(key: &SessionKey, entries: &[Value]) -> Result<()> {
    key.validate()?;
    match entries.iter().position(|e| !e.is_object()) {
        Some(i) => Err(crate::Error::InvalidSessionArgument(format!(
            "entry {i} appended to {key} is not a JSON object"
        ))),
        None => Ok(()),
    }
}

/// Runs blocking file work off the async executor.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(crate::Error::SessionStore(Box::new(e))),
    }
}
