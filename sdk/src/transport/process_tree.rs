//! The CLI's whole process tree, so that none of it outlives the session.
//!
//! The CLI starts helpers (`git`, `rg`), MCP servers and the Bash tool's
//! shells; it starts those shells in a session of their own (`setsid`), so
//! signalling its process group does not reach them, and when the CLI is
//! killed they are reparented to init and keep running. The SDK therefore
//! tags every CLI it starts with a variable of its own,
//! [`PROCESS_TAG_VAR`], unique per CLI. Every descendant inherits it, moved
//! to init or not, and when the CLI ends (however it ends) the SDK ends every
//! process that still carries the tag.
//!
//! The tag also names the SDK process that started the CLI (its pid
//! namespace, pid and start time): at its first start in a process, the SDK
//! ends the tagged processes of SDK processes that are provably gone (killed
//! before they could clean up), and only those: an owner in another pid
//! namespace, or one this process cannot see, counts as alive.
//!
//! Only Linux exposes other processes' environments (`/proc/<pid>/environ`);
//! elsewhere only the CLI itself is ended. A descendant that clears its own
//! environment (`env -i`) escapes the tag.

use std::sync::atomic::{AtomicU64, Ordering};

/// The variable that tags a CLI and its descendants:
/// `<sdk pid namespace>.<sdk pid>.<sdk start time>.<serial>`.
pub const PROCESS_TAG_VAR: &str = "CLAUDE_AGENT_SDK_PROCESS_TAG";

/// How many times [`ProcessTree::end`] scans for tagged processes: a process
/// may fork while it is being ended.
const END_ROUNDS: usize = 20;

/// The tag of one CLI and its descendants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcessTree {
    tag: String,
}

impl ProcessTree {
    /// A new tag, unique in this process and across processes.
    pub(crate) fn new() -> Self {
        static SERIAL: AtomicU64 = AtomicU64::new(1);
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        let (namespace, pid, start) = own_identity();
        Self {
            tag: format!("{namespace}.{pid}.{start}.{serial}"),
        }
    }

    /// The value of [`PROCESS_TAG_VAR`] for this tree.
    pub(crate) fn tag(&self) -> &str {
        &self.tag
    }

    /// Kills (SIGKILL) every process that carries this tree's tag. Returns
    /// how many were signalled.
    pub(crate) fn end(&self) -> usize {
        let ended = end_tagged(|tag| tag == self.tag);
        if ended > 0 {
            tracing::debug!(tag = %self.tag, processes = ended, "ended the CLI's leftover processes");
        }
        ended
    }
}

/// Ends, once per process, the tagged processes left behind by SDK
/// processes that no longer exist.
pub(crate) fn sweep_orphans_once() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let ended = sweep_orphans();
        if ended > 0 {
            tracing::info!(
                processes = ended,
                "ended processes left behind by an SDK process that is gone"
            );
        }
    });
}

/// Ends the tagged processes whose SDK process is gone.
pub(crate) fn sweep_orphans() -> usize {
    end_tagged(owner_is_gone)
}

