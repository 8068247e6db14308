//! The conversation inside a session file: transcript entries linked by
//! `parentUuid`, from which the current conversation is the chain from the
//! newest leaf back to the root.
//!
//! A session file interleaves transcript entries (`user`, `assistant`,
//! `attachment`, `system`, `progress`, each with a `uuid` and the
//! `parentUuid` of the entry before it) with bookkeeping lines that have no
//! `uuid` (`queue-operation`, `last-prompt`, `custom-title`, `tag`,
//! `api-request`, `cost-state`, ...). Resuming from an earlier message or
//! rewinding makes the transcript a tree; the conversation is its newest
//! branch.

use std::collections::{HashMap, HashSet};

use super::jsonl::{Entry, entry_type, flag, str_field};

/// Entry types that take part in the `parentUuid` chain.
const TRANSCRIPT_TYPES: [&str; 5] = ["user", "assistant", "attachment", "system", "progress"];

/// Whether `entry` is a transcript entry (a chain link with a `uuid`).
pub(crate) fn is_transcript_entry(entry: &Entry) -> bool {
    entry_type(entry).is_some_and(|t| TRANSCRIPT_TYPES.contains(&t))
        && str_field(entry, "uuid").is_some()
}

/// Whether `entry` is a user or assistant message.
fn is_message(entry: &Entry) -> bool {
    matches!(entry_type(entry), Some("user" | "assistant"))
}

/// Whether `entry` belongs to the main conversation (not a subagent's
/// sidechain, a team member or a meta message).
fn is_main(entry: &Entry) -> bool {
    !flag(entry, "isSidechain") && !flag(entry, "isMeta") && str_field(entry, "teamName").is_none()
}

/// The current conversation: the indices in `entries` of the transcript
/// entries from the root to the newest leaf, in order.
///
/// The leaf is the newest (latest in the file) user or assistant message
/// that ends a branch, preferring the main conversation; the chain follows
/// `parentUuid` back from it (cycles and dangling parents end it).
pub(crate) fn conversation_chain(entries: &[Entry]) -> Vec<usize> {
    let by_uuid = index_by_uuid(entries);
    let parents: HashSet<&str> = entries
        .iter()
        .filter(|e| is_transcript_entry(e))
        .filter_map(|e| str_field(e, "parentUuid"))
        .collect();

    // From every entry nothing points to, walk back to the nearest message.
    let mut leaves: Vec<usize> = Vec::new();
    for (index, terminal) in entries.iter().enumerate() {
        if !is_transcript_entry(terminal)
            || str_field(terminal, "uuid").is_some_and(|u| parents.contains(u))
        {
            continue;
        }
        let mut seen = HashSet::new();
        let mut current = Some(index);
        while let Some(i) = current {
            if !seen.insert(i) {
                break;
            }
            if is_message(&entries[i]) {
                leaves.push(i);
                break;
            }
            current = parent_of(entries, &by_uuid, i);
        }
    }
    let newest = |main_only: bool| {
        leaves
            .iter()
            .copied()
            .filter(|i| !main_only || is_main(&entries[*i]))
            .max()
    };
    match newest(true).or_else(|| newest(false)) {
        Some(leaf) => chain_from(entries, &by_uuid, leaf),
        None => Vec::new(),
    }
}

/// A subagent's conversation: the chain from its newest user or assistant
/// message back to the root (a subagent transcript does not branch; every
/// entry of it is marked as a sidechain).
pub(crate) fn subagent_chain(entries: &[Entry]) -> Vec<usize> {
    let by_uuid = index_by_uuid(entries);
    entries
        .iter()
        .rposition(|e| is_transcript_entry(e) && is_message(e))
        .map(|leaf| chain_from(entries, &by_uuid, leaf))
        .unwrap_or_default()
}

/// Whether a subagent chain entry is shown as a message.
pub(crate) fn is_visible_subagent_message(entry: &Entry) -> bool {
    is_message(entry) && !flag(entry, "isMeta")
}

