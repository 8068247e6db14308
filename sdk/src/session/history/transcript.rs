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

use super::jsonl::{Entry, SkippedLine, entry_type, flag, str_field};

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

/// The transcript's `parentUuid` links resolved to entry indices, once, so
/// that every walk below is linear in the size of the file.
///
/// A corrupt line (see [`SkippedLine`]) is most likely an entry whose
/// children now point at a `uuid` that is nowhere in the file. So that the
/// conversation before it is not lost, such a dangling parent is bridged to
/// the last transcript entry before the nearest corrupt line above the
/// child. Without corrupt lines, links are exactly the file's.
struct Links<'a> {
    entries: &'a [Entry],
    by_uuid: HashMap<&'a str, usize>,
    parent: Vec<Option<usize>>,
}

/// What is known of an entry's nearest message ancestor while walking.
#[derive(Clone, Copy)]
enum Nearest {
    Unknown,
    /// On the walk in progress: reaching it again is a cycle.
    Walking,
    Known(Option<usize>),
}

impl<'a> Links<'a> {
    fn new(entries: &'a [Entry], skipped: &[SkippedLine]) -> Self {
        let by_uuid = index_by_uuid(entries);
        let mut parent = vec![None; entries.len()];
        let mut breaks = skipped.iter().map(|s| s.entries_before).peekable();
        // The last transcript entry so far, and the last one before the
        // latest corrupt line so far.
        let mut last = None;
        let mut last_before_break = None;
        for (i, entry) in entries.iter().enumerate() {
            if breaks.next_if(|b| *b <= i).is_some() {
                while breaks.next_if(|b| *b <= i).is_some() {}
                last_before_break = last;
            }
            if !is_transcript_entry(entry) {
                continue;
            }
            parent[i] = str_field(entry, "parentUuid")
                .and_then(|p| by_uuid.get(p).copied().or(last_before_break));
            last = Some(i);
        }
        Self {
            entries,
            by_uuid,
            parent,
        }
    }

    /// The nearest user or assistant message at or above `start`, `None`
    /// when the walk reaches a root or a cycle first. Results are kept in
    /// `memo` for every entry on the way, so all walks together visit each
    /// entry once.
    fn nearest_message(&self, start: usize, memo: &mut [Nearest]) -> Option<usize> {
        let mut path = Vec::new();
        let mut current = Some(start);
        let found = loop {
            let Some(i) = current else { break None };
            match memo[i] {
                Nearest::Known(found) => break found,
                Nearest::Walking => break None,
                Nearest::Unknown => {}
            }
            memo[i] = Nearest::Walking;
            path.push(i);
            if is_message(&self.entries[i]) {
                break Some(i);
            }
            current = self.parent[i];
        };
        for i in path {
            memo[i] = Nearest::Known(found);
        }
        found
    }

    /// The newest leaf message: of every entry nothing points to, the
    /// nearest message above it; the latest in the file, preferring the
    /// main conversation.
    fn newest_leaf(&self) -> Option<usize> {
        let entries = self.entries;
        let parents: HashSet<&str> = entries
            .iter()
            .filter(|e| is_transcript_entry(e))
            .filter_map(|e| str_field(e, "parentUuid"))
            .collect();
        let mut has_child = vec![false; entries.len()];
        for p in self.parent.iter().flatten() {
            has_child[*p] = true;
        }
        let mut memo = vec![Nearest::Unknown; entries.len()];
        let mut leaves: Vec<usize> = Vec::new();
        for (index, terminal) in entries.iter().enumerate() {
            if !is_transcript_entry(terminal)
                || has_child[index]
                || str_field(terminal, "uuid").is_some_and(|u| parents.contains(u))
            {
                continue;
            }
            leaves.extend(self.nearest_message(index, &mut memo));
        }
        let newest = |main_only: bool| {
            leaves
                .iter()
                .copied()
                .filter(|i| !main_only || is_main(&entries[*i]))
                .max()
        };
        newest(true).or_else(|| newest(false))
    }

    /// Follows the links from `leaf` to the root (a cycle ends the walk);
    /// returns root first.
    fn chain_from(&self, leaf: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut seen = vec![false; self.entries.len()];
        let mut current = Some(leaf);
        while let Some(i) = current {
            if std::mem::replace(&mut seen[i], true) {
                break;
            }
            chain.push(i);
            current = self.parent[i];
        }
        chain.reverse();
        chain
    }
}

/// The current conversation: the indices in `entries` of the transcript
/// entries from the root to the newest leaf, in order. `skipped` are the
/// file's corrupt lines (see [`Links`]).
///
/// The leaf is the newest (latest in the file) user or assistant message
/// that ends a branch, preferring the main conversation; the chain follows
/// `parentUuid` back from it (cycles and dangling parents end it). Linear
/// in the number of entries.
pub(crate) fn conversation_chain(entries: &[Entry], skipped: &[SkippedLine]) -> Vec<usize> {
    let links = Links::new(entries, skipped);
    links
        .newest_leaf()
        .map(|leaf| links.chain_from(leaf))
        .unwrap_or_default()
}

