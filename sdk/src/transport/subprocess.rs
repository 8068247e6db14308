//! The default transport: the CLI as a local child process.

use std::io;
use std::process::Stdio;

use async_trait::async_trait;
use tokio::process::{Child, Command};

use super::process_tree::{self, PROCESS_TAG_VAR, ProcessTree};
use super::{CliCommand, Process, ProcessExit, Transport, TransportIo};
use crate::error::{Error, Result};

/// Starts the CLI as a child process of this one (never through a shell).
///
/// The child inherits this process's environment plus the command's
/// variables, and is killed if its handle is dropped without a shutdown.
/// On Linux, its whole process tree goes with it: every process the CLI
/// started (the Bash tool's shells and whatever they left running, MCP
/// servers, helpers), even those that left its session or were reparented,
/// is ended when the CLI ends, however it ends (see
/// [`PROCESS_TAG_VAR`](super::PROCESS_TAG_VAR)). Processes left behind by an
/// SDK process that was itself killed are ended at the next start.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct SubprocessTransport {}

impl SubprocessTransport {
    /// The default transport.
    #[must_use]
    pub fn new() -> Self {
        Self {}
    }
}

#[async_trait]
impl Transport for SubprocessTransport {
    async fn start(&self, command: &CliCommand) -> Result<TransportIo> {
        if let Some(cwd) = &command.cwd
            && !cwd.is_dir()
        {
            return Err(Error::WorkingDirectory(cwd.clone()));
        }
        // Scanning /proc is blocking work: off the async workers.
        let _ = tokio::task::spawn_blocking(process_tree::sweep_orphans_once).await;
        let tree = ProcessTree::new();
        let mut cmd = Command::new(&command.program);
        cmd.args(&command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for key in &command.env_remove {
            cmd.env_remove(key);
        }
        for (key, value) in &command.env {
            cmd.env(key, value);
        }
        cmd.env(PROCESS_TAG_VAR, tree.tag());
        if let Some(cwd) = &command.cwd {
            cmd.current_dir(cwd);
        }
        if let Some(user) = &command.user {
            set_user(&mut cmd, user)?;
        }
        let mut child = cmd.spawn().map_err(|source| Error::Spawn {
            path: command.program.clone(),
            source,
        })?;
        let stdin = child.stdin.take().ok_or_else(|| missing_pipe("stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| missing_pipe("stdout"))?;
        let stderr = child.stderr.take().map(|s| Box::pin(s) as super::BoxRead);
        Ok(TransportIo::new(
            Box::pin(stdin),
            Box::pin(stdout),
            stderr,
            Box::new(ChildProcess {
                child,
                tree,
                exited: false,
            }),
        ))
    }

    fn shares_filesystem(&self) -> bool {
        true
    }
}

fn missing_pipe(name: &str) -> Error {
    Error::Io(io::Error::other(format!("the CLI's {name} is not piped")))
}

#[cfg(unix)]
fn set_user(cmd: &mut Command, user: &str) -> Result<()> {
    let (uid, gid) = user_ids(user)?;
    cmd.uid(uid).gid(gid);
    Ok(())
}

/// The user id and group id of the OS user `user`.
#[cfg(unix)]
pub(crate) fn user_ids(user: &str) -> Result<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").map_err(Error::Io)?;
    let entry = passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.len() >= 4 && fields[0] == user)
        .ok_or_else(|| Error::InvalidOptions(format!("unknown user {user:?}")))?;
    let uid = entry[2]
        .parse()
        .map_err(|_| Error::InvalidOptions(format!("bad uid for user {user:?}")))?;
    let gid = entry[3]
        .parse()
        .map_err(|_| Error::InvalidOptions(format!("bad gid for user {user:?}")))?;
    Ok((uid, gid))
}

#[cfg(not(unix))]
fn set_user(_cmd: &mut Command, user: &str) -> Result<()> {
    Err(Error::InvalidOptions(format!(
        "running the CLI as another user ({user:?}) is only supported on Unix"
    )))
}

struct ChildProcess {
    child: Child,
    tree: ProcessTree,
    /// The CLI was reaped and its leftover descendants ended.
    exited: bool,
}

impl Drop for ChildProcess {
    fn drop(&mut self) {
        // Dropped without a wait (a panic, a runtime shutting down): kill
        // the CLI (`kill_on_drop`) and everything it started.
        if !self.exited {
            let _ = self.child.start_kill();
            self.tree.end();
        }
    }
}

#[async_trait]
impl Process for ChildProcess {
    fn id(&self) -> Option<u32> {
        self.child.id()
    }

    async fn wait(&mut self) -> io::Result<ProcessExit> {
        let status = self.child.wait().await?;
        if !self.exited {
            // Whatever the CLI left running (reparented to init by now)
            // goes with it.
            self.exited = true;
            let tree = self.tree.clone();
            let _ = tokio::task::spawn_blocking(move || tree.end()).await;
        }
        Ok(ProcessExit::from(status))
    }

    fn terminate(&mut self) -> io::Result<()> {
        #[cfg(unix)]
        {
            if let Some(pid) = self.child.id() {
                let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).map_err(io::Error::other)?);
                return match nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM) {
                    Ok(()) | Err(nix::errno::Errno::ESRCH) => Ok(()),
                    Err(errno) => Err(io::Error::from(errno)),
                };
            }
            Ok(())
        }
        #[cfg(not(unix))]
        {
            self.child.start_kill()
        }
    }

    fn kill(&mut self) -> io::Result<()> {
        match self.child.start_kill() {
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
            other => other,
        }
    }
}
