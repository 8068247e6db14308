//! Helpers shared by the skills unit tests.

use std::path::Path;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use super::SKILL_FILE;

/// Writes the skill `<root>/<name>/SKILL.md` with this name and
/// description and the body `Body of <name>.`.
pub(super) fn write_skill(root: &Path, name: &str, description: &str) {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(SKILL_FILE),
        format!("---\nname: {name}\ndescription: {description}\n---\nBody of {name}.\n"),
    )
    .unwrap();
}

/// Runs `f` on a thread of its own and returns what it returns. A guard
/// against code that blocks forever: if `f` has not returned after a
/// (generous) minute, the test fails instead of hanging. Not a timing
/// assertion: anything that returns at all passes.
pub(super) fn returns<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("{what} did not return: it blocks"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// Creates a named pipe (FIFO) at `path`: opening it for reading blocks
/// until a writer comes.
#[cfg(unix)]
pub(super) fn make_fifo(path: &Path) {
    use nix::sys::stat::Mode;
    nix::unistd::mkfifo(path, Mode::S_IRUSR | Mode::S_IWUSR).unwrap();
}

/// Creates a Unix socket file at `path` (the file stays when the listener
/// is dropped).
#[cfg(unix)]
pub(super) fn make_socket(path: &Path) {
    drop(std::os::unix::net::UnixListener::bind(path).unwrap());
}
