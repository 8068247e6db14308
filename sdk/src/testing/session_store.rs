//! A conformance suite for [`SessionStore`] implementations.

use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use crate::error::Error;
use crate::session::store::{SessionKey, SessionStore};

/// Checks that `store` keeps the contract of [`SessionStore`], and panics
/// with the rule it broke otherwise. Every check uses projects of its own
/// (random names), so the store may hold other data and be shared.
///
/// Run it from a test of a new store:
///
/// ```
/// use claude_agent_sdk::session::store::InMemorySessionStore;
/// use claude_agent_sdk::testing::session_store_conformance;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// session_store_conformance(&InMemorySessionStore::new()).await;
/// # }
/// ```
pub async fn session_store_conformance(store: &dyn SessionStore) {
    load_of_nothing(store).await;
    append_keeps_order(store).await;
    empty_append_stores_nothing(store).await;
    only_objects(store).await;
    unsafe_keys(store).await;
    list_per_project(store).await;
    subkeys(store).await;
    delete(store).await;
    content_round_trips(store).await;
    concurrent_appends(store).await;
}

fn fresh_key() -> SessionKey {
    SessionKey::new(
        format!("-conformance-{}", uuid::Uuid::new_v4().simple()),
        uuid::Uuid::new_v4().to_string(),
    )
}

fn entries(prefix: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({"type": "user", "uuid": format!("{prefix}-{i}"), "n": i}))
        .collect()
}

async fn load(store: &dyn SessionStore, key: &SessionKey) -> Option<Vec<Value>> {
    store
        .load(key)
        .await
        .unwrap_or_else(|e| panic!("load({key}) failed: {e}"))
}

async fn append(store: &dyn SessionStore, key: &SessionKey, batch: &[Value]) {
    store
        .append(key, batch)
        .await
        .unwrap_or_else(|e| panic!("append({key}) failed: {e}"));
}

async fn ids(store: &dyn SessionStore, project: &str) -> Vec<String> {
    let mut ids: Vec<String> = store
        .list(project)
        .await
        .unwrap_or_else(|e| panic!("list({project}) failed: {e}"))
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    ids.sort();
    ids
}

async fn load_of_nothing(store: &dyn SessionStore) {
    let key = fresh_key();
    assert_eq!(
        load(store, &key).await,
        None,
        "load of a key never appended to must be None"
    );
    assert!(
        ids(store, &key.project).await.is_empty(),
        "list of an unknown project must be empty"
    );
    assert!(
        store.list_subkeys(&key).await.unwrap().is_empty(),
        "list_subkeys of an unknown session must be empty"
    );
}

async fn append_keeps_order(store: &dyn SessionStore) {
    let key = fresh_key();
    let first = entries("a", 3);
    let second = entries("b", 2);
    append(store, &key, &first).await;
    assert_eq!(
        load(store, &key).await,
        Some(first.clone()),
        "load must return what was appended"
    );
    append(store, &key, &second).await;
    let all: Vec<Value> = first.into_iter().chain(second).collect();
    assert_eq!(
        load(store, &key).await,
        Some(all),
        "a second append must follow the first"
    );
}

async fn empty_append_stores_nothing(store: &dyn SessionStore) {
    let key = fresh_key();
    append(store, &key, &[]).await;
    assert_eq!(
        load(store, &key).await,
        None,
        "an empty append must store nothing"
    );
    assert!(
        ids(store, &key.project).await.is_empty(),
        "an empty append must not list a session"
    );
}

async fn only_objects(store: &dyn SessionStore) {
    let key = fresh_key();
    let result = store
        .append(&key, &[json!({"type": "user"}), json!([1, 2])])
        .await;
    assert!(
        matches!(result, Err(Error::InvalidSessionArgument(_))),
        "an entry that is not an object must be refused, got {result:?}"
    );
    assert_eq!(
        load(store, &key).await,
        None,
        "a refused append must store nothing"
    );
}

async fn unsafe_keys(store: &dyn SessionStore) {
    let good = fresh_key();
    let bad_keys = [
        SessionKey::new("..", &good.session_id),
        SessionKey::new(&good.project, "a/b"),
        SessionKey::new("", &good.session_id),
        good.clone().with_subpath("../escape"),
    ];
    for key in &bad_keys {
        let refused = |what: &str, result: Result<(), Error>| {
            assert!(
                matches!(result, Err(Error::InvalidSessionArgument(_))),
                "{what} with the unsafe key {key:?} must be refused, got {result:?}"
            );
        };
        refused("append", store.append(key, &entries("x", 1)).await);
        refused("load", store.load(key).await.map(drop));
        refused("delete", store.delete(key).await);
    }
    let listed = store.list("../x").await;
    assert!(
        matches!(listed, Err(Error::InvalidSessionArgument(_))),
        "list of an unsafe project must be refused, got {listed:?}"
    );
}

