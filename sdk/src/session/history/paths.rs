//! Where the CLI keeps session files: the configuration directory, the
//! per-project folders named after the sanitized working directory, and the
//! session files inside them.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The variable that moves the CLI's configuration directory.
pub(crate) const CONFIG_DIR_VAR: &str = "CLAUDE_CONFIG_DIR";

/// Sanitized names longer than this are cut and given a hash suffix.
const MAX_SANITIZED_LEN: usize = 200;

/// The CLI's configuration directory: `$CLAUDE_CONFIG_DIR` when set and not
/// empty, else `~/.claude`. `None` when neither is known (no home
/// directory).
#[must_use]
pub fn default_config_dir() -> Option<PathBuf> {
    config_dir_from(std::env::var_os(CONFIG_DIR_VAR), std::env::home_dir())
}

fn config_dir_from(variable: Option<std::ffi::OsString>, home: Option<PathBuf>) -> Option<PathBuf> {
    match variable {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => home.map(|home| home.join(".claude")),
    }
}

/// The name of the folder under `<config dir>/projects` that holds the
/// sessions of `directory`, as the CLI names it.
///
/// The directory is resolved first (symbolic links, `..`) when it exists;
/// then every character other than an ASCII letter or digit becomes `-`, so
/// `/home/me/my app` becomes `-home-me-my-app`. Names longer than 200
/// characters are cut to 200 and given a hash suffix.
///
/// ```
/// use claude_agent_sdk::session::history::project_key_for_directory;
///
/// assert_eq!(project_key_for_directory("/srv/my app/v1.2"), "-srv-my-app-v1-2");
/// ```
#[must_use]
pub fn project_key_for_directory(directory: impl AsRef<Path>) -> String {
    let directory = directory.as_ref();
    let resolved = std::fs::canonicalize(directory).unwrap_or_else(|_| directory.to_path_buf());
    sanitize(&resolved.to_string_lossy())
}

/// The CLI's `sanitizePath`: JavaScript's `replace(/[^a-zA-Z0-9]/g, "-")`
/// works on UTF-16 code units, so a character outside the Basic
/// Multilingual Plane becomes two dashes.
pub(crate) fn sanitize(name: &str) -> String {
    let sanitized: String = name
        .encode_utf16()
        .map(|unit| match u8::try_from(unit) {
            Ok(byte) if byte.is_ascii_alphanumeric() => char::from(byte),
            _ => '-',
        })
        .collect();
    if sanitized.len() <= MAX_SANITIZED_LEN {
        return sanitized;
    }
    format!("{}-{}", &sanitized[..MAX_SANITIZED_LEN], simple_hash(name))
}

/// A 32-bit string hash in base 36 (JavaScript's `(h << 5) - h + c | 0`
/// over UTF-16 code units, then `Math.abs(h).toString(36)`).
///
/// The native CLI may hash long paths differently, which is why lookups
/// also accept any folder with the same 200-character prefix.
fn simple_hash(name: &str) -> String {
    let mut hash: i32 = 0;
    for unit in name.encode_utf16() {
        hash = hash
            .wrapping_shl(5)
            .wrapping_sub(hash)
            .wrapping_add(i32::from(unit));
    }
    let mut n = hash.unsigned_abs();
    if n == 0 {
        return "0".to_owned();
    }
    let mut digits = Vec::new();
    while n > 0 {
        let digit = u8::try_from(n % 36).unwrap_or(0);
        digits.push(if digit < 10 {
            b'0' + digit
        } else {
            b'a' + digit - 10
        });
        n /= 36;
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// The folder holding the sessions of `directory`, if it exists: the exact
/// sanitized name, or for long paths any folder with the same prefix.
pub(crate) fn find_project_dir(projects_dir: &Path, directory: &Path) -> Option<PathBuf> {
    let key = project_key_for_directory(directory);
    let exact = projects_dir.join(&key);
    // Not through a link: a linked project folder is not one of ours.
    if std::fs::symlink_metadata(&exact).is_ok_and(|m| m.is_dir()) {
        return Some(exact);
    }
    if key.len() <= MAX_SANITIZED_LEN {
        return None;
    }
    let prefix = format!("{}-", &key[..MAX_SANITIZED_LEN]);
    project_dirs(projects_dir).into_iter().find(|dir| {
        dir.file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(&prefix))
    })
}

/// The working trees of the git repository `directory` is in, from
/// `git worktree list --porcelain`; none when git is missing or `directory`
/// is not in a repository.
pub(crate) fn git_worktrees(directory: &Path) -> Vec<PathBuf> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(directory)
        .args(["worktree", "list", "--porcelain"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.strip_prefix("worktree "))
            .map(PathBuf::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// Every project folder under `projects_dir` (none when it is missing);
/// links to folders are left out.
pub(crate) fn project_dirs(projects_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(projects_dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.path())
        .collect();
    dirs.sort();
    dirs
}

/// The session files (`<uuid>.jsonl`) directly inside a project folder, with
/// their session ids: regular files only (a link or a FIFO named like a
/// session file is left out, never opened).
pub(crate) fn session_files(project_dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(project_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name();
            let id = name.to_str()?.strip_suffix(".jsonl")?;
            is_uuid(id).then(|| (id.to_owned(), entry.path()))
        })
        .collect()
}

/// The regular `.jsonl` files anywhere below `dir`, in no particular
/// order (none when it is missing). Symbolic links are not followed, also
/// not when `dir` itself is one (then there are none).
pub(crate) fn jsonl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        collect_jsonl_files(dir, &mut files);
    }
    files
}

