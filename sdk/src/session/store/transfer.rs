//! Moving sessions between the CLI's files and a [`SessionStore`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{SessionKey, SessionStore, blocking};
use crate::error::{Error, Result};
use crate::session::history::{
    SessionHistory, check_below, check_session_id, file_error, is_uuid, parse_line, parse_lines,
    read_regular, session_dir, to_lines, transcripts_below, warn_skipped, write_private,
};

/// Entries appended to the store per call.
const BATCH: usize = 500;

/// The entry type that carries a subagent's `.meta.json` sidecar inside
/// its stored transcript (the official SDKs use the same convention).
const AGENT_METADATA: &str = "agent_metadata";

/// Copies session `session_id` from the CLI's files in `history` into
/// `store`, replacing what the store held under its key, and returns the
/// key: the session's project folder and id.
///
/// The session file's entries are stored as they are (corrupt lines
/// skipped), and so are its subagent transcripts (`<id>/**/*.jsonl`), each
/// under a subpath key, with the subagent's `.meta.json` sidecar as a
/// first entry of type `agent_metadata`. Subagent transcripts that cannot
/// be read are left out (with a warning in the log).
///
/// The replacement is not atomic: the key is deleted, then the entries are
/// appended in batches. If an append fails, the store holds part of the
/// session (or nothing) under the key until an import succeeds.
///
/// # Errors
///
/// [`Error::SessionNotFound`] when there is no such session file, a file
/// error when it cannot be read, or the store's error.
pub async fn import_session(
    history: &SessionHistory,
    session_id: &str,
    store: &dyn SessionStore,
) -> Result<SessionKey> {
    check_session_id(session_id)?;
    // Finding the file scans the project folders: off the executor.
    let found = {
        let (history, session_id) = (history.clone(), session_id.to_owned());
        blocking(move || history.session_file(&session_id)).await?
    };
    let path = found.ok_or_else(|| Error::SessionNotFound {
        session_id: session_id.to_owned(),
        location: format!("under {}", history.projects_dir().display()),
    })?;
    let project = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let key = SessionKey::new(project, session_id);
    key.validate()?;

    let (main, subagents) = {
        let path = path.clone();
        blocking(move || read_session(&path)).await?
    };
    store.delete(&key).await?;
    append_batched(store, &key, &main).await?;
    for (subpath, entries) in subagents {
        let sub_key = key.clone().with_subpath(subpath);
        append_batched(store, &sub_key, &entries).await?;
    }
    Ok(key)
}

/// Writes the stored session `key` into the configuration directory
/// `config_dir` as the project `project` (the CLI's folder name for the
/// working directory the session will be resumed in; see
/// [`project_key_for_directory`](crate::session::history::project_key_for_directory)),
/// and returns the session file's path. An existing file of the session is
/// replaced.
///
/// Subagent transcripts are written too, with their `.meta.json` sidecars;
/// the transcripts (and sidecars) an earlier copy of the session left in
/// its folder that the store does not have are removed.
///
/// Below `<config_dir>/projects`, nothing is written through a symbolic
/// link: a project folder, session folder or file in the way that is a
/// link (or a FIFO, a device) is refused and left alone.
/// Afterwards, [`Session::resume`](crate::session::Session::resume) with
/// that working directory and `CLAUDE_CONFIG_DIR` continues the session.
///
/// # Errors
///
/// [`Error::SessionNotFound`] when the store has no such session,
/// [`Error::InvalidSessionArgument`] for an unsafe key or project or a
/// session id that is not a UUID, [`Error::UnsafeSessionPath`] for a link
/// or special file in the way, a file error, or the store's error.
pub async fn materialize_session(
    store: &dyn SessionStore,
    key: &SessionKey,
    config_dir: &Path,
    project: &str,
) -> Result<PathBuf> {
    let key = key.session();
    key.validate()?;
    SessionKey::new(project, &key.session_id).validate()?;
    if !is_uuid(&key.session_id) {
        return Err(Error::InvalidSessionArgument(format!(
            "`{}` is not a session id the CLI can resume (a UUID)",
            key.session_id
        )));
    }
    let entries = store
        .load(&key)
        .await?
        .ok_or_else(|| Error::SessionNotFound {
            session_id: key.session_id.clone(),
            location: format!("in the session store (key {key})"),
        })?;
    let mut files = vec![(PathBuf::new(), to_lines(&entries))];
    for subpath in store.list_subkeys(&key).await? {
        let sub_key = key.clone().with_subpath(&subpath);
        sub_key.validate()?;
        let Some(sub_entries) = store.load(&sub_key).await? else {
            continue;
        };
        let (meta, transcript): (Vec<&Value>, Vec<&Value>) = sub_entries
            .iter()
            .partition(|e| e.get("type").and_then(Value::as_str) == Some(AGENT_METADATA));
        files.push((
            PathBuf::from(format!("{subpath}.jsonl")),
            to_lines(transcript),
        ));
        if let Some(Value::Object(meta)) = meta.last() {
            let mut meta = meta.clone();
            meta.remove("type");
            let body = Value::Object(meta).to_string().into_bytes();
            files.push((PathBuf::from(format!("{subpath}.meta.json")), body));
        }
    }

    let projects = config_dir.join("projects");
    let main_path = projects
        .join(project)
        .join(format!("{}.jsonl", key.session_id));
    let target = main_path.clone();
    blocking(move || write_session(&projects, &target, files)).await?;
    Ok(main_path)
}

