//! Session files planted or damaged by someone else: symbolic links out of
//! the `projects` folder, FIFOs named like session files, transcripts
//! crafted to make reconstruction slow, and corrupt lines in the middle.
//!
//! Every operation that could hang runs in a thread with a deadline, so
//! that a regression fails the test instead of hanging the suite.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use claude_agent_sdk::Error;
use claude_agent_sdk::session::history::{ForkSession, ListSessions, SessionHistory};
use claude_agent_sdk::session::store::{
    FileSessionStore, InMemorySessionStore, SessionKey, SessionStore, materialize_session,
};
use serde_json::{Value, json};

const SESSION: &str = "fc87354c-c027-4a1c-bebc-11c086e58c40";
const OTHER: &str = "2078c6d7-22bd-4a2f-873c-83de16f52ace";
const VICTIM: &str = "{\"type\":\"user\",\"uuid\":\"v\",\"message\":{\"content\":\"mine\"}}\n";

/// Runs `work` in a thread and returns its value, or fails the test when it
/// has not finished after `seconds` (the thread is left behind).
fn within<T: Send + 'static>(
    seconds: u64,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(Duration::from_secs(seconds)) {
        Ok(value) => value,
        Err(_) => panic!("{what} did not finish within {seconds} s"),
    }
}

fn uuid(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

fn entry(kind: &str, uuid: &str, parent: Option<&str>, text: &str) -> Value {
    json!({
        "type": kind,
        "uuid": uuid,
        "parentUuid": parent,
        "sessionId": SESSION,
        "timestamp": "2026-11-23T21:17:04.015Z",
        "cwd": "/p",
        "message": {"role": kind, "content": text},
    })
}

fn lines(entries: &[Value]) -> String {
    entries.iter().map(|e| format!("{e}\n")).collect()
}

/// A configuration directory with one project folder; returns it and the
/// project folder.
fn config() -> (tempfile::TempDir, PathBuf) {
    let config = tempfile::tempdir().unwrap();
    let project = config.path().join("projects/-p");
    std::fs::create_dir_all(&project).unwrap();
    (config, project)
}

fn a_session() -> String {
    lines(&[
        entry("user", &uuid(1), None, "hello"),
        entry("assistant", &uuid(2), Some(&uuid(1)), "hi"),
    ])
}

fn assert_unsafe<T: std::fmt::Debug>(result: Result<T, Error>, what: &str) {
    match result {
        Err(Error::UnsafeSessionPath { .. }) => {}
        other => panic!("{what}: expected UnsafeSessionPath, got {other:?}"),
    }
}

/// Every file below `dir`, with its contents.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                out.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

// ---- symbolic links ------------------------------------------------------

#[test]
fn a_session_file_linked_out_of_the_projects_folder_is_never_written() {
    let (config, project) = config();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.jsonl");
    std::fs::write(&victim, a_session()).unwrap();
    std::os::unix::fs::symlink(&victim, project.join(format!("{SESSION}.jsonl"))).unwrap();
    let history = SessionHistory::new(config.path());
    let before = snapshot(outside.path());

    assert_unsafe(history.rename_session(SESSION, "pwned"), "rename");
    assert_unsafe(history.tag_session(SESSION, Some("pwned")), "tag");
    assert_unsafe(history.fork_session(SESSION, &ForkSession::new()), "fork");
    assert_unsafe(history.get_session_messages(SESSION, None, 0), "read");
    assert_unsafe(history.delete_session(SESSION), "delete");
    assert_eq!(
        snapshot(outside.path()),
        before,
        "the outside file is unchanged"
    );
    assert!(
        std::fs::symlink_metadata(project.join(format!("{SESSION}.jsonl"))).is_ok(),
        "the link itself is left alone"
    );
    assert!(
        history
            .list_sessions(&ListSessions::new())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_project_folder_linked_out_of_the_projects_folder_is_never_written() {
    let (config, _) = config();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join(format!("{SESSION}.jsonl")), a_session()).unwrap();
    std::os::unix::fs::symlink(outside.path(), config.path().join("projects/-linked")).unwrap();
    let history = SessionHistory::new(config.path());
    let before = snapshot(outside.path());

    assert_unsafe(history.rename_session(SESSION, "pwned"), "rename");
    assert_unsafe(history.tag_session(SESSION, Some("pwned")), "tag");
    assert_unsafe(history.fork_session(SESSION, &ForkSession::new()), "fork");
    assert_unsafe(history.delete_session(SESSION), "delete");
    assert_eq!(
        snapshot(outside.path()),
        before,
        "the outside folder is unchanged"
    );
}

#[test]
fn a_session_folder_linked_out_of_the_projects_folder_gets_no_sidecar() {
    let (config, project) = config();
    std::fs::write(project.join(format!("{SESSION}.jsonl")), a_session()).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), project.join(SESSION)).unwrap();
    let history = SessionHistory::new(config.path());

    assert_unsafe(history.rename_session(SESSION, "pwned"), "rename");
    assert!(
        snapshot(outside.path()).is_empty(),
        "no title sidecar written through the link"
    );
}