/// Kills every process whose tag satisfies `select`, scanning again until
/// none is left (a process may fork while it is being ended), with a short
/// pause when only already signalled ones remain (dying, not yet gone).
fn end_tagged(select: impl Fn(&str) -> bool) -> usize {
    let mut signalled = std::collections::HashSet::new();
    for _ in 0..END_ROUNDS {
        let found = scan::tagged(&select);
        if found.is_empty() {
            break;
        }
        let mut fresh = false;
        for pid in found {
            if signalled.insert(pid) {
                scan::kill(pid);
                fresh = true;
            }
        }
        if !fresh {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
    signalled.len()
}

/// Whether the SDK process named in `tag` provably no longer runs: same pid
/// namespace as this process, and its pid free (`kill(pid, 0)` says no such
/// process) or taken by a process that started at another time. A tag of
/// another namespace, or an owner this process cannot see, counts as alive.
fn owner_is_gone(tag: &str) -> bool {
    let mut parts = tag.split('.');
    let (Some(namespace), Some(pid), Some(start), Some(_serial), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false; // not a tag this SDK wrote: leave it alone
    };
    let (Ok(namespace), Ok(pid), Ok(start)) = (
        namespace.parse::<u64>(),
        pid.parse::<u32>(),
        start.parse::<u64>(),
    ) else {
        return false;
    };
    let (own_namespace, own_pid, _) = own_identity();
    if namespace == 0 || namespace != own_namespace || pid == own_pid {
        return false;
    }
    match scan::start_time(pid) {
        Some(now) => now != start,
        None => scan::no_such_process(pid),
    }
}

/// This process's pid namespace (the inode of `/proc/self/ns/pid`), pid and
/// start time (clock ticks after boot); 0 where not known.
fn own_identity() -> (u64, u32, u64) {
    let pid = std::process::id();
    (
        scan::pid_namespace().unwrap_or(0),
        pid,
        scan::start_time(pid).unwrap_or(0),
    )
}

#[cfg(target_os = "linux")]
mod scan {
    use std::fs;

    use super::PROCESS_TAG_VAR;

    /// The live processes (of any user whose environment we may read, this
    /// process excluded) whose tag satisfies `select`.
    pub(super) fn tagged(select: impl Fn(&str) -> bool) -> Vec<u32> {
        let me = std::process::id();
        let Ok(entries) = fs::read_dir("/proc") else {
            return Vec::new();
        };
        let prefix = format!("{PROCESS_TAG_VAR}=");
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == me || is_zombie(pid) {
                continue;
            }
            // Unreadable (another user's, or already gone): not ours.
            let Ok(environ) = fs::read(format!("/proc/{pid}/environ")) else {
                continue;
            };
            let tag = environ
                .split(|&b| b == 0)
                .find_map(|var| var.strip_prefix(prefix.as_bytes()));
            if let Some(tag) = tag.and_then(|t| std::str::from_utf8(t).ok())
                && select(tag)
            {
                found.push(pid);
            }
        }
        found
    }

    fn is_zombie(pid: u32) -> bool {
        stat_fields(pid).is_some_and(|fields| fields.first().map(String::as_str) == Some("Z"))
    }

    /// The fields of `/proc/<pid>/stat` after the command name (the state
    /// is the first).
    fn stat_fields(pid: u32) -> Option<Vec<String>> {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let (_, rest) = stat.rsplit_once(')')?;
        Some(rest.split_whitespace().map(str::to_owned).collect())
    }

    /// A process's start time, in clock ticks after boot.
    pub(super) fn start_time(pid: u32) -> Option<u64> {
        // Field 22 of stat; the 20th after the command name.
        stat_fields(pid)?.get(19)?.parse().ok()
    }

    /// Whether `pid` is certainly free: `kill(pid, 0)` fails with ESRCH
    /// (EPERM means it exists, owned by someone else).
    pub(super) fn no_such_process(pid: u32) -> bool {
        let Ok(raw) = i32::try_from(pid) else {
            return false;
        };
        matches!(
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(raw), None),
            Err(nix::errno::Errno::ESRCH)
        )
    }

    /// The inode of this process's pid namespace.
    pub(super) fn pid_namespace() -> Option<u64> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata("/proc/self/ns/pid").ok().map(|m| m.ino())
    }

    pub(super) fn kill(pid: u32) {
        let Ok(raw) = i32::try_from(pid) else { return };
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(raw),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}

#[cfg(not(target_os = "linux"))]
mod scan {
    pub(super) fn tagged(_select: impl Fn(&str) -> bool) -> Vec<u32> {
        Vec::new()
    }

    pub(super) fn start_time(_pid: u32) -> Option<u64> {
        None
    }

    pub(super) fn no_such_process(_pid: u32) -> bool {
        false
    }

    pub(super) fn pid_namespace() -> Option<u64> {
        None
    }

    pub(super) fn kill(_pid: u32) {}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn tags_are_unique_and_name_this_process() {
        let a = ProcessTree::new();
        let b = ProcessTree::new();
        assert_ne!(a.tag(), b.tag());
        let namespace = scan::pid_namespace().unwrap();
        assert!(
            a.tag()
                .starts_with(&format!("{namespace}.{}.", std::process::id()))
        );
        assert!(!owner_is_gone(a.tag()), "this process is alive");
    }

    #[test]
    fn a_tag_of_a_dead_owner_is_recognised_and_others_are_left_alone() {
        let (namespace, pid, start) = own_identity();
        // A pid above the kernel's maximum cannot be a live process.
        assert!(owner_is_gone(&format!("{namespace}.4194305.1.1")));
        // ...but in another pid namespace it may be: left alone.
        assert!(!owner_is_gone(&format!("{}.4194305.1.1", namespace + 1)));
        // Our own pid is never swept, whatever the start time.
        assert!(!owner_is_gone(&format!(
            "{namespace}.{pid}.{}.1",
            start + 1
        )));
        for junk in ["", "x", "1.2", "1.2.3", "1.2.3.4.5", "a.b.c.d"] {
            assert!(!owner_is_gone(junk), "{junk:?}");
        }
    }

    #[test]
    fn ending_a_tree_kills_its_detached_descendants() {
        let tree = ProcessTree::new();
        // A grandchild in a session of its own, whose parent exits at once:
        // it is reparented and only the tag finds it.
        let status = std::process::Command::new("sh")
            .args(["-c", "setsid sleep 300 >/dev/null 2>&1 < /dev/null &"])
            .env(PROCESS_TAG_VAR, tree.tag())
            .status()
            .unwrap();
        assert!(status.success());
        let mut found = Vec::new();
        for _ in 0..100 {
            found = scan::tagged(|t| t == tree.tag());
            if !found.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(found.len(), 1, "the detached sleep carries the tag");
        assert!(tree.end() >= 1);
        for _ in 0..100 {
            if scan::tagged(|t| t == tree.tag()).is_empty() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("the detached process survived");
    }
}
