//! Opening, creating and checking files inside the CLI's `projects` folder
//! (and a file session store's folder) so that nothing planted there can
//! redirect or stall the SDK:
//!
//! - a symbolic link is never followed below the folder's root (the root
//!   itself, and the folders above it, may be links: `~/.claude` often is);
//!   files are opened with `O_NOFOLLOW`, and every folder between the root
//!   and the file is checked with `symlink_metadata`;
//! - only regular files are read or written: a FIFO, socket or device named
//!   like a session file is refused (files are opened with `O_NONBLOCK`, so
//!   opening a FIFO does not wait for a writer, then checked with `fstat`).
//!
//! The checks of the folders and the open are separate steps: someone who
//! can replace a folder inside `projects` between the two can still win
//! the race. That takes write access to the user's own configuration
//! directory, and the final component is never followed either way.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Why a path was refused; carried inside an [`io::Error`] so that
/// [`file_error`](super::paths::file_error) turns it into
/// [`Error::UnsafeSessionPath`].
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub(crate) struct Refused {
    pub(crate) reason: &'static str,
}

pub(crate) const A_LINK: &str = "it is a symbolic link";
pub(crate) const NOT_REGULAR: &str = "it is not a regular file";
pub(crate) const NOT_A_FOLDER: &str = "it is not a folder";

fn refused_io(reason: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, Refused { reason })
}

/// The error for a path refused for `reason`.
pub(crate) fn refused(path: &Path, reason: &str) -> Error {
    Error::UnsafeSessionPath {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    }
}

/// The reason an I/O error carries, if it is a refusal (or the `ELOOP` of
/// `O_NOFOLLOW` meeting a link).
pub(crate) fn refusal_reason(error: &io::Error) -> Option<&'static str> {
    if let Some(refused) = error.get_ref().and_then(|e| e.downcast_ref::<Refused>()) {
        return Some(refused.reason);
    }
    #[cfg(unix)]
    if error.raw_os_error() == Some(nix::errno::Errno::ELOOP as i32) {
        return Some(A_LINK);
    }
    None
}

/// Options that never follow a link in the last component and never wait
/// on a FIFO.
fn no_follow() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use nix::fcntl::OFlag;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK).bits());
    }
    options
}

/// Refuses an open file that is not a regular file.
fn regular(file: File) -> io::Result<File> {
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(refused_io(NOT_REGULAR))
    }
}

/// Opens a regular file for reading, without following a link and
/// without waiting on a FIFO.
pub(crate) fn open_regular(path: &Path) -> io::Result<File> {
    regular(no_follow().read(true).open(path)?)
}

/// Reads a regular file (see [`open_regular`]).
pub(crate) fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_regular(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens a regular file for reading and appending, without following a
/// link; `create` makes it (readable only by its owner) when missing.
pub(crate) fn open_append(path: &Path, create: bool) -> io::Result<File> {
    let mut options = no_follow();
    options.read(true).append(true).create(create);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    regular(options.open(path)?)
}

/// Creates a new file readable only by its owner; fails if anything (also
/// a link) is at `path`.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    let mut options = no_follow();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The names of `path`'s components below `root`, or a refusal when
/// `path` is not a plain path below `root`.
fn below<'a>(root: &Path, path: &'a Path) -> Result<Vec<&'a std::ffi::OsStr>> {
    let relative = path
        .strip_prefix(root)
        .map_err(|_| refused(path, "it is not inside the folder it belongs to"))?;
    relative
        .components()
        .map(|component| match component {
            Component::Normal(name) => Ok(name),
            _ => Err(refused(path, "its path is not plain")),
        })
        .collect()
}

