//! Reading a session's [`SessionInfo`] the way the CLI does: from the file's
//! size and time and its first and last 64 KiB, without reading a long
//! transcript in full.
//!
//! Entries that describe the session (`custom-title`, `ai-title`, `tag`,
//! `last-prompt`, `summary`) are appended, and the last one wins; the CLI
//! appends them again near the end of the file when they drift out of the
//! tail. A title the tail lacks is looked up in the `custom-title.json`
//! sidecar the CLI writes next to the file, then in the head.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde_json::Value;

use super::info::SessionInfo;
use super::jsonl::{Entry, entry_type, flag, parse_entries, parse_line, str_field};
use super::paths::session_dir;
use super::timestamp;

/// How much of each end of a file is read.
const WINDOW: u64 = 64 * 1024;

/// First prompts longer than this are cut (in characters).
const MAX_PROMPT_CHARS: usize = 200;

/// The file name of the title sidecar in the session folder.
pub(crate) const TITLE_SIDECAR: &str = "custom-title.json";

/// Reads what `path` says about session `session_id`. `Ok(None)` for an
/// empty file, a subagent transcript, or a file without any prompt or
/// title (nothing to show).
pub(crate) fn read_info(session_id: &str, path: &Path) -> io::Result<Option<SessionInfo>> {
    // Never a FIFO or a link (see `safe_files`).
    let mut file = super::safe_files::open_regular(path)?;
    let meta = file.metadata()?;
    let size = meta.len();
    if size == 0 {
        return Ok(None);
    }
    let last_modified = meta.modified().unwrap_or(UNIX_EPOCH);
    let (head, tail) = read_ends(&mut file, size)?;
    let tail = tail.as_ref().unwrap_or(&head);

    if head
        .iter()
        .find(|entry| entry.contains_key("uuid"))
        .is_some_and(|entry| flag(entry, "isSidechain"))
    {
        return Ok(None);
    }

    let custom_title = last_string(tail, "custom-title", "customTitle")
        .or_else(|| sidecar_title(path))
        .or_else(|| last_string(&head, "custom-title", "customTitle"));
    let ai_title = last_string(tail, "ai-title", "aiTitle")
        .or_else(|| last_string(&head, "ai-title", "aiTitle"));
    let tag = last_tag(tail).or_else(|| last_tag(&head)).flatten();
    let last_prompt = last_string(tail, "last-prompt", "lastPrompt");
    let summary_entry = last_string(tail, "summary", "summary");
    let first_prompt = first_prompt(&head);

    let Some(summary) = custom_title
        .clone()
        .or_else(|| ai_title.clone())
        .or_else(|| last_prompt.clone())
        .or(summary_entry)
        .or_else(|| first_prompt.clone())
    else {
        return Ok(None);
    };

    let git_branch = tail
        .iter()
        .rev()
        .find_map(|e| non_empty(str_field(e, "gitBranch")))
        .or_else(|| {
            head.iter()
                .find_map(|e| non_empty(str_field(e, "gitBranch")))
        });
    let cwd = last_string(tail, "relocated", "relocatedCwd")
        .or_else(|| head.iter().find_map(|e| non_empty(str_field(e, "cwd"))))
        .map(PathBuf::from);
    let created_at = head
        .iter()
        .find_map(|e| str_field(e, "timestamp"))
        .and_then(timestamp::parse);

    Ok(Some(SessionInfo {
        session_id: session_id.to_owned(),
        summary,
        first_prompt,
        last_prompt,
        custom_title,
        ai_title,
        tag,
        git_branch,
        cwd,
        last_modified,
        created_at,
        file_size: size,
        path: path.to_path_buf(),
    }))
}

