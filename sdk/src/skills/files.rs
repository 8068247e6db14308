//! Reading skill folders: the `SKILL.md` file, size limits, and a bounded
//! walk that never follows symbolic links.
//!
//! Only regular files are ever opened: a named pipe (FIFO) blocks whoever
//! opens it for reading until a writer comes, which may be never, and a
//! device may do anything when opened. The file type is checked first
//! without opening (`lstat`, then `stat` through a link), and the file is
//! opened non-blocking and checked again through the open handle, so a
//! file swapped for a pipe in between is refused too.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::SkillError;

/// The file that makes a folder a skill.
pub const SKILL_FILE: &str = "SKILL.md";

/// The largest file the SDK reads as part of a skill (1 MiB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// How deep a walk goes below the skill folder.
const MAX_DEPTH: usize = 16;
/// How many entries a walk lists at most.
const MAX_ENTRIES: usize = 10_000;

/// `<project>/.claude/skills`: where Claude Code looks for a project's
/// skills.
#[must_use]
pub fn project_skills_dir(project: impl AsRef<Path>) -> PathBuf {
    project.as_ref().join(".claude").join("skills")
}

/// What a file type is, in words, for errors and findings: `None` for a
/// regular file.
pub(crate) fn special_kind(file_type: FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    if file_type.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

fn not_a_file(path: &Path, meta: &Metadata) -> Option<SkillError> {
    special_kind(meta.file_type()).map(|kind| SkillError::NotAFile {
        path: path.to_owned(),
        kind,
    })
}

/// Opens `path` for reading if it is a regular file (or a link to one),
/// and never blocks: anything else (a named pipe, a socket, a device, a
/// folder) is [`SkillError::NotAFile`] without being opened. Returns the
/// file and its metadata, read through the open handle.
pub(crate) fn open_regular(path: &Path) -> Result<(File, Metadata), SkillError> {
    let mut meta = std::fs::symlink_metadata(path).map_err(|e| SkillError::io(path, e))?;
    if meta.file_type().is_symlink() {
        meta = std::fs::metadata(path).map_err(|e| SkillError::io(path, e))?;
    }
    if let Some(error) = not_a_file(path, &meta) {
        return Err(error);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the file have become a pipe since the check, the open still
        // returns at once; reads of a regular file ignore the flag.
        options.custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits());
    }
    let file = options.open(path).map_err(|e| SkillError::io(path, e))?;
    let meta = file.metadata().map_err(|e| SkillError::io(path, e))?;
    match not_a_file(path, &meta) {
        Some(error) => Err(error),
        None => Ok((file, meta)),
    }
}

/// Reads a skill file of at most [`MAX_FILE_BYTES`] as text (invalid UTF-8
/// is replaced).
pub(crate) fn read_text(path: &Path) -> Result<String, SkillError> {
    let (file, meta) = open_regular(path)?;
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(SkillError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkillError::io(path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Reads a `SKILL.md`; a missing file is [`SkillError::MissingSkillFile`]
/// naming its folder.
pub(crate) fn read_skill_file(path: &Path) -> Result<String, SkillError> {
    match read_text(path) {
        Err(SkillError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Err(
            SkillError::MissingSkillFile(path.parent().unwrap_or(path).to_owned()),
        ),
        other => other,
    }
}

/// One entry of a skill folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The path relative to the skill folder.
    pub(crate) relative: PathBuf,
    /// The full path.
    pub(crate) path: PathBuf,
    /// Whether it is a symbolic link (never followed).
    pub(crate) is_link: bool,
    /// What it is when it is neither a regular file nor a link (a named
    /// pipe, a socket, a device): such entries are never opened.
    pub(crate) special: Option<&'static str>,
    /// The size in bytes (of the link itself, for a link).
    pub(crate) len: u64,
    /// When it was last modified.
    pub(crate) modified: Option<SystemTime>,
}

/// The files (and links) below `dir`, sorted, without following links.
/// Folders that cannot be read are listed in `unreadable`; `truncated` says
/// whether the walk stopped at its depth or size limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Walk {
    pub(crate) entries: Vec<Entry>,
    pub(crate) truncated: bool,
    /// Folders that could not be listed (relative to `dir`, which is `.`),
    /// with why.
    pub(crate) unreadable: Vec<(PathBuf, String)>,
}

pub(crate) fn walk(dir: &Path) -> Walk {
    let mut out = Walk::default();
    let mut stack = vec![(dir.to_owned(), 0usize)];
    while let Some((folder, depth)) = stack.pop() {
        let read = match std::fs::read_dir(&folder) {
            Ok(read) => read,
            Err(e) => {
                let relative = match folder.strip_prefix(dir) {
                    Ok(inside) if inside.as_os_str().is_empty() => PathBuf::from("."),
                    Ok(inside) => inside.to_owned(),
                    Err(_) => folder.clone(),
                };
                out.unreadable.push((relative, e.to_string()));
                continue;
            }
        };
        for item in read.flatten() {
            if out.entries.len() >= MAX_ENTRIES {
                out.truncated = true;
                break;
            }
            let path = item.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if depth + 1 >= MAX_DEPTH {
                    out.truncated = true;
                } else {
                    stack.push((path, depth + 1));
                }
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_owned();
            let is_link = meta.file_type().is_symlink();
            out.entries.push(Entry {
                relative,
                is_link,
                special: special_kind(meta.file_type()).filter(|_| !is_link),
                len: meta.len(),
                modified: meta.modified().ok(),
                path,
            });
        }
    }
    out.entries.sort_by(|a, b| a.relative.cmp(&b.relative));
    out.unreadable.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_lists_files_and_links_without_following() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("SKILL.md"), "x").unwrap();
        std::fs::write(dir.path().join("a/b/c.txt"), "yy").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/", dir.path().join("a/root")).unwrap();
        let walk = walk(dir.path());
        let names: Vec<String> = walk
            .entries
            .iter()
            .map(|e| e.relative.to_string_lossy().into_owned())
            .collect();
        #[cfg(unix)]
        assert_eq!(names, ["SKILL.md", "a/b/c.txt", "a/root"]);
        #[cfg(unix)]
        assert!(walk.entries[2].is_link);
        assert!(!walk.truncated);
        assert_eq!(walk.entries[1].len, 2);
    }

    #[test]
    fn missing_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_skill_file(&dir.path().join(SKILL_FILE)).unwrap_err();
        assert!(matches!(err, SkillError::MissingSkillFile(_)), "{err:?}");
        let big = dir.path().join("big.md");
        std::fs::write(
            &big,
            vec![b'a'; usize::try_from(MAX_FILE_BYTES).unwrap() + 1],
        )
        .unwrap();
        assert!(matches!(read_text(&big), Err(SkillError::TooLarge { .. })));
    }

    #[test]
    fn a_vanished_folder_walks_empty_and_says_so() {
        let walk = walk(Path::new("/definitely/not/here"));
        assert!(walk.entries.is_empty());
        assert_eq!(walk.unreadable.len(), 1);
        assert_eq!(walk.unreadable[0].0, Path::new("."));
    }
}
