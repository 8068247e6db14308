//! A session store in memory.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use serde_json::Value;

use super::{SessionKey, SessionStore, StoredSession, check_append};
use crate::error::Result;

/// A [`SessionStore`] in memory: for tests, and to carry a session between
/// two configuration directories of one process.
///
/// ```
/// use claude_agent_sdk::session::store::{InMemorySessionStore, SessionKey, SessionStore};
/// use serde_json::json;
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let store = InMemorySessionStore::new();
/// let key = SessionKey::new("-srv-app", "fc87354c-c027-4a1c-bebc-11c086e58c40");
/// store.append(&key, &[json!({"type": "user", "uuid": "u1"})]).await?;
/// assert_eq!(store.load(&key).await?.map(|e| e.len()), Some(1));
/// # Ok(()) }
/// ```
#[derive(Debug, Default)]
pub struct InMemorySessionStore {
    transcripts: Mutex<BTreeMap<SessionKey, Transcript>>,
}

#[derive(Debug)]
struct Transcript {
    entries: Vec<Value>,
    modified: SystemTime,
}

impl InMemorySessionStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    fn transcripts(&self) -> MutexGuard<'_, BTreeMap<SessionKey, Transcript>> {
        // A panic while holding the lock cannot leave a map half-changed.
        self.transcripts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait::async_trait]
impl SessionStore for InMemorySessionStore {
    async fn append(&self, key: &SessionKey, entries: &[Value]) -> Result<()> {
        check_append(key, entries)?;
        if entries.is_empty() {
            return Ok(());
        }
        let mut transcripts = self.transcripts();
        let transcript = transcripts
            .entry(key.clone())
            .or_insert_with(|| Transcript {
                entries: Vec::new(),
                modified: SystemTime::now(),
            });
        transcript.entries.extend_from_slice(entries);
        transcript.modified = SystemTime::now();
        Ok(())
    }

    async fn load(&self, key: &SessionKey) -> Result<Option<Vec<Value>>> {
        key.validate()?;
        Ok(self.transcripts().get(key).map(|t| t.entries.clone()))
    }

    async fn list(&self, project: &str) -> Result<Vec<StoredSession>> {
        SessionKey::new(project, "-").validate()?;
        Ok(self
            .transcripts()
            .iter()
            .filter(|(k, _)| k.project == project && k.subpath.is_none())
            .map(|(k, t)| StoredSession::new(k.session_id.clone(), t.modified))
            .collect())
    }

    async fn delete(&self, key: &SessionKey) -> Result<()> {
        key.validate()?;
        let whole_session = key.subpath.is_none();
        self.transcripts().retain(|k, _| {
            let same_session = k.project == key.project && k.session_id == key.session_id;
            !(k == key || (whole_session && same_session))
        });
        Ok(())
    }

    async fn list_subkeys(&self, key: &SessionKey) -> Result<Vec<String>> {
        key.validate()?;
        Ok(self
            .transcripts()
            .keys()
            .filter(|k| k.project == key.project && k.session_id == key.session_id)
            .filter_map(|k| k.subpath.clone())
            .collect())
    }
}
