//! How the SDK reaches the CLI: the [`Transport`] trait and the default
//! [`SubprocessTransport`].
//!
//! A transport only starts the CLI and hands back its three pipes and a
//! [`Process`] handle; the SDK does the rest itself (NDJSON framing, the
//! control protocol, stderr capture, the shutdown sequence). Implement
//! [`Transport`] to run the CLI somewhere else: in a container, over SSH, on
//! a remote host.
//!
//! ```no_run
//! use std::sync::Arc;
//! use claude_agent_sdk::transport::{CliCommand, SubprocessTransport, Transport, TransportIo};
//! use claude_agent_sdk::{ClaudeAgentOptions, Result};
//!
//! /// Runs the CLI inside a running container with `docker exec -i`.
//! struct DockerExec { container: String }
//!
//! #[claude_agent_sdk::async_trait]
//! impl Transport for DockerExec {
//!     async fn start(&self, command: &CliCommand) -> Result<TransportIo> {
//!         let mut docker = CliCommand::new("docker");
//!         let mut args = vec!["exec".to_owned(), "-i".to_owned()];
//!         for (key, value) in &command.env {
//!             // `-e KEY` takes the value from docker's own environment:
//!             // values stay off docker's command line.
//!             args.push("-e".to_owned());
//!             args.push(key.clone());
//!             docker.set_env(key.clone(), value.clone());
//!         }
//!         args.push(self.container.clone());
//!         args.push("claude".to_owned());
//!         // This transport does not share files with the CLI, so
//!         // `--mcp-config` and `--settings` carry their JSON here; a
//!         // transport that cares writes them to a private file in the
//!         // container instead.
//!         args.extend(command.args.iter().cloned());
//!         SubprocessTransport::default().start(&docker.with_args(args)).await
//!     }
//! }
//!
//! let options = ClaudeAgentOptions::builder()
//!     .transport(Arc::new(DockerExec { container: "agent".into() }))
//!     .build();
//! # let _ = options;
//! ```

mod command;
mod lines;
mod process_tree;
mod subprocess;

use std::io;
use std::pin::Pin;

use async_trait::async_trait;
use tokio::io::{AsyncRead, AsyncWrite};

pub use command::CliCommand;
pub(crate) use lines::{LineError, LineReader};
pub use process_tree::PROCESS_TAG_VAR;
pub use subprocess::SubprocessTransport;
#[cfg(unix)]
pub(crate) use subprocess::user_ids;

use crate::error::Result;

/// Starts the CLI and returns its pipes.
#[async_trait]
pub trait Transport: Send + Sync + 'static {
    /// Starts the CLI described by `command` (program, arguments, extra
    /// environment variables, working directory).
    async fn start(&self, command: &CliCommand) -> Result<TransportIo>;

    /// Whether the CLI this transport starts runs on this machine, as this
    /// user, and so can read the files this process writes at the same
    /// paths.
    ///
    /// When it does, the SDK passes `--mcp-config` and `--settings` (which
    /// may hold MCP header tokens and environment secrets) as paths to
    /// private files rather than as JSON on the command line, where every
    /// local user could read them. The default is `false`, the safe choice
    /// for a transport that runs the CLI elsewhere (a container, a remote
    /// host): the JSON is then in [`CliCommand::args`], and the transport
    /// should pass it without exposing it (e.g. write it to a private file
    /// where the CLI runs). A transport that wraps
    /// [`SubprocessTransport`] should return `true`.
    fn shares_filesystem(&self) -> bool {
        false
    }
}

/// A boxed writer.
pub type BoxWrite = Pin<Box<dyn AsyncWrite + Send>>;
/// A boxed reader.
pub type BoxRead = Pin<Box<dyn AsyncRead + Send>>;

/// The pipes of a started CLI and a handle on its process.
#[non_exhaustive]
pub struct TransportIo {
    /// The CLI's stdin.
    pub stdin: BoxWrite,
    /// The CLI's stdout (NDJSON).
    pub stdout: BoxRead,
    /// The CLI's stderr, if the transport can provide it.
    pub stderr: Option<BoxRead>,
    /// The process.
    pub process: Box<dyn Process>,
}

impl TransportIo {
    /// Bundles the pipes and the process handle.
    #[must_use]
    pub fn new(
        stdin: BoxWrite,
        stdout: BoxRead,
        stderr: Option<BoxRead>,
        process: Box<dyn Process>,
    ) -> Self {
        Self {
            stdin,
            stdout,
            stderr,
            process,
        }
    }
}

impl std::fmt::Debug for TransportIo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportIo")
            .field("stderr", &self.stderr.is_some())
            .field("pid", &self.process.id())
            .finish_non_exhaustive()
    }
}

/// How a process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ProcessExit {
    /// The exit code, if it exited normally.
    pub code: Option<i32>,
    /// The signal that ended it (Unix).
    pub signal: Option<i32>,
}

impl ProcessExit {
    /// A process that exited with `code`.
    #[must_use]
    pub fn code(code: i32) -> Self {
        Self {
            code: Some(code),
            signal: None,
        }
    }

    /// A process ended by `signal`.
    #[must_use]
    pub fn signal(signal: i32) -> Self {
        Self {
            code: None,
            signal: Some(signal),
        }
    }
}

impl From<std::process::ExitStatus> for ProcessExit {
    fn from(status: std::process::ExitStatus) -> Self {
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&status);
        #[cfg(not(unix))]
        let signal = None;
        Self {
            code: status.code(),
            signal,
        }
    }
}

/// A handle on the CLI process.
#[async_trait]
pub trait Process: Send {
    /// The OS process id, if there is one.
    fn id(&self) -> Option<u32>;
    /// Waits for the process to end. Must be cancel-safe.
    async fn wait(&mut self) -> io::Result<ProcessExit>;
    /// Asks the process to stop (SIGTERM on Unix).
    fn terminate(&mut self) -> io::Result<()>;
    /// Stops the process at once (SIGKILL on Unix).
    fn kill(&mut self) -> io::Result<()>;
}