/// The complete lines of the file's first and (for a long file) last
/// [`WINDOW`] bytes. A small file is read once: the tail is then `None`.
fn read_ends(file: &mut File, size: u64) -> io::Result<(Vec<Entry>, Option<Vec<Entry>>)> {
    if size <= 2 * WINDOW {
        let mut all = Vec::new();
        file.read_to_end(&mut all)?;
        return Ok((parse_entries(&all), None));
    }
    let mut head = vec![0; usize::try_from(WINDOW).unwrap_or(usize::MAX)];
    file.read_exact(&mut head)?;
    // The last line of the window is cut off: drop it.
    let end = head.iter().rposition(|b| *b == b'\n').unwrap_or(0);
    head.truncate(end);

    // Start one byte early so that a line starting exactly at the window
    // is recognised as complete.
    file.seek(SeekFrom::Start(size - WINDOW - 1))?;
    let mut tail = Vec::new();
    file.take(WINDOW + 1).read_to_end(&mut tail)?;
    let start = tail
        .iter()
        .position(|b| *b == b'\n')
        .map_or(tail.len(), |i| i + 1);
    Ok((parse_entries(&head), Some(parse_entries(&tail[start..]))))
}

/// The last non-empty string `field` of the entries of type `kind`.
fn last_string(entries: &[Entry], kind: &str, field: &str) -> Option<String> {
    entries
        .iter()
        .rev()
        .filter(|e| entry_type(e) == Some(kind))
        .find_map(|e| non_empty(str_field(e, field)))
}

/// The last `tag` entry: `Some(None)` when it clears the tag (an empty
/// tag), `None` when there is no tag entry.
fn last_tag(entries: &[Entry]) -> Option<Option<String>> {
    entries
        .iter()
        .rev()
        .find(|e| entry_type(e) == Some("tag"))
        .map(|e| non_empty(str_field(e, "tag")))
}

