//! Forking a session file into a new session: the conversation up to a
//! message, with fresh ids, in a new file the CLI can resume.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};

use super::edit::{existing_file, not_found};
use super::jsonl::{
    Entry, OrderedEntry, SkippedLine, entry_type, ordered_lines, parse_ordered, str_field,
};
use super::metadata::{TITLE_SIDECAR, first_prompt};
use super::paths::{check_session_id, file_error, is_uuid, session_dir};
use super::safe_files::{read_regular, write_private};
use super::timestamp;
use super::transcript::{chain_to, conversation_chain, is_visible_message};
use crate::error::{Error, Result};

/// How to fork a session: up to which message, and the new title.
///
/// ```
/// use claude_agent_sdk::session::history::ForkSession;
///
/// let options = ForkSession::new()
///     .up_to_message("0e27bbe2-6906-4536-a519-af56c8c7a8c2")
///     .title("Try the other approach");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct ForkSession {
    up_to_message: Option<String>,
    title: Option<String>,
}

impl ForkSession {
    /// The whole conversation, titled after the original with ` (fork)`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the conversation up to and including this message (the
    /// [`SessionMessage::uuid`](super::SessionMessage::uuid) of any message
    /// of the session, also one on an abandoned branch).
    pub fn up_to_message(mut self, uuid: impl Into<String>) -> Self {
        self.up_to_message = Some(uuid.into());
        self
    }

    /// The title of the new session.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }
}

/// Forks session `id`; returns the new session's id. The new file sits
/// next to the original (same project), so the CLI resumes it from the
/// same working directory.
pub(crate) fn fork(projects_dir: &Path, id: &str, options: &ForkSession) -> Result<String> {
    check_session_id(id)?;
    if let Some(uuid) = &options.up_to_message
        && !is_uuid(uuid)
    {
        return Err(Error::InvalidSessionArgument(format!(
            "`{uuid}` is not a message id (a UUID)"
        )));
    }
    let source = existing_file(projects_dir, id)?;
    let bytes = read_regular(&source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => not_found(projects_dir, id),
        _ => file_error(&source)(e),
    })?;
    let parsed = parse_ordered(&bytes);
    if !parsed.skipped.is_empty() {
        tracing::warn!(
            path = %source.display(),
            lines = ?parsed.skipped_line_numbers(),
            "corrupt lines skipped while forking the session"
        );
    }
    let ordered = parsed.entries;
    let new_id = uuid::Uuid::new_v4().to_string();
    let title = match options.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => title.to_owned(),
        _ => {
            let entries: Vec<Entry> = ordered.iter().map(OrderedEntry::to_map).collect();
            let derived = derived_title(&source, &entries);
            format!("{} (fork)", derived.as_deref().unwrap_or("Forked session"))
        }
    };
    let forked = fork_entries(
        &ordered,
        &parsed.skipped,
        id,
        &new_id,
        options.up_to_message.as_deref(),
        &title,
    )?;

    // Written to a temporary file and renamed, so a failed write leaves no
    // truncated session behind.
    let path = source.with_file_name(format!("{new_id}.jsonl"));
    write_private(projects_dir, &path, &ordered_lines(&forked))?;
    Ok(new_id)
}