/// The chain from the root to the transcript entry `uuid` (indices in
/// `entries`), or `None` when there is no such entry.
pub(crate) fn chain_to(entries: &[Entry], uuid: &str) -> Option<Vec<usize>> {
    let by_uuid = index_by_uuid(entries);
    let leaf = *by_uuid.get(uuid)?;
    Some(chain_from(entries, &by_uuid, leaf))
}

/// The transcript entries by `uuid` (the last one wins).
fn index_by_uuid(entries: &[Entry]) -> HashMap<&str, usize> {
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| is_transcript_entry(e))
        .filter_map(|(i, e)| Some((str_field(e, "uuid")?, i)))
        .collect()
}

fn parent_of(entries: &[Entry], by_uuid: &HashMap<&str, usize>, index: usize) -> Option<usize> {
    str_field(&entries[index], "parentUuid").and_then(|p| by_uuid.get(p).copied())
}

/// Follows `parentUuid` from `leaf` to the root; returns root first.
fn chain_from(entries: &[Entry], by_uuid: &HashMap<&str, usize>, leaf: usize) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut seen = HashSet::new();
    let mut current = Some(leaf);
    while let Some(i) = current {
        if !seen.insert(i) {
            break;
        }
        chain.push(i);
        current = parent_of(entries, by_uuid, i);
    }
    chain.reverse();
    chain
}

/// Whether a chain entry is shown as a conversation message: a user or
/// assistant message of the main conversation.
pub(crate) fn is_visible_message(entry: &Entry) -> bool {
    is_message(entry) && is_main(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::history::jsonl::parse_entries;

    fn uuids<'a>(entries: &'a [Entry], chain: &[usize]) -> Vec<&'a str> {
        chain
            .iter()
            .filter_map(|i| str_field(&entries[*i], "uuid"))
            .collect()
    }

    #[test]
    fn follows_the_newest_branch() {
        let text = r#"
{"type":"user","uuid":"u1","parentUuid":null}
{"type":"attachment","uuid":"t1","parentUuid":"u1"}
{"type":"assistant","uuid":"a1","parentUuid":"t1"}
{"type":"last-prompt","lastPrompt":"x"}
{"type":"user","uuid":"u2","parentUuid":"a1"}
{"type":"assistant","uuid":"a2","parentUuid":"u2"}
{"type":"user","uuid":"u3","parentUuid":"a1"}
{"type":"assistant","uuid":"a3","parentUuid":"u3"}
{"type":"attachment","uuid":"t3","parentUuid":"a3"}
{"type":"user","uuid":"s1","parentUuid":"a3","isSidechain":true}
"#;
        let entries = parse_entries(text.as_bytes());
        let chain = conversation_chain(&entries);
        assert_eq!(uuids(&entries, &chain), ["u1", "t1", "a1", "u3", "a3"]);
        let visible: Vec<_> = chain
            .into_iter()
            .filter(|i| is_visible_message(&entries[*i]))
            .collect();
        assert_eq!(uuids(&entries, &visible), ["u1", "a1", "u3", "a3"]);
        let old = chain_to(&entries, "a2").unwrap();
        assert_eq!(uuids(&entries, &old), ["u1", "t1", "a1", "u2", "a2"]);
        assert!(chain_to(&entries, "zz").is_none());
    }

    #[test]
    fn survives_cycles_and_missing_parents() {
        let text = r#"
{"type":"user","uuid":"u1","parentUuid":"a1"}
{"type":"assistant","uuid":"a1","parentUuid":"u1"}
{"type":"assistant","uuid":"a9","parentUuid":"gone"}
"#;
        let entries = parse_entries(text.as_bytes());
        assert_eq!(uuids(&entries, &conversation_chain(&entries)), ["a9"]);
        assert!(conversation_chain(&[]).is_empty());
    }
}