async fn list_per_project(store: &dyn SessionStore) {
    let a = fresh_key();
    let b = SessionKey::new(&a.project, uuid::Uuid::new_v4().to_string());
    let elsewhere = fresh_key();
    let before = SystemTime::now() - Duration::from_secs(2);
    append(store, &a, &entries("a", 1)).await;
    append(store, &b, &entries("b", 1)).await;
    append(store, &elsewhere, &entries("c", 1)).await;
    append(
        store,
        &a.clone().with_subpath("subagents/agent-x"),
        &entries("s", 1),
    )
    .await;
    let mut expected = vec![a.session_id.clone(), b.session_id.clone()];
    expected.sort();
    assert_eq!(
        ids(store, &a.project).await,
        expected,
        "list must return the project's sessions, without other projects or subagent transcripts"
    );
    let after = SystemTime::now() + Duration::from_secs(2);
    for session in store.list(&a.project).await.unwrap() {
        assert!(
            session.modified >= before && session.modified <= after,
            "modified must be the time of the last append"
        );
    }
}

async fn subkeys(store: &dyn SessionStore) {
    let key = fresh_key();
    let nested = key
        .clone()
        .with_subpath("subagents/workflows/run-1/agent-b");
    let direct = key.clone().with_subpath("subagents/agent-a");
    append(store, &key, &entries("main", 1)).await;
    append(store, &nested, &entries("nested", 2)).await;
    append(store, &direct, &entries("direct", 1)).await;
    assert_eq!(
        store.list_subkeys(&key).await.unwrap(),
        ["subagents/agent-a", "subagents/workflows/run-1/agent-b"],
        "list_subkeys must return every subpath, sorted"
    );
    assert_eq!(load(store, &nested).await, Some(entries("nested", 2)));
    assert_eq!(
        load(store, &key).await,
        Some(entries("main", 1)),
        "subagent transcripts are separate"
    );
}

async fn delete(store: &dyn SessionStore) {
    let key = fresh_key();
    let sibling = SessionKey::new(&key.project, uuid::Uuid::new_v4().to_string());
    let agent = key.clone().with_subpath("subagents/agent-a");
    let other_agent = key.clone().with_subpath("subagents/agent-b");
    append(store, &key, &entries("main", 1)).await;
    append(store, &sibling, &entries("sibling", 1)).await;
    append(store, &agent, &entries("agent", 1)).await;
    append(store, &other_agent, &entries("other", 1)).await;

    store.delete(&agent).await.unwrap();
    assert_eq!(
        load(store, &agent).await,
        None,
        "delete of a subpath key must remove it"
    );
    assert!(
        load(store, &key).await.is_some(),
        "delete of a subpath key must keep the session"
    );
    assert_eq!(
        store.list_subkeys(&key).await.unwrap(),
        ["subagents/agent-b"]
    );

    store.delete(&key).await.unwrap();
    assert_eq!(
        load(store, &key).await,
        None,
        "delete must remove the session"
    );
    assert_eq!(
        load(store, &other_agent).await,
        None,
        "delete of a session must remove its subagent transcripts"
    );
    assert!(store.list_subkeys(&key).await.unwrap().is_empty());
    assert_eq!(
        ids(store, &key.project).await,
        std::slice::from_ref(&sibling.session_id),
        "delete must keep other sessions"
    );

    store
        .delete(&key)
        .await
        .expect("deleting what does not exist is not an error");
    store
        .delete(&fresh_key())
        .await
        .expect("deleting what never existed is not an error");
}

async fn content_round_trips(store: &dyn SessionStore) {
    let key = fresh_key();
    let tricky = vec![
        json!({"type": "user", "text": "line one\nline two\r\n\ttab \"quoted\" \\ backslash"}),
        json!({"type": "assistant", "text": "ünïcödé ✓ 😀 \u{2028}", "nested": {"a": [1, 2.5, null, true]}}),
        json!({"type": "big", "blob": "x".repeat(1 << 20)}),
        json!({}),
    ];
    append(store, &key, &tricky).await;
    assert_eq!(
        load(store, &key).await,
        Some(tricky),
        "entries must round-trip exactly"
    );
}

async fn concurrent_appends(store: &dyn SessionStore) {
    let key = fresh_key();
    let batches: Vec<Vec<Value>> = (0..8).map(|b| entries(&format!("batch{b}"), 10)).collect();
    let appends = batches.iter().map(|batch| store.append(&key, batch));
    for result in futures::future::join_all(appends).await {
        result.expect("concurrent append");
    }
    let loaded = load(store, &key).await.expect("entries");
    assert_eq!(
        loaded.len(),
        80,
        "every concurrently appended entry must be kept"
    );
    for batch in &batches {
        let start = loaded
            .iter()
            .position(|e| e == &batch[0])
            .expect("each batch is stored");
        assert_eq!(
            &loaded[start..start + batch.len()],
            batch.as_slice(),
            "a batch must stay whole and in order"
        );
    }
}