#[tokio::test]
async fn materializing_never_writes_through_links() {
    let store = InMemorySessionStore::new();
    let key = SessionKey::new("-p", SESSION);
    store
        .append(&key, &[entry("user", &uuid(1), None, "hello")])
        .await
        .unwrap();
    store
        .append(
            &key.clone().with_subpath("subagents/agent-a"),
            &[entry("user", &uuid(2), None, "task")],
        )
        .await
        .unwrap();

    // The project folder is a link.
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("projects")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), config.path().join("projects/-p")).unwrap();
    let result = materialize_session(&store, &key, config.path(), "-p").await;
    assert_unsafe(result, "materialize into a linked project folder");
    assert!(snapshot(outside.path()).is_empty());

    // The session folder is a link to a folder with transcripts of its own:
    // neither written into nor cleaned.
    let config = tempfile::tempdir().unwrap();
    let project = config.path().join("projects/-p");
    std::fs::create_dir_all(&project).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep.jsonl"), VICTIM).unwrap();
    std::os::unix::fs::symlink(outside.path(), project.join(SESSION)).unwrap();
    let before = snapshot(outside.path());
    let result = materialize_session(&store, &key, config.path(), "-p").await;
    assert_unsafe(result, "materialize with a linked session folder");
    assert_eq!(snapshot(outside.path()), before);

    // The session file is a link.
    let config = tempfile::tempdir().unwrap();
    let project = config.path().join("projects/-p");
    std::fs::create_dir_all(&project).unwrap();
    let victim = outside.path().join("keep.jsonl");
    std::os::unix::fs::symlink(&victim, project.join(format!("{SESSION}.jsonl"))).unwrap();
    let link = project.join(format!("{SESSION}.jsonl"));
    let result = materialize_session(&store, &key, config.path(), "-p").await;
    assert_unsafe(result, "materialize over a linked session file");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), VICTIM);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is left alone"
    );
}

#[tokio::test]
async fn a_file_store_never_writes_through_links() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let store = FileSessionStore::new(root.path());
    let line = [json!({"type": "user"})];

    // A project folder that is a link.
    std::os::unix::fs::symlink(outside.path(), root.path().join("-linked")).unwrap();
    assert_unsafe(
        store
            .append(&SessionKey::new("-linked", SESSION), &line)
            .await,
        "append into a linked project",
    );
    std::fs::write(outside.path().join(format!("{SESSION}.jsonl")), VICTIM).unwrap();
    assert_unsafe(
        store.delete(&SessionKey::new("-linked", SESSION)).await,
        "delete in a linked project",
    );

    // A transcript that is a link.
    std::fs::create_dir_all(root.path().join("-p")).unwrap();
    let victim = outside.path().join("victim.jsonl");
    std::fs::write(&victim, VICTIM).unwrap();
    std::os::unix::fs::symlink(&victim, root.path().join(format!("-p/{OTHER}.jsonl"))).unwrap();
    assert_unsafe(
        store.append(&SessionKey::new("-p", OTHER), &line).await,
        "append to a linked file",
    );
    assert_unsafe(
        store.load(&SessionKey::new("-p", OTHER)).await,
        "load a linked file",
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), VICTIM);
    assert_eq!(
        std::fs::read_to_string(outside.path().join(format!("{SESSION}.jsonl"))).unwrap(),
        VICTIM
    );
}

// ---- FIFOs ---------------------------------------------------------------

fn mkfifo(path: &Path) {
    nix::unistd::mkfifo(path, nix::sys::stat::Mode::S_IRWXU).unwrap();
}