/// Checks that no existing component of `path` below `root` is a link,
/// that the folders on the way are folders, and that `path` itself, if it
/// exists, is a regular file or a folder. Missing components are fine (they
/// are about to be created).
pub(crate) fn check_below(root: &Path, path: &Path) -> Result<()> {
    let names = below(root, path)?;
    let mut current = root.to_path_buf();
    for (n, name) in names.iter().enumerate() {
        current.push(name);
        let last = n + 1 == names.len();
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(refused(&current, A_LINK)),
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) if last && meta.is_file() => {}
            Ok(_) if last => return Err(refused(&current, NOT_REGULAR)),
            Ok(_) => return Err(refused(&current, NOT_A_FOLDER)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(super::paths::file_error(&current)(e)),
        }
    }
    Ok(())
}

/// Creates the folder `dir` below `root` (and the folders on the way),
/// refusing links and non-folders below `root`. `root` itself is created
/// with its parents, following links above it.
pub(crate) fn create_dirs(root: &Path, dir: &Path) -> Result<()> {
    let names = below(root, dir)?;
    std::fs::create_dir_all(root).map_err(super::paths::file_error(root))?;
    let mut current: PathBuf = root.to_path_buf();
    for name in names {
        current.push(name);
        match std::fs::create_dir(&current) {
            Ok(()) => continue,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(super::paths::file_error(&current)(e)),
        }
        let meta =
            std::fs::symlink_metadata(&current).map_err(super::paths::file_error(&current))?;
        if meta.file_type().is_symlink() {
            return Err(refused(&current, A_LINK));
        }
        if !meta.is_dir() {
            return Err(refused(&current, NOT_A_FOLDER));
        }
    }
    Ok(())
}

/// Writes a file readable only by its owner below `root` (as the CLI
/// writes its sidecars), replacing it atomically: a temporary file in the
/// same folder, renamed over `path`. The folders on the way are created;
/// a link (or a FIFO, a device) on the way or at `path` is refused.
pub(crate) fn write_private(root: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;

    let parent = path.parent().unwrap_or(root);
    create_dirs(root, parent)?;
    check_below(root, path)?;
    let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
    let result = create_private(&tmp)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(super::paths::file_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_below_the_root_are_refused_above_it_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir_all(real.join("p")).unwrap();
        let linked_root = dir.path().join("root");
        std::os::unix::fs::symlink(&real, &linked_root).unwrap();

        // A linked root is fine; what is below it is checked.
        check_below(&linked_root, &linked_root.join("p/new/file")).unwrap();
        create_dirs(&linked_root, &linked_root.join("p/a/b")).unwrap();
        assert!(real.join("p/a/b").is_dir());
        write_private(&linked_root, &linked_root.join("p/a/f.json"), b"{}").unwrap();
        assert_eq!(std::fs::read(real.join("p/a/f.json")).unwrap(), b"{}");

        std::os::unix::fs::symlink(dir.path(), real.join("p/link")).unwrap();
        for result in [
            check_below(&linked_root, &linked_root.join("p/link/x")),
            create_dirs(&linked_root, &linked_root.join("p/link/x")),
            write_private(&linked_root, &linked_root.join("p/link/x"), b""),
        ] {
            assert!(
                matches!(&result, Err(Error::UnsafeSessionPath { reason, .. }) if reason == A_LINK),
                "{result:?}"
            );
        }
        assert!(!dir.path().join("x").exists());
        assert!(check_below(&linked_root, Path::new("/etc/passwd")).is_err());
        assert!(check_below(&linked_root, &linked_root.join("p/../p")).is_err());
    }

    #[test]
    fn only_regular_files_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular(&file).unwrap(), b"x");
        let error = read_regular(&link).unwrap_err();
        assert_eq!(refusal_reason(&error), Some(A_LINK));
        let error = open_append(&link, true).unwrap_err();
        assert_eq!(refusal_reason(&error), Some(A_LINK));
        let error = read_regular(dir.path()).unwrap_err();
        assert_eq!(refusal_reason(&error), Some(NOT_REGULAR));
        assert!(create_private(&link).is_err());
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
        assert!(refusal_reason(&read_regular(&dir.path().join("missing")).unwrap_err()).is_none());
    }
}