/// A subagent's conversation: the chain from its newest user or assistant
/// message back to the root (a subagent transcript does not branch; every
/// entry of it is marked as a sidechain).
pub(crate) fn subagent_chain(entries: &[Entry], skipped: &[SkippedLine]) -> Vec<usize> {
    let links = Links::new(entries, skipped);
    entries
        .iter()
        .rposition(|e| is_transcript_entry(e) && is_message(e))
        .map(|leaf| links.chain_from(leaf))
        .unwrap_or_default()
}

/// Whether a subagent chain entry is shown as a message.
pub(crate) fn is_visible_subagent_message(entry: &Entry) -> bool {
    is_message(entry) && !flag(entry, "isMeta")
}

/// The chain from the root to the transcript entry `uuid` (indices in
/// `entries`), or `None` when there is no such entry.
pub(crate) fn chain_to(
    entries: &[Entry],
    skipped: &[SkippedLine],
    uuid: &str,
) -> Option<Vec<usize>> {
    let links = Links::new(entries, skipped);
    let leaf = *links.by_uuid.get(uuid)?;
    Some(links.chain_from(leaf))
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
        let chain = conversation_chain(&entries, &[]);
        assert_eq!(uuids(&entries, &chain), ["u1", "t1", "a1", "u3", "a3"]);
        let visible: Vec<_> = chain
            .into_iter()
            .filter(|i| is_visible_message(&entries[*i]))
            .collect();
        assert_eq!(uuids(&entries, &visible), ["u1", "a1", "u3", "a3"]);
        let old = chain_to(&entries, &[], "a2").unwrap();
        assert_eq!(uuids(&entries, &old), ["u1", "t1", "a1", "u2", "a2"]);
        assert!(chain_to(&entries, &[], "zz").is_none());
    }

    #[test]
    fn survives_cycles_and_missing_parents() {
        let text = r#"
{"type":"user","uuid":"u1","parentUuid":"a1"}
{"type":"assistant","uuid":"a1","parentUuid":"u1"}
{"type":"assistant","uuid":"a9","parentUuid":"gone"}
"#;
        let entries = parse_entries(text.as_bytes());
        assert_eq!(uuids(&entries, &conversation_chain(&entries, &[])), ["a9"]);
        assert!(conversation_chain(&[], &[]).is_empty());
    }

    #[test]
    fn a_corrupt_line_is_bridged_only_where_a_parent_is_missing() {
        let text = r#"
{"type":"user","uuid":"u1","parentUuid":null}
{"type":"assistant","uuid":"a1","parentUu
{"type":"user","uuid":"u2","parentUuid":"a1"}
{"type":"assistant","uuid":"a2","parentUuid":"u2"}
{"type":"user","uuid":"u3","parentUuid":"gone"}
"#;
        let parsed = crate::session::history::jsonl::parse_lines(text.as_bytes());
        assert_eq!(parsed.skipped_line_numbers(), [3]);
        let entries = &parsed.entries;
        // u2's parent is missing after the corrupt line: linked to u1. u3's
        // parent is missing too: also bridged (to u1, the last entry before
        // the nearest corrupt line), so the newest leaf u3 keeps u1.
        let chain = conversation_chain(entries, &parsed.skipped);
        assert_eq!(uuids(entries, &chain), ["u1", "u3"]);
        let to_a2 = chain_to(entries, &parsed.skipped, "a2").unwrap();
        assert_eq!(uuids(entries, &to_a2), ["u1", "u2", "a2"]);
        // Without the corrupt line's record, the links are the file's.
        let to_a2 = chain_to(entries, &[], "a2").unwrap();
        assert_eq!(uuids(entries, &to_a2), ["u2", "a2"]);
        assert_eq!(subagent_chain(entries, &parsed.skipped).len(), 2);
    }

    #[test]
    fn many_leaves_on_a_long_chain_share_one_walk() {
        // Progress entries under one message, and leaves off the end: each
        // entry's nearest message is found once.
        let mut text = String::from("{\"type\":\"user\",\"uuid\":\"m\"}\n");
        let mut parent = "m".to_owned();
        for i in 0..200 {
            let uuid = format!("p{i}");
            text.push_str(&format!(
                "{{\"type\":\"progress\",\"uuid\":\"{uuid}\",\"parentUuid\":\"{parent}\"}}\n"
            ));
            parent = uuid;
        }
        for i in 0..200 {
            text.push_str(&format!(
                "{{\"type\":\"attachment\",\"uuid\":\"l{i}\",\"parentUuid\":\"{parent}\"}}\n"
            ));
        }
        let entries = parse_entries(text.as_bytes());
        let links = Links::new(&entries, &[]);
        let mut memo = vec![Nearest::Unknown; entries.len()];
        assert_eq!(links.nearest_message(entries.len() - 1, &mut memo), Some(0));
        let known = memo
            .iter()
            .filter(|m| matches!(m, Nearest::Known(Some(0))))
            .count();
        assert_eq!(known, 202, "the message, the chain and the first leaf");
        assert_eq!(links.nearest_message(entries.len() - 2, &mut memo), Some(0));
        // The conversation ends at the newest message, not at the leaves.
        assert_eq!(uuids(&entries, &conversation_chain(&entries, &[])), ["m"]);
    }
}
