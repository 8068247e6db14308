//! [`prewarm`]: a parked spare CLI (`--await-claim`) not yet tied to a
//! folder, and [`SpareProcess::claim`], which turns it into a session.

use std::fmt;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use super::claim::{ClaimInfo, ClaimOptions};
use super::rejection::ClaimRejection;
use super::startup::{EXIT_AFTER_CLOSE, WarmQuery, startup};
use crate::control::{Event, InitializeResponse, control_body};
use crate::error::{Error, ExitInfo, Result};
use crate::options::ClaudeAgentOptions;

/// The CLI flag that parks a started CLI until a `claim_session` request.
const AWAIT_CLAIM: &str = "await-claim";

/// Starts a spare CLI that waits, initialized, to be claimed for a folder.
///
/// The spare is started with `options` (tools, MCP servers, in-process
/// servers, hooks, permission callback, system prompt: everything fixed at
/// start-up) plus `--await-claim`. Without a working directory in the
/// options it is parked in a private temporary folder, removed when the
/// spare is claimed or closed. [`SpareProcess::claim`] then gives it a
/// folder and the options a running CLI can still take ([`ClaimOptions`]).
///
/// Options that name a session (`resume`, `continue_conversation`,
/// `fork_session`, `session_id`) are refused: a spare has none yet. A CLI
/// without `--await-claim` (2.1.197) fails with
/// [`Error::Unsupported`]. See [`WarmPool`](super::WarmPool) for spares
/// kept ready automatically.
///
/// ```no_run
/// use futures::StreamExt;
/// use claude_agent_sdk::ClaudeAgentOptions;
/// use claude_agent_sdk::warm::{prewarm, ClaimOptions};
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let spare = prewarm(ClaudeAgentOptions::default()).await?;
/// // Later, when a request for a repository comes in:
/// let warm = spare.claim(ClaimOptions::new("/srv/repo").model("claude-sonnet-4-5")).await?;
/// let mut stream = warm.query("Summarize the README.").await?;
/// while let Some(message) = stream.next().await {
///     println!("{:?}", message?);
/// }
/// # Ok(()) }
/// ```
pub async fn prewarm(options: ClaudeAgentOptions) -> Result<SpareProcess> {
    if options.resume.is_some()
        || options.continue_conversation
        || options.fork_session
        || options.session_id.is_some()
    {
        return Err(Error::InvalidOptions(
            "prewarm: resume, continue_conversation, fork_session and session_id describe a \
             session, and a spare has none yet; pass them to a cold query instead"
                .into(),
        ));
    }
    let park_dir = match options.cwd {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new()
                .prefix("claude-spare-")
                .tempdir()
                .map_err(|e| {
                    Error::Io(std::io::Error::new(
                        e.kind(),
                        format!(
                            "cannot create the spare's parking folder in {}: {e}",
                            std::env::temp_dir().display()
                        ),
                    ))
                })?,
        ),
    };
    let mut spawn = options.clone();
    spawn.extra_args.push((AWAIT_CLAIM.into(), None));
    if let Some(dir) = &park_dir {
        spawn.cwd = Some(dir.path().to_path_buf());
    }
    let warm = startup(spawn).await.map_err(|err| match err {
        // 2.1.197 exits at once with "unknown option '--await-claim'";
        // `startup` reports that as unsupported.
        Error::Unsupported { feature, detail } if feature.contains(AWAIT_CLAIM) => {
            Error::Unsupported {
                feature: "parked spares (`--await-claim`)".into(),
                detail,
            }
        }
        other => other,
    })?;
    let sdk_servers = options.handlers.sdk_server_names().cloned().collect();
    Ok(SpareProcess {
        warm,
        options,
        sdk_servers,
        park_dir,
        parked_at: Instant::now(),
    })
}

/// A parked spare CLI, made by [`prewarm`]. Claim it once with
/// [`claim`](Self::claim); dropping or [closing](Self::close) it stops it.
pub struct SpareProcess {
    warm: WarmQuery,
    /// The spare's options without `--await-claim` and its parking folder.
    options: ClaudeAgentOptions,
    sdk_servers: Vec<String>,
    park_dir: Option<tempfile::TempDir>,
    parked_at: Instant,
}