#[test]
fn a_fifo_named_like_a_session_file_is_skipped_not_waited_on() {
    let (config, project) = config();
    std::fs::write(project.join(format!("{SESSION}.jsonl")), a_session()).unwrap();
    mkfifo(&project.join(format!("{OTHER}.jsonl")));
    let history = SessionHistory::new(config.path());

    let listing = history.clone();
    let listed = within(20, "list_sessions", move || {
        listing.list_sessions(&ListSessions::new())
    })
    .unwrap();
    let ids: Vec<&str> = listed.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(ids, [SESSION]);

    let reading = history.clone();
    let read = within(20, "get_session_messages", move || {
        reading.get_session_messages(OTHER, None, 0)
    });
    assert_unsafe(read, "messages of a FIFO");
    let info = history.clone();
    assert_eq!(
        within(20, "get_session_info", move || info.get_session_info(OTHER)).unwrap(),
        None
    );
    let renaming = history.clone();
    assert_unsafe(
        within(20, "rename_session", move || {
            renaming.rename_session(OTHER, "t")
        }),
        "rename a FIFO",
    );
}

#[test]
fn fifos_among_a_sessions_sidecars_are_skipped() {
    let (config, project) = config();
    std::fs::write(project.join(format!("{SESSION}.jsonl")), a_session()).unwrap();
    let folder = project.join(SESSION);
    std::fs::create_dir_all(folder.join("subagents")).unwrap();
    mkfifo(&folder.join("custom-title.json"));
    std::fs::write(
        folder.join("subagents/agent-a.jsonl"),
        lines(&[entry("user", &uuid(9), None, "task")]),
    )
    .unwrap();
    mkfifo(&folder.join("subagents/agent-a.meta.json"));
    mkfifo(&folder.join("subagents/agent-b.jsonl"));
    let history = SessionHistory::new(config.path());

    let listing = history.clone();
    let listed = within(20, "list_sessions", move || {
        listing.list_sessions(&ListSessions::new())
    })
    .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].summary, "hello");

    let agents = history.clone();
    let subagents = within(20, "list_subagents", move || agents.list_subagents(SESSION)).unwrap();
    let ids: Vec<&str> = subagents.iter().map(|a| a.agent_id.as_str()).collect();
    assert_eq!(ids, ["a"]);
    assert_eq!(subagents[0].agent_type, None);

    let forking = history.clone();
    within(20, "fork_session", move || {
        forking.fork_session(SESSION, &ForkSession::new())
    })
    .unwrap();
}

/// Runs a future on a runtime of its own in a thread with a deadline.
fn block_within<T: Send + 'static>(
    what: &str,
    work: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    within(20, what, move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work)
    })
}

#[test]
fn a_file_store_does_not_wait_on_a_fifo() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("-p")).unwrap();
    mkfifo(&root.path().join(format!("-p/{SESSION}.jsonl")));
    let store = FileSessionStore::new(root.path());
    let key = SessionKey::new("-p", SESSION);

    let (s, k) = (store.clone(), key.clone());
    assert_unsafe(
        block_within("load", async move { s.load(&k).await }),
        "load a FIFO",
    );
    let (s, k) = (store.clone(), key.clone());
    assert_unsafe(
        block_within("append", async move {
            s.append(&k, &[json!({"type": "user"})]).await
        }),
        "append to a FIFO",
    );
    let s = store.clone();
    let listed = block_within("list", async move { s.list("-p").await }).unwrap();
    assert!(listed.is_empty());
}

// ---- transcript reconstruction -------------------------------------------

/// A file with a long chain of progress entries under two messages, and as
/// many leaves hanging off the end of it: each leaf is a walk back over the
/// whole chain to the nearest message, unless reconstruction is linear.
fn chain_and_leaves(chain: usize, leaves: usize) -> String {
    let mut out = String::new();
    out.push_str(&lines(&[
        entry("user", &uuid(0), None, "first"),
        entry("assistant", &uuid(1), Some(&uuid(0)), "second"),
    ]));
    for i in 2..chain + 2 {
        let line = json!({"type": "progress", "uuid": uuid(i), "parentUuid": uuid(i - 1)});
        out.push_str(&format!("{line}\n"));
    }
    let tip = uuid(chain + 1);
    for i in 0..leaves {
        let line = json!({"type": "attachment", "uuid": uuid(chain + 2 + i), "parentUuid": tip});
        out.push_str(&format!("{line}\n"));
    }
    out
}

