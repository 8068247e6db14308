//! A session store in a folder, laid out like the CLI's `projects` folder.

use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde_json::Value;

use super::{SessionKey, SessionStore, StoredSession, blocking, check_append};
use crate::error::Result;
use crate::session::history::{
    append_lines, check_below, create_dirs, file_error, open_append, parse_lines, read_regular,
    session_dir, to_lines, transcripts_below, warn_skipped,
};

/// A [`SessionStore`] in a folder: `<root>/<project>/<session_id>.jsonl`,
/// with subagent transcripts in `<root>/<project>/<session_id>/<subpath>.jsonl`.
///
/// That is the layout of the CLI's own `<config dir>/projects` folder, so a
/// `FileSessionStore` can also sit on a shared or synchronised folder and
/// hold sessions for several machines. Appends are single `O_APPEND`
/// writes, so concurrent appenders do not tear each other's lines, and a
/// half-written line (a writer that died) is skipped when loading (with a
/// `tracing` warning).
///
/// Below the root, symbolic links are never followed and only regular
/// files are opened: a link or FIFO in the way of a key (as its project or
/// session folder, or its file) makes the operation fail with
/// [`Error::UnsafeSessionPath`](crate::Error::UnsafeSessionPath) and is
/// left alone. The root itself may be a link.
///
/// ```
/// use claude_agent_sdk::session::store::{FileSessionStore, SessionKey, SessionStore};
/// use serde_json::json;
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let root = tempfile::tempdir()?;
/// let store = FileSessionStore::new(root.path());
/// let key = SessionKey::new("-srv-app", "fc87354c-c027-4a1c-bebc-11c086e58c40");
/// store.append(&key, &[json!({"type": "user", "uuid": "u1"})]).await?;
/// assert!(root.path().join("-srv-app/fc87354c-c027-4a1c-bebc-11c086e58c40.jsonl").is_file());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSessionStore {
    root: PathBuf,
}

impl FileSessionStore {
    /// A store in `root` (created on the first append).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The store's folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file that holds the transcript of `key`.
    ///
    /// # Errors
    ///
    /// When the key is not valid (see [`SessionKey::validate`]).
    pub fn path_of(&self, key: &SessionKey) -> Result<PathBuf> {
        key.validate()?;
        let project = self.root.join(&key.project);
        Ok(match &key.subpath {
            None => project.join(format!("{}.jsonl", key.session_id)),
            Some(subpath) => project
                .join(&key.session_id)
                .join(format!("{subpath}.jsonl")),
        })
    }
}

#[async_trait::async_trait]
impl SessionStore for FileSessionStore {
    async fn append(&self, key: &SessionKey, entries: &[Value]) -> Result<()> {
        check_append(key, entries)?;
        if entries.is_empty() {
            return Ok(());
        }
        let path = self.path_of(key)?;
        let bytes = to_lines(entries);
        let root = self.root.clone();
        blocking(move || append_to(&root, &path, &bytes)).await
    }

    async fn load(&self, key: &SessionKey) -> Result<Option<Vec<Value>>> {
        let path = self.path_of(key)?;
        let root = self.root.clone();
        blocking(move || {
            check_below(&root, &path)?;
            match read_regular(&path) {
                Ok(bytes) => {
                    let parsed = parse_lines(&bytes);
                    warn_skipped(&path, &parsed.skipped_line_numbers());
                    Ok(Some(
                        parsed.entries.into_iter().map(Value::Object).collect(),
                    ))
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(file_error(&path)(e)),
            }
        })
        .await
    }

    async fn list(&self, project: &str) -> Result<Vec<StoredSession>> {
        let probe = SessionKey::new(project, "-");
        probe.validate()?;
        let dir = self.root.join(project);
        let root = self.root.clone();
        blocking(move || {
            check_below(&root, &dir)?;
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(file_error(&dir)(e)),
            };
            let mut sessions = Vec::new();
            for entry in entries.filter_map(|e| e.ok()) {
                let name = entry.file_name();
                let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".jsonl")) else {
                    continue;
                };
                // Regular files only: not through links, never a FIFO.
                if !entry.file_type().is_ok_and(|t| t.is_file()) {
                    continue;
                }
                let Ok(meta) = entry.metadata() else { continue };
                if meta.is_file() {
                    let modified = meta.modified().unwrap_or(UNIX_EPOCH);
                    sessions.push(StoredSession::new(id, modified));
                }
            }
            Ok(sessions)
        })
        .await
    }

    async fn delete(&self, key: &SessionKey) -> Result<()> {
        let path = self.path_of(key)?;
        let whole_session = key.subpath.is_none();
        let root = self.root.clone();
        blocking(move || {
            // Removing a link removes the link; the folders on the way
            // must not be links.
            if let Some(parent) = path.parent() {
                check_below(&root, parent)?;
            }
            remove(&path, |p| std::fs::remove_file(p))?;
            if whole_session {
                remove(&session_dir(&path), |p| std::fs::remove_dir_all(p))?;
            }
            Ok(())
        })
        .await
    }

    async fn list_subkeys(&self, key: &SessionKey) -> Result<Vec<String>> {
        let dir = session_dir(&self.path_of(&key.session())?);
        let root = self.root.clone();
        blocking(move || {
            check_below(&root, &dir)?;
            Ok(transcripts_below(&dir)
                .into_iter()
                .map(|(subpath, _)| subpath)
                .collect())
        })
        .await
    }
}

/// Removes `path` with `op`; a missing path is fine.
fn remove(path: &Path, op: fn(&Path) -> io::Result<()>) -> Result<()> {
    match op(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(file_error(path)(e)),
        _ => Ok(()),
    }
}

/// Appends whole lines with [`append_lines`], creating the file (readable
/// only by its owner) and its folders below `root` when needed; never
/// through a link, never into a FIFO.
fn append_to(root: &Path, path: &Path, lines: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dirs(root, parent)?;
    }
    check_below(root, path)?;
    open_append(path, true)
        .and_then(|mut file| append_lines(&mut file, lines))
        .map_err(file_error(path))
}