fn collect_jsonl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect_jsonl_files(&path, out),
            Ok(kind) if kind.is_file() && path.extension().is_some_and(|e| e == "jsonl") => {
                out.push(path);
            }
            _ => {}
        }
    }
}

/// The transcripts below a session folder by subpath: each `.jsonl` file's
/// path relative to `dir`, without the extension, joined with `/` (files
/// whose path is not UTF-8 are left out); sorted by subpath.
pub(crate) fn transcripts_below(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut transcripts: Vec<(String, PathBuf)> = jsonl_files(dir)
        .into_iter()
        .filter_map(|path| {
            let relative = path.with_extension("");
            let parts = relative
                .strip_prefix(dir)
                .ok()?
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect::<Option<Vec<_>>>()?;
            Some((parts.join("/"), path))
        })
        .collect();
    transcripts.sort_by(|a, b| a.0.cmp(&b.0));
    transcripts
}

/// Finds the non-empty file of session `id`: in the folder of `directory`
/// when given, else in any project folder. Only regular files in project
/// folders that are not links count (see [`refused_session_file`] for why
/// a session was not found).
pub(crate) fn find_session_file(
    projects_dir: &Path,
    id: &str,
    directory: Option<&Path>,
) -> Option<PathBuf> {
    let file_name = format!("{id}.jsonl");
    let candidates = match directory {
        Some(directory) => find_project_dir(projects_dir, directory)
            .into_iter()
            .collect(),
        None => project_dirs(projects_dir),
    };
    candidates
        .into_iter()
        .map(|dir| dir.join(&file_name))
        .find(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0))
}

/// Why no file of session `id` was found when there is something by its
/// name: a project folder that is a link holding it, or a `<id>.jsonl`
/// that is a link, a FIFO, a socket or a device.
pub(crate) fn refused_session_file(projects_dir: &Path, id: &str) -> Option<Error> {
    use super::safe_files::{A_LINK, NOT_REGULAR, refused};

    let file_name = format!("{id}.jsonl");
    let entries = std::fs::read_dir(projects_dir).ok()?;
    let mut found = None;
    for entry in entries.filter_map(|e| e.ok()) {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let candidate = entry.path().join(&file_name);
        let reason = if kind.is_symlink() {
            // Looked up through the link only to explain the refusal.
            std::fs::symlink_metadata(&candidate)
                .is_ok()
                .then_some((entry.path(), "the project folder is a symbolic link"))
        } else if kind.is_dir() {
            match std::fs::symlink_metadata(&candidate) {
                Ok(m) if m.file_type().is_symlink() => Some((candidate, A_LINK)),
                Ok(m) if !m.is_file() && !m.is_dir() => Some((candidate, NOT_REGULAR)),
                _ => None,
            }
        } else {
            None
        };
        if let Some((path, reason)) = reason {
            found.get_or_insert_with(|| refused(&path, reason));
        }
    }
    found
}