impl SpareProcess {
    /// Claims the spare for a folder: the CLI moves to `claim.cwd()`,
    /// takes the claim's options, and is returned as a [`WarmQuery`] ready
    /// for its first prompt.
    ///
    /// Fails with [`Error::ClaimRejected`] when the CLI refuses (each of
    /// its reason tokens is a [`ClaimRejection`]). When it refused before
    /// claiming ([`ClaimRejection::stays_parked`]) the spare comes back
    /// in the error ([`ClaimError::into_spare`]) and can be claimed again;
    /// otherwise it was stopped. The model, thinking budget and settings
    /// overlay are applied right after the claim: if the CLI refuses one,
    /// the spare is stopped and the claim fails with
    /// [`ClaimRejection::OptionNotApplied`] or
    /// [`ClaimRejection::SettingsNotApplied`], never silently without it.
    pub async fn claim(self, claim: ClaimOptions) -> std::result::Result<WarmQuery, ClaimError> {
        if let Err(error) = claim.validate() {
            return Err(ClaimError::kept(error, self));
        }
        // The session's options, for what follows (a client reconnecting
        // starts cold with them).
        let mut options = self.options.clone();
        if let Err(error) = claim.apply_to(&mut options) {
            // The spare takes the overlay as a request; only a later cold
            // restart could not.
            tracing::warn!(%error, "a cold restart of this session would start without the claim's settings overlay");
        }
        if let Some(exit) = self.warm.engine.exit_info() {
            return Err(ClaimError::lost(exited(&exit)));
        }
        let body = match claim.request(self.sdk_servers.clone()) {
            Ok(body) => body,
            Err(error) => return Err(ClaimError::kept(error, self)),
        };
        let answer = match self.warm.engine.request(body).await {
            Ok(answer) => answer,
            Err(Error::Control { message, .. }) => {
                let reason = ClaimRejection::from_message(&message);
                let error = Error::ClaimRejected {
                    reason: reason.clone(),
                    message,
                };
                return Err(if reason.stays_parked() && self.is_alive() {
                    ClaimError::kept(error, self)
                } else {
                    ClaimError::lost(error)
                });
            }
            Err(Error::ProcessExited { exit }) => return Err(ClaimError::lost(exited(&exit))),
            Err(error) => return Err(ClaimError::lost(error)),
        };
        let Self {
            mut warm, park_dir, ..
        } = self;
        // The CLI has moved to the claimed folder: the parking one goes.
        drop(park_dir);
        let mut answer = match answer {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        if let Some(info) = answer
            .remove("initialize")
            .and_then(|raw| serde_json::from_value::<InitializeResponse>(raw).ok())
        {
            warm.info = std::sync::Arc::new(info);
        }
        let info = ClaimInfo::from_answer(answer);
        tracing::debug!(session_id = %info.session_id, parked_ms = ?info.parked_ms, "spare claimed");
        if let Err(error) = drop_parked_frames(&mut warm) {
            return Err(ClaimError::lost(error));
        }
        if let Err(error) = apply_after_claim(&warm, &claim).await {
            warm.engine.close_and_wait(EXIT_AFTER_CLOSE).await;
            return Err(ClaimError::lost(error));
        }
        warm.options = options;
        warm.claim = Some(info);
        Ok(warm)
    }

    /// How long the CLI took from spawn to its `initialize` answer.
    #[must_use]
    pub fn ready_in(&self) -> Duration {
        self.warm.ready_in
    }

    /// How long the spare has been parked.
    #[must_use]
    pub fn parked_for(&self) -> Duration {
        self.parked_at.elapsed()
    }

    /// The CLI's process id, if the transport knows it.
    #[must_use]
    pub fn pid(&self) -> Option<u32> {
        self.warm.pid()
    }

    /// Whether the spare's CLI is still running.
    #[must_use]
    pub fn is_alive(&self) -> bool {
        self.warm.is_alive()
    }

    /// Waits until the spare's CLI exits (killed, out of memory, closed).
    pub async fn exited(&self) -> Option<ExitInfo> {
        let mut run = self.warm.engine.run_state();
        let _ = run.wait_for(|s| s.closed).await;
        self.warm.engine.exit_info()
    }

    pub(crate) fn run_state(&self) -> tokio::sync::watch::Receiver<crate::control::RunState> {
        self.warm.engine.run_state()
    }

    /// Stops the spare and waits for its CLI to exit.
    pub async fn close(self) -> Option<ExitInfo> {
        self.warm.close().await
    }
}

impl fmt::Debug for SpareProcess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpareProcess")
            .field("pid", &self.pid())
            .field("parked_for", &self.parked_for())
            .finish_non_exhaustive()
    }
}

