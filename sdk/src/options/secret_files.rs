//! Private files for the JSON of `--mcp-config` and `--settings`, so that
//! MCP header tokens, MCP server environments and settings `env` never sit
//! on the CLI's command line (which every local user can read in
//! `/proc/<pid>/cmdline` and `ps`).
//!
//! Each file is created `0600` in a directory of its own created `0700` in
//! the system's temporary directory, named `claude-agent-sdk-<pid>-<random>`
//! after the process that owns it. A directory is removed when its
//! [`PrivateDir`] is dropped; one left behind by a process that died without
//! cleaning up is removed by [`sweep_stale_dirs`] the next time a session
//! starts (only directories of the current user whose process is gone).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tempfile::TempDir;

/// The start of every directory name; the owning process id follows.
pub(crate) const DIR_PREFIX: &str = "claude-agent-sdk-";

/// A private directory holding secret files; removed (with its files) when
/// dropped.
pub(crate) struct PrivateDir {
    dir: TempDir,
}

impl PrivateDir {
    /// Creates a directory only the current user can enter, in `base`.
    fn create_in(base: &Path) -> io::Result<Self> {
        let prefix = format!("{DIR_PREFIX}{}-", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).rand_bytes(8);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        Ok(Self {
            dir: builder.tempdir_in(base)?,
        })
    }

    /// Writes a new file only the current user (or `owner`) can read.
    fn write(&self, name: &str, contents: &str, owner: Option<Owner>) -> io::Result<PathBuf> {
        let path = self.dir.path().join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path)?;
        file.write_all(contents.as_bytes())?;
        file.flush()?;
        #[cfg(unix)]
        if let Some(owner) = owner {
            // The CLI runs as another user: the file becomes that user's,
            // and the directory (still ours, so that it can be swept) lets
            // others through without listing it.
            use std::os::unix::fs::PermissionsExt;
            std::os::unix::fs::chown(&path, Some(owner.uid), Some(owner.gid))?;
            std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o711))?;
        }
        #[cfg(not(unix))]
        let _ = owner;
        Ok(path)
    }

    /// The directory.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// The secret files of one CLI start, by how long the CLI needs them.
///
/// `--mcp-config` is read once, before the CLI answers `initialize`: its
/// file goes as soon as that answer arrives. `--settings` is read again
/// during the session by older CLIs (2.1.197 re-reads it whenever a
/// settings file changes, and drops its settings if the file is gone): its
/// file stays until the CLI has exited.
#[derive(Default)]
pub(crate) struct SecretFiles {
    /// Removed once the CLI has answered `initialize`.
    pub(crate) startup: Option<PrivateDir>,
    /// Removed when the CLI has exited (or the session is dropped).
    pub(crate) session: Option<PrivateDir>,
}

/// The OS user the CLI runs as, when it is not the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Owner {
    /// The user id.
    pub(crate) uid: u32,
    /// The group id.
    pub(crate) gid: u32,
}

/// How long the CLI needs a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needed {
    /// Until it has answered `initialize`.
    UntilInitialized,
    /// Until it exits.
    UntilExit,
}

impl SecretFiles {
    /// Writes `contents` to a new private file (readable by `owner` when
    /// the CLI runs as another user) and returns its path.
    pub(crate) fn write(
        &mut self,
        needed: Needed,
        name: &str,
        contents: &str,
        owner: Option<Owner>,
    ) -> io::Result<PathBuf> {
        let slot = match needed {
            Needed::UntilInitialized => &mut self.startup,
            Needed::UntilExit => &mut self.session,
        };
        let dir = match slot {
            Some(dir) => dir,
            None => slot.insert(PrivateDir::create_in(&std::env::temp_dir())?),
        };
        dir.write(name, contents, owner)
    }

    /// The directories that exist, for tests and logs.
    pub(crate) fn dirs(&self) -> impl Iterator<Item = &Path> {
        self.startup
            .iter()
            .chain(self.session.iter())
            .map(PrivateDir::path)
    }
}

/// The files a session keeps until its CLI has exited, shared by the
/// engine's handles: [`release`](Self::release) removes them, as does
/// dropping the last handle.
#[derive(Clone, Default)]
pub(crate) struct SessionFiles(Arc<Mutex<Option<PrivateDir>>>);

impl SessionFiles {
    /// Keeps `dir` until released.
    pub(crate) fn new(dir: Option<PrivateDir>) -> Self {
        Self(Arc::new(Mutex::new(dir)))
    }

    /// Removes the files now.
    pub(crate) fn release(&self) {
        let dir = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        drop(dir);
    }
}

impl std::fmt::Debug for SessionFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionFiles")
    }
}

impl std::fmt::Debug for SecretFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.dirs()).finish()
    }
}