/// The title in the `custom-title.json` sidecar, if any.
fn sidecar_title(session_file: &Path) -> Option<String> {
    let bytes =
        super::safe_files::read_regular(&session_dir(session_file).join(TITLE_SIDECAR)).ok()?;
    let entry = parse_line(&bytes)?;
    non_empty(str_field(&entry, "customTitle"))
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The first prompt the user typed: the first user entry that is not a
/// tool result, a meta or compaction message, a slash command or a
/// generated message. A slash command's name is the fallback.
pub(crate) fn first_prompt(entries: &[Entry]) -> Option<String> {
    let mut command = None;
    for entry in entries {
        if entry_type(entry) != Some("user")
            || flag(entry, "isMeta")
            || flag(entry, "isCompactSummary")
            || flag(entry, "isSidechain")
        {
            continue;
        }
        let Some(content) = entry.get("message").and_then(|m| m.get("content")) else {
            continue;
        };
        let texts: Vec<&str> = match content {
            Value::String(text) => vec![text.as_str()],
            Value::Array(blocks) => {
                if blocks
                    .iter()
                    .any(|b| b.get("type").and_then(Value::as_str) == Some("tool_result"))
                {
                    continue;
                }
                blocks
                    .iter()
                    .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
                    .filter_map(|b| b.get("text").and_then(Value::as_str))
                    .collect()
            }
            _ => continue,
        };
        for text in texts {
            let text = text.replace('\n', " ");
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            if let Some(name) = command_name(text) {
                command.get_or_insert_with(|| name.to_owned());
                continue;
            }
            if is_generated(text) {
                continue;
            }
            return Some(cut(text));
        }
    }
    command
}

/// The `/name` of a slash-command message.
fn command_name(text: &str) -> Option<&str> {
    let start = text.find("<command-name>")? + "<command-name>".len();
    let end = text[start..].find("</command-name>")? + start;
    Some(&text[start..end])
}

/// Messages the CLI or an IDE generated rather than the user typed.
fn is_generated(text: &str) -> bool {
    const PREFIXES: [&str; 5] = [
        "<local-command-stdout>",
        "<session-start-hook>",
        "<tick>",
        "<goal>",
        "[Request interrupted by user",
    ];
    PREFIXES.iter().any(|p| text.starts_with(p))
        || ["ide_opened_file", "ide_selection"].iter().any(|tag| {
            text.starts_with(&format!("<{tag}>")) && text.ends_with(&format!("</{tag}>"))
        })
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_PROMPT_CHARS) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const ID: &str = "fc87354c-c027-4a1c-bebc-11c086e58c40";

    fn write(dir: &Path, lines: &[String]) -> PathBuf {
        let path = dir.join(format!("{ID}.jsonl"));
        let mut file = File::create(&path).unwrap();
        for line in lines {
            writeln!(file, "{line}").unwrap();
        }
        path
    }

    fn user(text: &str) -> String {
        serde_json::json!({"type":"user","uuid":"u1","parentUuid":null,"cwd":"/p","gitBranch":"main",
            "timestamp":"2026-11-23T21:17:04.015Z","message":{"role":"user","content":text}})
        .to_string()
    }

    #[test]
    fn last_entries_win_and_corrupt_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            &[
                r#"{"type":"queue-operation"}"#.into(),
                user("<command-message>x</command-message><command-name>/init</command-name>"),
                user("first question"),
                "{not json".into(),
                r#"{"type":"custom-title","customTitle":"Old","sessionId":"x"}"#.into(),
                r#"{"type":"tag","tag":"a","sessionId":"x"}"#.into(),
                r#"{"type":"custom-title","customTitle":"New","sessionId":"x"}"#.into(),
                r#"{"type":"tag","tag":"","sessionId":"x"}"#.into(),
                r#"{"type":"last-prompt","lastPrompt":"latest","sessionId":"x"}"#.into(),
                r#"{"type":"custom-tit"#.into(),
            ],
        );
        let info = read_info(ID, &path).unwrap().unwrap();
        assert_eq!(info.custom_title.as_deref(), Some("New"));
        assert_eq!(info.summary, "New");
        assert_eq!(info.tag, None, "an empty tag clears it");
        assert_eq!(info.first_prompt.as_deref(), Some("first question"));
        assert_eq!(info.last_prompt.as_deref(), Some("latest"));
        assert_eq!(info.git_branch.as_deref(), Some("main"));
        assert_eq!(info.cwd.as_deref(), Some(Path::new("/p")));
        assert_eq!(
            info.created_at,
            timestamp::parse("2026-11-23T21:17:04.015Z")
        );
    }

    #[test]
    fn long_files_are_read_at_both_ends() {
        let dir = tempfile::tempdir().unwrap();
        let filler = serde_json::json!({"type":"assistant","uuid":"a","message":{"content":"x".repeat(1000)}})
            .to_string();
        let mut lines = vec![user("the very first prompt")];
        lines.extend(std::iter::repeat_n(filler, 300));
        lines.push(r#"{"type":"tag","tag":"keep","sessionId":"x"}"#.into());
        let path = write(dir.path(), &lines);
        let info = read_info(ID, &path).unwrap().unwrap();
        assert!(info.file_size > 2 * WINDOW);
        assert_eq!(info.first_prompt.as_deref(), Some("the very first prompt"));
        assert_eq!(info.tag.as_deref(), Some("keep"));
        assert_eq!(info.custom_title, None);

        // A title that drifted out of the tail is found in the sidecar.
        std::fs::create_dir_all(session_dir(&path)).unwrap();
        std::fs::write(
            session_dir(&path).join(TITLE_SIDECAR),
            r#"{"customTitle":"Side"}"#,
        )
        .unwrap();
        let info = read_info(ID, &path).unwrap().unwrap();
        assert_eq!(info.title(), Some("Side"));
    }

    #[test]
    fn sidechains_and_empty_sessions_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            &[
                r#"{"type":"user","uuid":"u","isSidechain":true,"message":{"content":"hi"}}"#
                    .into(),
            ],
        );
        assert_eq!(read_info(ID, &path).unwrap(), None);
        let path = write(dir.path(), &[r#"{"type":"queue-operation"}"#.into()]);
        assert_eq!(read_info(ID, &path).unwrap(), None);
        let path = write(dir.path(), &[]);
        assert_eq!(read_info(ID, &path).unwrap(), None);
    }

    #[test]
    fn first_prompt_is_cut_and_skips_generated_text() {
        let entries = parse_entries(
            format!(
                "{}\n{}\n",
                user("<local-command-stdout>done</local-command-stdout>"),
                user(&"é".repeat(300))
            )
            .as_bytes(),
        );
        let prompt = first_prompt(&entries).unwrap();
        assert_eq!(prompt.chars().count(), 201);
        assert!(prompt.ends_with('…'));
    }
}
