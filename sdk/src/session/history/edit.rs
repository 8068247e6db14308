//! Renaming, tagging and deleting sessions the way the CLI does: by
//! appending entries to the session file (the last one wins) and, for a
//! title, writing the `custom-title.json` sidecar next to it.

use std::path::Path;

use serde_json::json;

use super::jsonl::{OrderedEntry, append_lines, ordered_lines};
use super::metadata::TITLE_SIDECAR;
use super::paths::{
    check_session_id, file_error, find_session_file, refused_session_file, session_dir,
};
use super::safe_files::{check_below, open_append, write_private};
use crate::error::{Error, Result};

/// Gives session `id` the title `title` (trimmed, not empty): appends the
/// `custom-title` and `agent-name` entries the CLI's `/rename` writes and
/// updates the title sidecar.
pub(crate) fn rename(projects_dir: &Path, id: &str, title: &str) -> Result<()> {
    check_session_id(id)?;
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::InvalidSessionArgument(
            "a session title must not be empty".into(),
        ));
    }
    let path = existing_file(projects_dir, id)?;
    // The sidecar's folder is checked before anything is written.
    let sidecar = session_dir(&path).join(TITLE_SIDECAR);
    check_below(projects_dir, &sidecar)?;
    append(
        projects_dir,
        &path,
        &[
            OrderedEntry::of([
                ("type", json!("custom-title")),
                ("customTitle", json!(title)),
                ("sessionId", json!(id)),
            ]),
            OrderedEntry::of([
                ("type", json!("agent-name")),
                ("agentName", json!(title)),
                ("sessionId", json!(id)),
            ]),
        ],
    )?;
    let body = json!({"customTitle": title}).to_string();
    write_private(projects_dir, &sidecar, body.as_bytes())
}

/// Tags session `id` (`None` clears the tag): appends a `tag` entry, with
/// an empty tag for `None` as the CLI does.
pub(crate) fn tag(projects_dir: &Path, id: &str, tag: Option<&str>) -> Result<()> {
    check_session_id(id)?;
    let tag = match tag {
        Some(tag) => {
            let clean = sanitize_tag(tag);
            if clean.is_empty() {
                return Err(Error::InvalidSessionArgument(
                    "a tag must not be empty (pass `None` to clear it)".into(),
                ));
            }
            clean
        }
        None => String::new(),
    };
    let path = existing_file(projects_dir, id)?;
    append(
        projects_dir,
        &path,
        &[OrderedEntry::of([
            ("type", json!("tag")),
            ("tag", json!(tag)),
            ("sessionId", json!(id)),
        ])],
    )
}

/// Deletes session `id`: its file and the folder of its subagent
/// transcripts and sidecars (a link in its place is removed, not followed).
pub(crate) fn delete(projects_dir: &Path, id: &str) -> Result<()> {
    check_session_id(id)?;
    let path = existing_file(projects_dir, id)?;
    check_below(projects_dir, &path)?;
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(not_found(projects_dir, id));
        }
        Err(e) => return Err(file_error(&path)(e)),
    }
    let dir = session_dir(&path);
    match std::fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(file_error(&dir)(e)),
        _ => Ok(()),
    }
}

/// The file of session `id`; [`Error::UnsafeSessionPath`] when there is
/// only a link or a special file by its name, else
/// [`Error::SessionNotFound`] when there is none.
pub(crate) fn existing_file(projects_dir: &Path, id: &str) -> Result<std::path::PathBuf> {
    find_session_file(projects_dir, id, None).ok_or_else(|| {
        refused_session_file(projects_dir, id).unwrap_or_else(|| not_found(projects_dir, id))
    })
}

pub(crate) fn not_found(projects_dir: &Path, id: &str) -> Error {
    Error::SessionNotFound {
        session_id: id.to_owned(),
        location: format!("under {}", projects_dir.display()),
    }
}

/// Appends entries to an existing regular file below `root` with
/// [`append_lines`]: one write (`O_APPEND`, so concurrent writers do not
/// interleave inside a line), after a newline if the file ends in a
/// half-written line. Links are not followed (see
/// [`safe_files`](super::safe_files)).
pub(crate) fn append(root: &Path, path: &Path, entries: &[OrderedEntry]) -> Result<()> {
    check_below(root, path)?;
    open_append(path, false)
        .and_then(|mut file| append_lines(&mut file, &ordered_lines(entries)))
        .map_err(file_error(path))
}

/// Removes characters that hide or reorder text (zero-width characters,
/// direction marks and isolates, the byte-order mark, private-use
/// characters) and control characters, then trims.
fn sanitize_tag(tag: &str) -> String {
    tag.chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(*c as u32,
                    0x00AD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF
                    | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_lose_invisible_characters() {
        assert_eq!(sanitize_tag(" a\u{200B}b\u{202E}c\u{FEFF}\n"), "abc");
        assert_eq!(sanitize_tag("\u{200B} "), "");
    }

    #[test]
    fn appending_repairs_a_half_written_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl");
        std::fs::write(&path, b"{\"type\":\"user\"}\n{\"type\":\"assist").unwrap();
        append(
            dir.path(),
            &path,
            &[OrderedEntry::of([
                ("type", json!("tag")),
                ("tag", json!("x")),
            ])],
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.ends_with("{\"type\":\"assist\n{\"type\":\"tag\",\"tag\":\"x\"}\n"),
            "{text}"
        );
        assert!(append(dir.path(), &dir.path().join("missing.jsonl"), &[]).is_err());
    }

    #[test]
    fn missing_sessions_and_bad_arguments_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let id = "fc87354c-c027-4a1c-bebc-11c086e58c40";
        assert!(matches!(
            rename(dir.path(), id, "t"),
            Err(Error::SessionNotFound { .. })
        ));
        assert!(matches!(
            rename(dir.path(), id, "  "),
            Err(Error::InvalidSessionArgument(_))
        ));
        assert!(matches!(
            tag(dir.path(), id, Some("\u{200B}")),
            Err(Error::InvalidSessionArgument(_))
        ));
        assert!(matches!(
            delete(dir.path(), "../x"),
            Err(Error::InvalidSessionArgument(_))
        ));
        assert!(matches!(
            delete(&dir.path().join("nope"), id),
            Err(Error::SessionNotFound { .. })
        ));
    }
}