async fn append_batched(
    store: &dyn SessionStore,
    key: &SessionKey,
    entries: &[Value],
) -> Result<()> {
    for batch in entries.chunks(BATCH) {
        store.append(key, batch).await?;
    }
    Ok(())
}

type Transcripts = Vec<(String, Vec<Value>)>;

/// The session file's entries and its subagent transcripts.
fn read_session(path: &Path) -> Result<(Vec<Value>, Transcripts)> {
    let bytes = read_regular(path).map_err(file_error(path))?;
    let parsed = parse_lines(&bytes);
    warn_skipped(path, &parsed.skipped_line_numbers());
    let main = parsed.entries.into_iter().map(Value::Object).collect();
    let subagents = transcripts_below(&session_dir(path))
        .into_iter()
        .filter_map(|(subpath, path)| Some((subpath, read_transcript(&path)?)))
        .collect();
    Ok((main, subagents))
}

/// A subagent transcript's entries (corrupt lines skipped), after its
/// `.meta.json` sidecar as an entry of type `agent_metadata`; `None` when
/// it cannot be read. An unreadable transcript or sidecar is logged.
fn read_transcript(path: &Path) -> Option<Vec<Value>> {
    let bytes = match read_regular(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "subagent transcript not imported: unreadable");
            return None;
        }
    };
    let mut entries = Vec::new();
    let meta_path = path.with_extension("meta.json");
    match read_regular(&meta_path) {
        Ok(meta) => match parse_line(&meta) {
            Some(mut meta) => {
                meta.insert("type".into(), Value::String(AGENT_METADATA.into()));
                entries.push(Value::Object(meta));
            }
            None => {
                tracing::warn!(path = %meta_path.display(), "subagent metadata not imported: not a JSON object");
            }
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            tracing::warn!(path = %meta_path.display(), %error, "subagent metadata not imported: unreadable");
        }
    }
    let parsed = parse_lines(&bytes);
    warn_skipped(path, &parsed.skipped_line_numbers());
    entries.extend(parsed.entries.into_iter().map(Value::Object));
    Some(entries)
}

/// Writes the main file and the session folder's files below `projects`,
/// each through a temporary file renamed into place; then removes the
/// subagent transcripts (and their `.meta.json` sidecars) of an earlier
/// copy that were not written (other files of the folder are kept).
/// Links below `projects` are refused before anything is written.
fn write_session(projects: &Path, main_path: &Path, files: Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
    let dir = session_dir(main_path);
    check_below(projects, &dir)?;
    if let Some(project) = main_path.parent() {
        check_below(projects, project)?;
    }
    let mut written = HashSet::new();
    for (relative, bytes) in files {
        let path = if relative.as_os_str().is_empty() {
            main_path.to_path_buf()
        } else {
            dir.join(relative)
        };
        write_private(projects, &path, &bytes)?;
        written.insert(path);
    }
    for (_, stale) in transcripts_below(&dir) {
        for path in [stale.with_extension("meta.json"), stale] {
            if written.contains(&path) {
                continue;
            }
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(file_error(&path)(e));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_a_session_removes_stale_subagent_files() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("p").join("s.jsonl");
        let folder = session_dir(&main);
        for file in [
            "subagents/agent-old.jsonl",
            "subagents/agent-old.meta.json",
            "subagents/agent-new.jsonl",
            "custom-title.json",
        ] {
            let path = folder.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}\n").unwrap();
        }
        write_session(
            dir.path(),
            &main,
            vec![
                (PathBuf::new(), b"{\"type\":\"user\"}\n".to_vec()),
                (
                    PathBuf::from("subagents/agent-new.jsonl"),
                    b"{\"a\":1}\n".to_vec(),
                ),
            ],
        )
        .unwrap();
        assert!(!folder.join("subagents/agent-old.jsonl").exists());
        assert!(!folder.join("subagents/agent-old.meta.json").exists());
        assert_eq!(
            std::fs::read_to_string(folder.join("subagents/agent-new.jsonl")).unwrap(),
            "{\"a\":1}\n"
        );
        assert!(
            folder.join("custom-title.json").exists(),
            "other files kept"
        );
        assert_eq!(
            std::fs::read_to_string(&main).unwrap(),
            "{\"type\":\"user\"}\n"
        );
    }

    #[test]
    fn unreadable_transcripts_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_transcript(&dir.path().join("missing.jsonl")).is_none());
        let path = dir.path().join("agent-a.jsonl");
        std::fs::write(&path, "{\"type\":\"user\"}\n").unwrap();
        std::fs::write(dir.path().join("agent-a.meta.json"), "not json").unwrap();
        let entries = read_transcript(&path).unwrap();
        assert_eq!(entries, [serde_json::json!({"type": "user"})]);
    }
}