#[test]
fn a_long_chain_with_many_leaves_is_read_in_linear_time() {
    let (config, project) = config();
    std::fs::write(
        project.join(format!("{SESSION}.jsonl")),
        chain_and_leaves(30_000, 30_000),
    )
    .unwrap();
    let history = SessionHistory::new(config.path());
    let reading = history.clone();
    let messages = within(60, "get_session_messages", move || {
        reading.get_session_messages(SESSION, None, 0)
    })
    .unwrap();
    let texts: Vec<String> = messages.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["first", "second"]);

    let forking = history.clone();
    let fork = within(60, "fork_session", move || {
        forking.fork_session(SESSION, &ForkSession::new())
    })
    .unwrap();
    let forked = history.get_session_messages(&fork, None, 0).unwrap();
    assert_eq!(forked.len(), 2);
}

#[test]
fn the_newest_branch_of_a_large_tree_is_the_conversation() {
    // A main line of alternating messages; every tenth message also has an
    // abandoned reply. The newest leaf is the end of the main line.
    let mut entries = Vec::new();
    let mut expected = Vec::new();
    let n = 5_000;
    for i in 0..n {
        let kind = if i % 2 == 0 { "user" } else { "assistant" };
        let parent = (i > 0).then(|| uuid(i - 1));
        entries.push(entry(kind, &uuid(i), parent.as_deref(), &format!("m{i}")));
        expected.push(format!("m{i}"));
        if i % 10 == 5 {
            entries.push(entry("user", &uuid(n + i), Some(&uuid(i)), "abandoned"));
        }
    }
    let (config, project) = config();
    std::fs::write(project.join(format!("{SESSION}.jsonl")), lines(&entries)).unwrap();
    let history = SessionHistory::new(config.path());
    let reading = history.clone();
    let messages = within(60, "get_session_messages", move || {
        reading.get_session_messages(SESSION, None, 0)
    })
    .unwrap();
    let texts: Vec<String> = messages.iter().map(|m| m.text()).collect();
    assert_eq!(texts, expected);
    let uuids: Vec<String> = messages.iter().map(|m| m.uuid.clone()).collect();
    assert_eq!(uuids, (0..n).map(uuid).collect::<Vec<_>>());
}

// ---- corrupt lines -------------------------------------------------------

/// valid, corrupt (the second message, cut off), valid, valid.
fn with_a_corrupt_line() -> String {
    let first = entry("user", &uuid(1), None, "before");
    let corrupt = entry("assistant", &uuid(2), Some(&uuid(1)), "lost").to_string();
    let third = entry("user", &uuid(3), Some(&uuid(2)), "after");
    let fourth = entry("assistant", &uuid(4), Some(&uuid(3)), "last");
    format!(
        "{first}\n{}\n{third}\n{fourth}\n",
        &corrupt[..corrupt.len() / 2]
    )
}

#[test]
fn a_corrupt_line_in_the_middle_keeps_the_messages_on_both_sides() {
    let (config, project) = config();
    std::fs::write(
        project.join(format!("{SESSION}.jsonl")),
        with_a_corrupt_line(),
    )
    .unwrap();
    let history = SessionHistory::new(config.path());

    let messages = history.get_session_messages(SESSION, None, 0).unwrap();
    let texts: Vec<String> = messages.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["before", "after", "last"]);

    let transcript = history.get_session_transcript(SESSION, None, 0).unwrap();
    assert_eq!(transcript.messages, messages);
    assert_eq!(transcript.skipped_lines, [2], "the corrupt line is named");

    // A fork keeps them too, linked into one chain the CLI can resume.
    let fork = history.fork_session(SESSION, &ForkSession::new()).unwrap();
    let forked = history.get_session_messages(&fork, None, 0).unwrap();
    let texts: Vec<String> = forked.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["before", "after", "last"]);
    assert_eq!(
        forked[1].parent_uuid.as_deref(),
        Some(forked[0].uuid.as_str())
    );
    let clean = history.get_session_transcript(&fork, None, 0).unwrap();
    assert!(clean.skipped_lines.is_empty());
}

#[test]
fn a_corrupt_line_in_a_subagent_transcript_keeps_both_sides() {
    let (config, project) = config();
    std::fs::write(project.join(format!("{SESSION}.jsonl")), a_session()).unwrap();
    let agents = project.join(SESSION).join("subagents");
    std::fs::create_dir_all(&agents).unwrap();
    std::fs::write(agents.join("agent-a.jsonl"), with_a_corrupt_line()).unwrap();
    let history = SessionHistory::new(config.path());
    let messages = history
        .get_subagent_messages(SESSION, "a", None, 0)
        .unwrap();
    let texts: Vec<String> = messages.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["before", "after", "last"]);
}
