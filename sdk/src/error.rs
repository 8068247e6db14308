//! The error type of this crate.
//!
//! One enum, [`Error`], covers everything that can go wrong while driving the
//! Claude Code CLI. A turn that *Claude* reports as failed (a result with
//! `is_error: true`, an API error, max turns exceeded) is **not** an error: it
//! arrives as a [`ResultMessage`](crate::messages::ResultMessage) like any
//! other result.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::CliVersion;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How the CLI process ended, with the last lines it wrote to stderr.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExitInfo {
    /// The exit code, if the process exited normally.
    pub code: Option<i32>,
    /// The signal that ended the process, if any (Unix).
    pub signal: Option<i32>,
    /// The last lines the CLI wrote to stderr (may be empty), with the
    /// secrets the SDK passed to the CLI replaced by `[redacted]`.
    pub stderr_tail: String,
}

impl ExitInfo {
    /// Whether the process exited with code 0.
    #[must_use]
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

impl fmt::Display for ExitInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code, self.signal) {
            (Some(code), _) => write!(f, "with code {code}")?,
            (None, Some(signal)) => write!(f, "on signal {signal}")?,
            (None, None) => write!(f, "with an unknown status")?,
        }
        let tail = self.stderr_tail.trim();
        if !tail.is_empty() {
            write!(f, "; stderr:\n{tail}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong while driving the Claude Code CLI.
///
/// The enum is `#[non_exhaustive]`: match the variants you handle and keep a
/// wildcard arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No Claude Code CLI was found.
    #[error(
        "the Claude Code CLI was not found (looked in: {}). Install it with \
         `npm install -g @anthropic-ai/claude-code`, or point `cli_path` at it",
        display_paths(searched)
    )]
    CliNotFound {
        /// Every place that was searched, in order.
        searched: Vec<PathBuf>,
    },

    /// The CLI is older than the oldest version this SDK supports.
    #[error(
        "the Claude Code CLI at {} is version {found}, older than {minimum}, the oldest this SDK \
         supports; upgrade it with `npm install -g @anthropic-ai/claude-code@latest`",
        path.display()
    )]
    CliTooOld {
        /// The CLI that was found.
        path: PathBuf,
        /// Its version.
        found: CliVersion,
        /// The oldest supported version.
        minimum: CliVersion,
    },

    /// The CLI's version could not be determined.
    #[error("could not read the version of the Claude Code CLI at {}: {reason}", path.display())]
    CliVersion {
        /// The CLI that was asked.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },

    /// Installing the CLI with npm failed.
    #[error("installing @anthropic-ai/claude-code@{version} into {} failed: {reason}", dir.display())]
    Install {
        /// The version that was requested.
        version: String,
        /// The directory it was to be installed into.
        dir: PathBuf,
        /// What went wrong (npm's message where there is one).
        reason: String,
    },

    /// The CLI process could not be started.
    #[error("could not start the Claude Code CLI at {}: {source}", path.display())]
    Spawn {
        /// The program that was started.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// The working directory given in the options does not exist.
    #[error("the working directory {} does not exist", .0.display())]
    WorkingDirectory(PathBuf),

    /// The CLI exited while the SDK still expected something from it.
    #[error("the Claude Code CLI exited {exit}")]
    ProcessExited {
        /// How it ended.
        exit: ExitInfo,
    },

    /// The CLI's output ended without the result of the turn.
    #[error("the Claude Code CLI ended its output without a result (it exited {exit})")]
    NoResult {
        /// How it ended.
        exit: ExitInfo,
    },

    /// The connected CLI does not support a flag, field or control request.
    #[error(
        "the connected Claude Code CLI does not support {feature}{}",
        detail_suffix(detail)
    )]
    Unsupported {
        /// The option, flag or request that was refused.
        feature: String,
        /// What the CLI said, if anything.
        detail: String,
    },

    /// A line of CLI output was longer than the configured maximum.
    #[error(
        "a line from the Claude Code CLI is longer than the limit of {limit} bytes \
         (raise it with `max_buffer_size`); it starts with: {}",
        truncate(prefix, 200)
    )]
    LineTooLong {
        /// The limit in bytes.
        limit: usize,
        /// The first bytes of the line (lossy UTF-8).
        prefix: String,
    },

    /// A line of CLI output could not be decoded.
    ///
    /// The raw line is kept: no data is lost. When it comes from a message
    /// stream the stream goes on after it.
    #[error(
        "could not decode a line from the Claude Code CLI ({source}): {}",
        truncate(line, 300)
    )]
    Decode {
        /// The raw line, as received (lossy UTF-8).
        line: String,
        /// Why it could not be decoded.
        #[source]
        source: serde_json::Error,
    },

    /// The CLI answered a control request with an error.
    #[error("control request `{subtype}` failed: {message}")]
    Control {
        /// The subtype of the request that failed (`initialize`, `set_model`, ...).
        subtype: String,
        /// The CLI's error message.
        message: String,
        /// The CLI's machine-readable error code, when it sends one.
        code: Option<String>,
    },

    /// An operation did not complete in time.
    #[error("{operation} timed out after {after:?}")]
    Timeout {
        /// What timed out (e.g. ``control request `initialize` ``).
        operation: String,
        /// How long the SDK waited.
        after: Duration,
    },

    /// The CLI wrote nothing for the [idle
    /// timeout](crate::ClaudeAgentOptionsBuilder::idle_timeout) while a turn
    /// was running; the SDK stopped it.
    #[error(
        "the Claude Code CLI wrote nothing for {after:?} while a turn was running; it was stopped"
    )]
    Stalled {
        /// The idle timeout that ran out.
        after: Duration,
    },

    /// A parked spare did not become a session: the CLI refused the claim,
    /// the spare had exited, or an option could not be applied after it
    /// (see [`ClaimRejection`](crate::warm::ClaimRejection)).
    #[error("the spare was not claimed: {message}")]
    ClaimRejected {
        /// The reason token, typed.
        reason: crate::warm::ClaimRejection,
        /// The CLI's (or the SDK's) message.
        message: String,
    },

    /// The options are contradictory or invalid.
    #[error("invalid options: {0}")]
    InvalidOptions(String),

    /// The private file that passes `--mcp-config` or `--settings` to the
    /// CLI (so that their secrets stay off its command line) could not be
    /// created.
    #[error("could not create the private file for `{flag}` in {}: {source}", dir.display())]
    SecretFile {
        /// The CLI option the file is for.
        flag: String,
        /// The directory it was to be created in.
        dir: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// The session's input was already closed, or the client is not connected.
    #[error("not connected: {0}")]
    NotConnected(String),

    /// The model's structured output could not be produced or decoded.
    #[error("structured output: {message}")]
    StructuredOutput {
        /// What went wrong.
        message: String,
        /// The raw structured output, if the CLI produced one.
        raw: Option<serde_json::Value>,
    },

    /// An MCP server failed.
    #[error("MCP: {0}")]
    Mcp(String),

    /// No session with this id was found (in a configuration directory or
    /// a session store).
    #[error("session {session_id} was not found {location}")]
    SessionNotFound {
        /// The session id that was looked up.
        session_id: String,
        /// Where it was looked for (e.g. `under /home/me/.claude/projects`).
        location: String,
    },

    /// An argument of a session-history or session-store operation is
    /// invalid: a session id that is not a UUID, an empty title or tag, a
    /// message that is not part of the session, an unsafe store key.
    #[error("invalid session argument: {0}")]
    InvalidSessionArgument(String),

    /// A session file or directory could not be read or written.
    #[error("session file {}: {source}", path.display())]
    SessionFile {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// A path inside the CLI's `projects` folder (or a
    /// [`FileSessionStore`](crate::session::store::FileSessionStore)'s
    /// folder) is a symbolic link, or is not a regular file or folder where
    /// one is expected (a FIFO, a socket, a device). The SDK neither reads
    /// nor writes through such a path, so a link planted in the folder
    /// cannot make it write (or read) a file elsewhere, and a FIFO cannot
    /// make it wait forever.
    ///
    /// ```
    /// use claude_agent_sdk::Error;
    ///
    /// fn explain(error: &Error) -> Option<String> {
    ///     match error {
    ///         Error::UnsafeSessionPath { path, reason } => {
    ///             Some(format!("{} was left alone: {reason}", path.display()))
    ///         }
    ///         _ => None,
    ///     }
    /// }
    /// ```
    #[error("refusing session path {}: {reason}", path.display())]
    UnsafeSessionPath {
        /// The path (the link or special file itself).
        path: PathBuf,
        /// Why it was refused (`it is a symbolic link`, ...).
        reason: String,
    },

    /// A [`SessionStore`](crate::session::store::SessionStore) failed (the
    /// backend's own error is the source).
    #[error("session store: {0}")]
    SessionStore(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// User code run by the SDK (an orchestration task, a prompt closure)
    /// panicked; the panic was caught and the rest of the work went on.
    #[error("{task} panicked: {message}")]
    Panicked {
        /// What panicked (e.g. ``task `review` ``).
        task: String,
        /// The panic's message.
        message: String,
    },

    /// An I/O error while talking to the CLI.
    #[error("I/O error talking to the Claude Code CLI: {0}")]
    Io(#[from] std::io::Error),

    /// A value could not be serialized to JSON.
    #[error("could not serialize to JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// The CLI's stderr tail, for errors that carry one.
    #[must_use]
    pub fn stderr_tail(&self) -> Option<&str> {
        match self {
            Error::ProcessExited { exit } | Error::NoResult { exit } => Some(&exit.stderr_tail),
            _ => None,
        }
    }

    /// Whether this error ends a message stream (as opposed to a problem with
    /// one line, after which the stream goes on).
    #[must_use]
    pub fn is_fatal(&self) -> bool {
        !matches!(self, Error::Decode { .. } | Error::LineTooLong { .. })
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "nowhere".to_owned();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    }
}

pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_info_display_includes_stderr_tail() {
        let exit = ExitInfo {
            code: Some(1),
            signal: None,
            stderr_tail: "boom\n".into(),
        };
        assert_eq!(exit.to_string(), "with code 1; stderr:\nboom");
        let killed = ExitInfo {
            code: None,
            signal: Some(9),
            stderr_tail: String::new(),
        };
        assert_eq!(killed.to_string(), "on signal 9");
    }

    #[test]
    fn not_found_says_how_to_install() {
        let err = Error::CliNotFound {
            searched: vec![PathBuf::from("/nope/claude")],
        };
        let text = err.to_string();
        assert!(
            text.contains("npm install -g @anthropic-ai/claude-code"),
            "{text}"
        );
        assert!(text.contains("/nope/claude"), "{text}");
    }

    #[test]
    fn truncate_respects_char_boundaries() {
        let s = "é".repeat(10);
        let t = truncate(&s, 5);
        assert!(t.starts_with("éé"));
        assert!(t.ends_with("(20 bytes)"));
    }

    #[test]
    fn decode_errors_are_not_fatal() {
        let source = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        assert!(
            !Error::Decode {
                line: "{".into(),
                source
            }
            .is_fatal()
        );
        assert!(Error::NotConnected("x".into()).is_fatal());
    }
}
