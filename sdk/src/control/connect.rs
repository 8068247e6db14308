//! Starting a session: find the CLI, build its command, start it, and send
//! `initialize`.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::mpsc;

use super::engine::{Engine, EngineConfig, Event, PendingReply};
use super::initialize::{InitializeResponse, initialize_request};
use crate::cli::{self, CliVersion};
use crate::error::{Error, Result};
use crate::options::secret_files::{self, PrivateDir, SessionFiles};
use crate::options::{ClaudeAgentOptions, Launch, build_command};
use crate::transport::{SubprocessTransport, Transport};

/// A started CLI whose `initialize` answer may still be on its way.
pub(crate) struct Connection {
    pub(crate) engine: Engine,
    pub(crate) events: mpsc::UnboundedReceiver<Event>,
    pub(crate) initialize: PendingInitialize,
}

/// The `initialize` request on its way, and the private files the CLI reads
/// before it answers (`--mcp-config`): they are removed when the answer
/// arrives, or when this is dropped.
pub(crate) struct PendingInitialize {
    reply: PendingReply,
    startup_files: Option<PrivateDir>,
}

impl Connection {
    /// Waits for the `initialize` answer.
    pub(crate) async fn initialized(
        initialize: PendingInitialize,
        options: &ClaudeAgentOptions,
    ) -> Result<InitializeResponse> {
        let PendingInitialize {
            reply,
            startup_files,
        } = initialize;
        let answer = reply.wait(options.initialize_timeout).await;
        // The CLI has read its start-up files (or is gone).
        drop(startup_files);
        let raw = answer.map_err(startup_error)?;
        let response: InitializeResponse =
            serde_json::from_value(raw).map_err(|e| Error::Control {
                subtype: "initialize".into(),
                message: format!("unexpected answer: {e}"),
                code: None,
            })?;
        crate::hooks::check_initialize_response(&options.handlers, &response)?;
        Ok(response)
    }
}

/// Finds and checks the CLI, starts it, and sends `initialize` (without
/// waiting for the answer, so that the first prompt can follow at once).
pub(crate) async fn connect(options: &ClaudeAgentOptions) -> Result<Connection> {
    let (program, cli_version) = resolve_cli(options).await?;
    tracing::debug!(cli = %program.display(), version = ?cli_version.map(|v| v.to_string()), "found the CLI");
    // Private files that a crashed process of this user left behind.
    let _ = tokio::task::spawn_blocking(secret_files::sweep_stale_dirs).await;
    let Launch {
        command,
        files,
        redactor,
    } = build_command(options, &program)?;
    let initialize = initialize_request(options, options.handlers.hooks_config())?;
    let transport: Arc<dyn Transport> = options
        .transport
        .clone()
        .unwrap_or_else(|| Arc::new(SubprocessTransport::new()));
    tracing::debug!(?command, "starting the Claude Code CLI");
    let io = transport.start(&command).await?;
    let config = EngineConfig {
        max_line: options.max_buffer_size,
        control_timeout: options.control_timeout,
        shutdown_grace: options.shutdown_grace,
        stderr: options.stderr.clone(),
        idle_timeout: options.idle_timeout,
        redactor,
        session_files: SessionFiles::new(files.session),
    };
    let (engine, events) = Engine::start(io, options.handlers.clone(), config);
    let initialize = PendingInitialize {
        reply: engine.send_request(initialize).await?,
        startup_files: files.startup,
    };
    Ok(Connection {
        engine,
        events,
        initialize,
    })
}

async fn resolve_cli(options: &ClaudeAgentOptions) -> Result<(PathBuf, Option<CliVersion>)> {
    if options.transport.is_some() {
        // A custom transport runs the CLI elsewhere: it knows where.
        let program = options
            .cli_path
            .clone()
            .unwrap_or_else(|| PathBuf::from("claude"));
        return Ok((program, None));
    }
    let path = cli::find(options.cli_path.as_deref(), options.cwd.as_deref())?;
    let version = cli::check_supported(&path).await?;
    Ok((path, Some(version)))
}

/// Turns "the CLI exited during start-up" into something precise when the
/// CLI said why: an option it does not know.
pub(crate) fn startup_error(err: Error) -> Error {
    if let Error::ProcessExited { exit } = &err
        && let Some(flag) = unknown_option(&exit.stderr_tail)
    {
        return Error::Unsupported {
            feature: format!("the option `{flag}`"),
            detail: exit.stderr_tail.trim().to_owned(),
        };
    }
    err
}

fn unknown_option(stderr: &str) -> Option<String> {
    let start = stderr.find("unknown option '")? + "unknown option '".len();
    let rest = &stderr[start..];
    let end = rest.find('\'')?;
    let flag = &rest[..end];
    Some(flag.split('=').next().unwrap_or(flag).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitInfo;

    #[test]
    fn unknown_option_becomes_unsupported() {
        let err = startup_error(Error::ProcessExited {
            exit: ExitInfo {
                code: Some(1),
                signal: None,
                stderr_tail: "error: unknown option '--resume-drops-turn=abc'".into(),
            },
        });
        match err {
            Error::Unsupported { feature, .. } => {
                assert_eq!(feature, "the option `--resume-drops-turn`");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
