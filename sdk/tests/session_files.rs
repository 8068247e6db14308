//! Property tests of the session history on hostile session files: random
//! transcripts with cycles, dangling and duplicate links, wrong types,
//! garbage lines and a cut-off end. Never a panic; every operation returns
//! a value or a typed error.

use claude_agent_sdk::Error;
use claude_agent_sdk::session::history::{ForkSession, ListSessions, SessionHistory};
use claude_agent_sdk::session::store::{InMemorySessionStore, import_session};
use proptest::prelude::*;
use serde_json::{Value, json};

const SESSION: &str = "fc87354c-c027-4a1c-bebc-11c086e58c40";
const TYPES: [&str; 10] = [
    "user",
    "assistant",
    "attachment",
    "progress",
    "system",
    "custom-title",
    "tag",
    "last-prompt",
    "summary",
    "queue-operation",
];

fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

/// One random line: a type, a parent (maybe dangling, maybe itself), flags
/// and content of random shape.
fn line(n: usize) -> impl Strategy<Value = Value> {
    (
        0..TYPES.len(),
        prop::option::of(0..n + 2),
        any::<bool>(),
        any::<bool>(),
        0..4usize,
        "[ -~é😀\n]{0,20}",
    )
        .prop_map(move |(kind, parent, sidechain, meta, shape, text)| {
            let content = match shape {
                0 => json!(text),
                1 => json!([{"type": "text", "text": text}, {"type": "tool_result", "content": 1}]),
                2 => json!(42),
                _ => Value::Null,
            };
            json!({
                "type": TYPES[kind],
                "uuid": uuid(parent.unwrap_or(0) * 7 % (n + 3)),
                "parentUuid": parent.map(uuid),
                "isSidechain": sidechain,
                "isMeta": meta,
                "sessionId": SESSION,
                "timestamp": if meta { json!("2026-11-23T21:17:04.015Z") } else { json!(text) },
                "message": {"role": "user", "content": content},
                "customTitle": text,
                "tag": text,
                "lastPrompt": text,
                "summary": text,
            })
        })
}

fn file_contents() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(line(12), 0..12),
        prop::collection::vec(any::<u8>(), 0..40),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(lines, garbage, garbage_at, cut_at)| {
            let mut text: Vec<Vec<u8>> = lines.iter().map(|l| l.to_string().into_bytes()).collect();
            let at = garbage_at.index(text.len() + 1);
            text.insert(at, garbage);
            let mut bytes = text.join(&b'\n');
            // Cut the end off, as a writer that died would.
            let cut = cut_at.index(bytes.len() + 1);
            bytes.truncate(bytes.len().max(1) - (bytes.len() - cut) / 4);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_session_files_never_panic(bytes in file_contents(), pick in any::<prop::sample::Index>()) {
        let config = tempfile::tempdir().unwrap();
        let project = config.path().join("projects/-p");
        std::fs::create_dir_all(&project).unwrap();
        let file = project.join(format!("{SESSION}.jsonl"));
        std::fs::write(&file, &bytes).unwrap();
        let history = SessionHistory::new(config.path());

        // An empty file is no session at all.
        let exists = !bytes.is_empty();
        let listed = history.list_sessions(&ListSessions::new()).unwrap();
        prop_assert!(listed.len() <= usize::from(exists));
        let _ = history.get_session_info(SESSION).unwrap();
        let messages = match history.get_session_messages(SESSION, None, 0) {
            Ok(messages) => messages,
            Err(Error::SessionNotFound { .. }) if !exists => Vec::new(),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let lines = bytes.split(|b| *b == b'\n').count();
        prop_assert!(messages.len() <= lines);
        for message in &messages {
            let _ = message.to_message();
            let _ = message.text();
        }
        prop_assert_eq!(history.list_subagents(SESSION).is_ok(), exists);

        let up_to = messages.get(pick.index(messages.len() + 1)).map(|m| m.uuid.clone());
        let mut fork = ForkSession::new();
        if let Some(uuid) = up_to {
            fork = fork.up_to_message(uuid);
        }
        if let Ok(forked) = history.fork_session(SESSION, &fork) {
            let copied = history.get_session_messages(&forked, None, 0).unwrap();
            prop_assert!(!copied.is_empty());
        }

        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let imported = runtime.block_on(async {
            import_session(&history, SESSION, &InMemorySessionStore::new()).await
        });
        prop_assert_eq!(imported.is_ok(), exists);

        prop_assert_eq!(history.rename_session(SESSION, "t").is_ok(), exists);
        prop_assert_eq!(history.tag_session(SESSION, Some("x")).is_ok(), exists);
        if let Some(info) = history.get_session_info(SESSION).unwrap() {
            // (None when the file reads as a subagent's transcript.)
            prop_assert_eq!(info.custom_title.as_deref(), Some("t"));
            prop_assert_eq!(info.tag.as_deref(), Some("x"));
        }
        prop_assert_eq!(history.delete_session(SESSION).is_ok(), exists);
        prop_assert!(history.get_session_info(SESSION).unwrap().is_none());
    }
}