/// Removes the private directories, in the system's temporary directory,
/// that processes of the current user left behind when they died. Never
/// fails: what cannot be removed stays.
pub(crate) fn sweep_stale_dirs() {
    sweep_stale_dirs_in(&std::env::temp_dir());
}

/// [`sweep_stale_dirs`] in `base`: a directory is removed only if its name
/// is `claude-agent-sdk-<pid>-...`, it is a real directory (not a link)
/// owned by the current user, and no process `<pid>` exists.
pub(crate) fn sweep_stale_dirs_in(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner_pid) else {
            continue;
        };
        let path = entry.path();
        if is_ours(&path) && process_gone(pid) {
            match std::fs::remove_dir_all(&path) {
                Ok(()) => {
                    tracing::debug!(dir = %path.display(), pid, "removed a stale secret directory")
                }
                Err(err) => {
                    tracing::debug!(dir = %path.display(), error = %err, "cannot remove a stale secret directory")
                }
            }
        }
    }
}

/// The owning process id in a directory name made by [`PrivateDir`].
fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(DIR_PREFIX)?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok().filter(|pid| *pid > 0)
}

#[cfg(unix)]
fn is_ours(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path)
        .is_ok_and(|meta| meta.is_dir() && meta.uid() == nix::unistd::geteuid().as_raw())
}

#[cfg(not(unix))]
fn is_ours(_path: &Path) -> bool {
    // Without a way to tell the owner, leave everything alone.
    false
}

#[cfg(unix)]
fn process_gone(pid: u32) -> bool {
    let Ok(raw) = i32::try_from(pid) else {
        return false;
    };
    if raw <= 0 || pid == std::process::id() {
        return false;
    }
    matches!(
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(raw), None),
        Err(nix::errno::Errno::ESRCH)
    )
}

#[cfg(not(unix))]
fn process_gone(_pid: u32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id that is not in use: a child that has exited and been
    /// reaped.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn files_are_private_and_go_with_their_directory() {
        let mut files = SecretFiles::default();
        let path = files
            .write(Needed::UntilInitialized, "mcp-config.json", "{}", None)
            .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
        let dir = path.parent().unwrap().to_path_buf();
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        assert_eq!(owner_pid(&name), Some(std::process::id()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&path), 0o600);
        }
        assert!(files.session.is_none());
        drop(files);
        assert!(!dir.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_for_another_user_is_theirs_and_the_directory_lets_them_through() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Giving a file away needs privileges; giving it to ourselves
        // takes the same path.
        let owner = Owner {
            uid: nix::unistd::geteuid().as_raw(),
            gid: nix::unistd::getegid().as_raw(),
        };
        let mut files = SecretFiles::default();
        let path = files
            .write(Needed::UntilExit, "settings.json", "{}", Some(owner))
            .unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (owner.uid, owner.gid));
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        let dir = std::fs::metadata(path.parent().unwrap()).unwrap();
        assert_eq!(dir.permissions().mode() & 0o777, 0o711);
        assert!(files.startup.is_none() && files.session.is_some());
    }

    #[test]
    fn names_carry_the_owner() {
        assert_eq!(owner_pid("claude-agent-sdk-42-abcdef"), Some(42));
        assert_eq!(owner_pid("claude-agent-sdk-0-abcdef"), None);
        assert_eq!(owner_pid("claude-agent-sdk-42-"), None);
        assert_eq!(owner_pid("claude-agent-sdk--42-x"), None);
        assert_eq!(owner_pid("claude-agent-sdk-+42-x"), None);
        assert_eq!(owner_pid("other-42-x"), None);
    }

    #[cfg(unix)]
    #[test]
    fn only_stale_directories_of_ours_are_swept() {
        let base = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let stale = base.path().join(format!("{DIR_PREFIX}{dead}-stale"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("settings.json"), "{}").unwrap();
        let alive = base
            .path()
            .join(format!("{DIR_PREFIX}{}-live", std::process::id()));
        std::fs::create_dir(&alive).unwrap();
        let other = base.path().join(format!("unrelated-{dead}-x"));
        std::fs::create_dir(&other).unwrap();
        let target = tempfile::tempdir().unwrap();
        let link = base.path().join(format!("{DIR_PREFIX}{dead}-link"));
        std::os::unix::fs::symlink(target.path(), &link).unwrap();

        sweep_stale_dirs_in(base.path());

        assert!(!stale.exists(), "the dead process's directory is swept");
        assert!(alive.exists(), "a live process's directory stays");
        assert!(other.exists(), "other names are left alone");
        assert!(
            link.symlink_metadata().is_ok(),
            "links are not followed or removed"
        );
        assert!(target.path().exists());
    }
}
