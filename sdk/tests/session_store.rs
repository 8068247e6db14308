//! Both session stores against the conformance suite, and the file store
//! against damaged files.

use claude_agent_sdk::session::store::{
    FileSessionStore, InMemorySessionStore, SessionKey, SessionStore,
};
use claude_agent_sdk::testing::session_store_conformance;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_in_memory_store_conforms() {
    session_store_conformance(&InMemorySessionStore::new()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_store_conforms() {
    let root = tempfile::tempdir().unwrap();
    session_store_conformance(&FileSessionStore::new(root.path())).await;
}

#[tokio::test]
async fn the_file_store_skips_damaged_lines_and_repairs_on_append() {
    let root = tempfile::tempdir().unwrap();
    let store = FileSessionStore::new(root.path());
    let key = SessionKey::new("-p", "fc87354c-c027-4a1c-bebc-11c086e58c40");
    let path = store.path_of(&key).unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "{\"type\":\"user\",\"n\":1}\nnot json\n[1]\n{\"type\":\"assist",
    )
    .unwrap();
    assert_eq!(
        store.load(&key).await.unwrap(),
        Some(vec![json!({"type": "user", "n": 1})])
    );
    store
        .append(&key, &[json!({"type": "tag", "n": 2})])
        .await
        .unwrap();
    assert_eq!(
        store.load(&key).await.unwrap(),
        Some(vec![
            json!({"type": "user", "n": 1}),
            json!({"type": "tag", "n": 2})
        ]),
        "the half-written line stays broken, the new entry is whole"
    );
}

#[tokio::test]
async fn a_missing_root_is_an_empty_store() {
    let store = FileSessionStore::new("/nonexistent/claude-sdk-store");
    let key = SessionKey::new("-p", "s");
    assert_eq!(store.load(&key).await.unwrap(), None);
    assert!(store.list("-p").await.unwrap().is_empty());
    assert!(store.list_subkeys(&key).await.unwrap().is_empty());
    store.delete(&key).await.unwrap();
}

/// A store that loses the order of appends: the suite must catch it.
struct Reversing(InMemorySessionStore);

#[claude_agent_sdk::async_trait]
impl SessionStore for Reversing {
    async fn append(
        &self,
        key: &SessionKey,
        entries: &[serde_json::Value],
    ) -> claude_agent_sdk::Result<()> {
        self.0.append(key, entries).await
    }
    async fn load(
        &self,
        key: &SessionKey,
    ) -> claude_agent_sdk::Result<Option<Vec<serde_json::Value>>> {
        Ok(self.0.load(key).await?.map(|mut e| {
            e.reverse();
            e
        }))
    }
    async fn list(
        &self,
        project: &str,
    ) -> claude_agent_sdk::Result<Vec<claude_agent_sdk::session::store::StoredSession>> {
        self.0.list(project).await
    }
    async fn delete(&self, key: &SessionKey) -> claude_agent_sdk::Result<()> {
        self.0.delete(key).await
    }
    async fn list_subkeys(&self, key: &SessionKey) -> claude_agent_sdk::Result<Vec<String>> {
        self.0.list_subkeys(key).await
    }
}

#[tokio::test]
#[should_panic(expected = "load must return what was appended")]
async fn the_suite_catches_a_store_that_reorders() {
    session_store_conformance(&Reversing(InMemorySessionStore::new())).await;
}