/// The fork's lines: the conversation chain (to the leaf, or to `up_to`)
/// with every `uuid` replaced, links and session id rewritten and
/// `forkedFrom` recording the origin (key order kept); then the session's
/// content replacements, its title and its last prompt. Each kept entry's
/// parent is the kept entry before it in the chain, so the fork is one
/// unbroken chain (also where the original had a corrupt line, see
/// [`conversation_chain`]).
pub(crate) fn fork_entries(
    ordered: &[OrderedEntry],
    skipped: &[SkippedLine],
    id: &str,
    new_id: &str,
    up_to: Option<&str>,
    title: &str,
) -> Result<Vec<OrderedEntry>> {
    let entries: Vec<Entry> = ordered.iter().map(OrderedEntry::to_map).collect();
    let chain: Vec<usize> = match up_to {
        None => conversation_chain(&entries, skipped),
        Some(uuid) => chain_to(&entries, skipped, uuid).ok_or_else(|| {
            Error::InvalidSessionArgument(format!("message {uuid} is not part of session {id}"))
        })?,
    };
    // Something to show: a user or assistant message of the main
    // conversation (not only meta messages, not a subagent's sidechain).
    if !chain.iter().any(|i| is_visible_message(&entries[*i])) {
        return Err(Error::InvalidSessionArgument(format!(
            "session {id} has no messages to fork"
        )));
    }
    let mapping: HashMap<&str, String> = chain
        .iter()
        .filter_map(|i| str_field(&entries[*i], "uuid"))
        .map(|uuid| (uuid, uuid::Uuid::new_v4().to_string()))
        .collect();
    let kept: Vec<usize> = chain
        .iter()
        .copied()
        .filter(|i| entry_type(&entries[*i]) != Some("progress"))
        .collect();
    let now = timestamp::now();
    let remap = |key: Option<&str>| {
        key.and_then(|k| mapping.get(k))
            .map_or(Value::Null, |u| json!(u))
    };

    let mut out = Vec::with_capacity(kept.len() + 3);
    for (n, &i) in kept.iter().enumerate() {
        let original = &entries[i];
        let mut entry = ordered[i].clone();
        let old_uuid = str_field(original, "uuid").unwrap_or_default();
        // The nearest kept ancestor (progress entries are UI-only): the
        // kept entry before it in the chain; none for the first.
        let parent = n
            .checked_sub(1)
            .and_then(|before| str_field(&entries[kept[before]], "uuid"));
        entry.set("parentUuid", remap(parent));
        if original.contains_key("logicalParentUuid") {
            entry.set(
                "logicalParentUuid",
                remap(str_field(original, "logicalParentUuid")),
            );
        }
        match remap(str_field(original, "sourceToolAssistantUUID")) {
            Value::Null => entry.remove("sourceToolAssistantUUID"),
            mapped => entry.set("sourceToolAssistantUUID", mapped),
        }
        entry.set("isSidechain", json!(false));
        let new_uuid = mapping.get(old_uuid).cloned();
        entry.set(
            "uuid",
            json!(new_uuid.unwrap_or_else(|| uuid::Uuid::new_v4().to_string())),
        );
        if n + 1 == kept.len() {
            entry.set("timestamp", json!(now));
        }
        entry.set("sessionId", json!(new_id));
        for key in ["teamName", "agentName", "slug"] {
            entry.remove(key);
        }
        entry.set(
            "forkedFrom",
            json!({"sessionId": id, "messageUuid": old_uuid}),
        );
        out.push(entry);
    }

    let replacements: Vec<Value> = entries
        .iter()
        .filter(|e| {
            entry_type(e) == Some("content-replacement") && str_field(e, "sessionId") == Some(id)
        })
        .filter_map(|e| e.get("replacements").and_then(Value::as_array))
        .flatten()
        .cloned()
        .collect();
    if !replacements.is_empty() {
        out.push(OrderedEntry::of([
            ("type", json!("content-replacement")),
            ("sessionId", json!(new_id)),
            ("replacements", Value::Array(replacements)),
        ]));
    }
    out.push(OrderedEntry::of([
        ("type", json!("custom-title")),
        ("customTitle", json!(title)),
        ("sessionId", json!(new_id)),
    ]));
    let last_prompt = kept
        .iter()
        .rev()
        .find_map(|i| first_prompt(std::slice::from_ref(&entries[*i])));
    let leaf = kept
        .last()
        .and_then(|i| mapping.get(str_field(&entries[*i], "uuid").unwrap_or_default()));
    if let (Some(prompt), Some(leaf)) = (last_prompt, leaf) {
        out.push(OrderedEntry::of([
            ("type", json!("last-prompt")),
            ("lastPrompt", json!(prompt)),
            ("leafUuid", json!(leaf)),
            ("sessionId", json!(new_id)),
        ]));
    }
    Ok(out)
}