fn exited(exit: &ExitInfo) -> Error {
    Error::ClaimRejected {
        reason: ClaimRejection::SpareExited,
        message: format!("spare_exited: the spare exited {exit} before it was claimed"),
    }
}

/// Drops what the spare wrote while it was parked (`system/ui_*` frames for
/// a host's interface): the session starts at the claim, and its stream with
/// the turn's `system/init`. A spare that exited is reported.
fn drop_parked_frames(warm: &mut WarmQuery) -> Result<()> {
    while let Ok(event) = warm.events.try_recv() {
        match event {
            Event::Message(message) => {
                tracing::trace!(?message, "dropped a frame the spare wrote while parked");
            }
            Event::LineError(error) => {
                tracing::warn!(%error, "the spare wrote a line that could not be read while parked");
            }
            Event::Closed(exit) => return Err(exited(&exit)),
        }
    }
    Ok(())
}

/// Applies the claim's options that travel as their own requests.
async fn apply_after_claim(warm: &WarmQuery, claim: &ClaimOptions) -> Result<()> {
    let engine = &warm.engine;
    let mut refused = Vec::new();
    if let Some(model) = &claim.model
        && let Err(error) = engine
            .request(control_body("set_model", json!({"model": model})))
            .await
    {
        refused.push(format!("model: {error}"));
    }
    if let Some(tokens) = claim.max_thinking_tokens
        && let Err(error) = engine
            .request(control_body(
                "set_max_thinking_tokens",
                json!({"max_thinking_tokens": tokens}),
            ))
            .await
    {
        refused.push(format!("max_thinking_tokens: {error}"));
    }
    if let Some(settings) = &claim.settings
        && let Err(error) = engine
            .request(control_body(
                "apply_flag_settings",
                json!({"settings": settings}),
            ))
            .await
    {
        return Err(Error::ClaimRejected {
            reason: ClaimRejection::SettingsNotApplied,
            message: format!(
                "settings_not_applied: {error}; the spare was stopped before any prompt"
            ),
        });
    }
    if refused.is_empty() {
        return Ok(());
    }
    Err(Error::ClaimRejected {
        reason: ClaimRejection::OptionNotApplied,
        message: format!(
            "option_not_applied: {}; the spare was stopped before any prompt",
            refused.join("; ")
        ),
    })
}

/// A claim that failed: the error, and the spare when it is still parked.
///
/// Converts into [`Error`] with `?`.
pub struct ClaimError {
    error: Error,
    spare: Option<SpareProcess>,
}

impl ClaimError {
    fn kept(error: Error, spare: SpareProcess) -> Self {
        Self {
            error,
            spare: Some(spare),
        }
    }

    fn lost(error: Error) -> Self {
        Self { error, spare: None }
    }

    /// What went wrong.
    #[must_use]
    pub fn error(&self) -> &Error {
        &self.error
    }

    /// The CLI's reason, when it refused the claim.
    #[must_use]
    pub fn reason(&self) -> Option<&ClaimRejection> {
        match &self.error {
            Error::ClaimRejected { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The spare, still parked and claimable, when the claim was refused
    /// before the CLI claimed it.
    #[must_use]
    pub fn into_spare(self) -> Option<SpareProcess> {
        self.spare
    }

    /// The error, and the spare if it is still parked.
    #[must_use]
    pub fn into_parts(self) -> (Error, Option<SpareProcess>) {
        (self.error, self.spare)
    }
}

impl fmt::Debug for ClaimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClaimError")
            .field("error", &self.error)
            .field("spare_kept", &self.spare.is_some())
            .finish()
    }
}

impl fmt::Display for ClaimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl std::error::Error for ClaimError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl From<ClaimError> for Error {
    fn from(error: ClaimError) -> Self {
        error.error
    }
}