/// The folder next to a session file that holds its subagent transcripts
/// and sidecar files (`<project>/<id>/`).
pub(crate) fn session_dir(session_file: &Path) -> PathBuf {
    session_file.with_extension("")
}

/// Whether `s` is a UUID in its canonical text form.
pub(crate) fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Checks that `id` is a session id (a UUID), which also makes it safe as a
/// file name.
pub(crate) fn check_session_id(id: &str) -> Result<()> {
    if is_uuid(id) {
        Ok(())
    } else {
        Err(Error::InvalidSessionArgument(format!(
            "`{id}` is not a session id (a UUID)"
        )))
    }
}

/// Wraps an I/O error with the path it concerns: a refused path (a link,
/// a FIFO; see [`safe_files`](super::safe_files)) becomes
/// [`Error::UnsafeSessionPath`], anything else [`Error::SessionFile`].
pub(crate) fn file_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| match super::safe_files::refusal_reason(&source) {
        Some(reason) => super::safe_files::refused(path, reason),
        None => Error::SessionFile {
            path: path.to_path_buf(),
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcripts_below_a_folder_by_subpath() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a/b.jsonl",
            "a-c.jsonl",
            "x.meta.json",
            "deep/er/t.jsonl",
            "notes.txt",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}\n").unwrap();
        }
        std::fs::create_dir(root.join("empty.jsonl")).unwrap();
        let found = transcripts_below(root);
        let subpaths: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(subpaths, ["a-c", "a/b", "deep/er/t"]);
        assert_eq!(found[1].1, root.join("a/b.jsonl"));
        assert_eq!(jsonl_files(root).len(), 3);
        assert!(transcripts_below(&root.join("missing")).is_empty());
    }

    #[test]
    fn sanitizes_like_the_cli() {
        assert_eq!(sanitize("/tmp/h5/work dir/sub.x"), "-tmp-h5-work-dir-sub-x");
        assert_eq!(sanitize("/a/é"), "-a--");
        assert_eq!(sanitize("/a/😀"), "-a---");
    }

    #[test]
    fn long_names_are_cut_and_hashed() {
        let long = format!("/{}", "x".repeat(300));
        let key = sanitize(&long);
        assert!(key.starts_with(&format!("-{}", "x".repeat(199))));
        assert_eq!(key.as_bytes()[200], b'-');
        assert!(key.len() > 201);
        assert_eq!(sanitize(&long), key, "deterministic");
        assert_ne!(sanitize(&format!("{long}y")), key);
    }

    #[test]
    fn hash_matches_javascript() {
        // (h << 5) - h + c over "abc" = 96354, in base 36 "22ci".
        assert_eq!(simple_hash("abc"), "22ci");
        assert_eq!(simple_hash(""), "0");
    }

    #[test]
    fn the_variable_moves_the_config_dir() {
        let home = Some(PathBuf::from("/home/me"));
        assert_eq!(
            config_dir_from(Some("/cfg".into()), home.clone()),
            Some(PathBuf::from("/cfg"))
        );
        assert_eq!(
            config_dir_from(Some("".into()), home.clone()),
            Some(PathBuf::from("/home/me/.claude"))
        );
        assert_eq!(
            config_dir_from(None, home),
            Some(PathBuf::from("/home/me/.claude"))
        );
        assert_eq!(config_dir_from(None, None), None);
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("fc87354c-c027-4a1c-bebc-11c086e58c40"));
        assert!(!is_uuid("fc87354c-c027-4a1c-bebc-11c086e58c4"));
        assert!(!is_uuid("../../etc/passwd"));
        assert!(check_session_id("nope").is_err());
    }

    #[test]
    fn missing_directories_are_empty() {
        let nowhere = Path::new("/nonexistent/claude-sdk-test");
        assert!(project_dirs(nowhere).is_empty());
        assert!(session_files(nowhere).is_empty());
        assert!(find_session_file(nowhere, "fc87354c-c027-4a1c-bebc-11c086e58c40", None).is_none());
    }
}