/// The original's title (custom, sidecar, generated) or first prompt.
fn derived_title(source: &Path, entries: &[Entry]) -> Option<String> {
    let last = |kind: &str, field: &str| {
        entries
            .iter()
            .rev()
            .filter(|e| entry_type(e) == Some(kind))
            .find_map(|e| str_field(e, field).map(str::trim).filter(|s| !s.is_empty()))
            .map(str::to_owned)
    };
    last("custom-title", "customTitle")
        .or_else(|| {
            let bytes = read_regular(&session_dir(source).join(TITLE_SIDECAR)).ok()?;
            let entry = super::jsonl::parse_line(&bytes)?;
            str_field(&entry, "customTitle").map(str::to_owned)
        })
        .or_else(|| last("ai-title", "aiTitle"))
        .or_else(|| first_prompt(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "fc87354c-c027-4a1c-bebc-11c086e58c40";
    const NEW: &str = "2078c6d7-22bd-4a2f-873c-83de16f52ace";

    fn transcript() -> Vec<OrderedEntry> {
        parse_ordered(
            br#"
{"type":"user","uuid":"u1","parentUuid":null,"sessionId":"fc87354c-c027-4a1c-bebc-11c086e58c40","message":{"role":"user","content":"first"},"timestamp":"2026-01-01T00:00:00.000Z"}
{"type":"progress","uuid":"p1","parentUuid":"u1"}
{"type":"assistant","uuid":"a1","parentUuid":"p1","message":{"role":"assistant","content":"one"},"teamName":"t"}
{"type":"content-replacement","sessionId":"fc87354c-c027-4a1c-bebc-11c086e58c40","replacements":[{"k":1}]}
{"type":"user","uuid":"u2","parentUuid":"a1","message":{"role":"user","content":"second"},"sourceToolAssistantUUID":"a1"}
{"type":"assistant","uuid":"a2","parentUuid":"u2","message":{"role":"assistant","content":"two"}}
"#,
        )
        .entries
    }

    #[test]
    fn remaps_ids_and_cuts_at_the_message() {
        let entries = transcript();
        let out: Vec<Value> = fork_entries(&entries, &[], OLD, NEW, Some("u2"), "T")
            .unwrap()
            .iter()
            .map(|e| Value::Object(e.to_map()))
            .collect();
        let first_line =
            fork_entries(&entries, &[], OLD, NEW, Some("u2"), "T").unwrap()[0].to_line();
        assert!(
            first_line.starts_with(r#"{"type":"user","uuid":""#),
            "{first_line}"
        );
        let types: Vec<_> = out.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(
            types,
            [
                "user",
                "assistant",
                "user",
                "content-replacement",
                "custom-title",
                "last-prompt"
            ]
        );
        let (u1, a1, u2) = (&out[0], &out[1], &out[2]);
        assert_eq!(u1["parentUuid"], Value::Null);
        assert_eq!(a1["parentUuid"], u1["uuid"], "progress entries are skipped");
        assert_eq!(u2["parentUuid"], a1["uuid"]);
        assert_eq!(u2["sourceToolAssistantUUID"], a1["uuid"]);
        assert!(out.iter().all(|e| e["sessionId"] == NEW));
        assert!(a1.get("teamName").is_none());
        assert_eq!(
            a1["forkedFrom"],
            json!({"sessionId": OLD, "messageUuid": "a1"})
        );
        for e in &out[..3] {
            assert!(is_uuid(e["uuid"].as_str().unwrap()));
        }
        assert_eq!(u1["timestamp"], "2026-01-01T00:00:00.000Z");
        assert_ne!(
            u2["timestamp"],
            Value::Null,
            "the leaf gets the time of the fork"
        );
        assert_eq!(out[5]["lastPrompt"], "second");
        assert_eq!(out[5]["leafUuid"], u2["uuid"]);
    }

    #[test]
    fn a_cycle_of_progress_entries_ends_the_parent_search() {
        // p1 and p2 point at each other: the chain stops at the cycle, and
        // the search for a1's kept parent must stop too.
        let entries = parse_ordered(
            br#"
{"type":"progress","uuid":"p1","parentUuid":"p2"}
{"type":"progress","uuid":"p2","parentUuid":"p1"}
{"type":"assistant","uuid":"a1","parentUuid":"p1","message":{"role":"assistant","content":"one"}}
"#,
        )
        .entries;
        let out = fork_entries(&entries, &[], OLD, NEW, None, "T").unwrap();
        let first = Value::Object(out[0].to_map());
        assert_eq!(first["type"], "assistant");
        assert_eq!(first["parentUuid"], Value::Null);
    }

    #[test]
    fn unknown_messages_and_empty_sessions_are_errors() {
        let entries = transcript();
        assert!(matches!(
            fork_entries(&entries, &[], OLD, NEW, Some("nope"), "T"),
            Err(Error::InvalidSessionArgument(_))
        ));
        assert!(matches!(
            fork_entries(&[], &[], OLD, NEW, None, "T"),
            Err(Error::InvalidSessionArgument(_))
        ));
        let whole = fork_entries(&entries, &[], OLD, NEW, None, "T").unwrap();
        let assistants = whole
            .iter()
            .filter(|e| e.to_map()["type"] == "assistant")
            .count();
        assert_eq!(assistants, 2);
    }
}
