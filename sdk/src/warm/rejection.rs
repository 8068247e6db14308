//! Why a spare refused a claim: the CLI's reason tokens as a typed enum.

use std::fmt;

/// Why a claim did not turn a parked spare into a session.
///
/// The CLI answers a refused `claim_session` with a message that starts with
/// a reason token (`cwd_not_found: the claim cwd does not exist ...`); the
/// SDK adds its own for what happens around the request (the spare exited,
/// an option could not be applied after the claim). The enum is
/// `#[non_exhaustive]` and keeps tokens it does not know in
/// [`Other`](Self::Other).
///
/// [`stays_parked`](Self::stays_parked) says whether the spare can still be
/// claimed; [`start_cold`](Self::start_cold) whether the same request would
/// work on a freshly started CLI.
///
/// ```
/// use claude_agent_sdk::warm::ClaimRejection;
///
/// let reason = ClaimRejection::from_message("cwd_not_found: the claim cwd does not exist");
/// assert_eq!(reason, ClaimRejection::CwdNotFound);
/// assert!(reason.stays_parked());
/// assert_eq!(reason.as_str(), "cwd_not_found");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClaimRejection {
    /// The process was not started with `--await-claim`, or was already
    /// claimed (`not_a_spare`).
    NotASpare,
    /// An environment variable in the claim is read during start-up and
    /// cannot be set later (`env_key_not_claimable`).
    EnvKeyNotClaimable,
    /// The claim's working directory does not exist (`cwd_not_found`).
    CwdNotFound,
    /// The claim's working directory is not a directory (`cwd_not_a_directory`).
    CwdNotADirectory,
    /// The claimed folder's settings need a cold start
    /// (`project_settings_not_claimable`).
    ProjectSettingsNotClaimable,
    /// The permission mode cannot be used (`permission_mode_not_claimable`).
    PermissionModeNotClaimable,
    /// The CLI failed while relocating the spare (`claim_failed`).
    ClaimFailed,
    /// The spare exited before it was claimed (`spare_exited`).
    SpareExited,
    /// The spare was closed before it was claimed (`spare_closed`).
    SpareClosed,
    /// The claim's settings overlay was refused (`settings_not_applied`);
    /// the spare was closed and no prompt was sent.
    SettingsNotApplied,
    /// The claim succeeded but its model or thinking budget was refused
    /// (`option_not_applied`); the spare was closed and no prompt was sent.
    OptionNotApplied,
    /// A turn is in progress (`busy`).
    Busy,
    /// The spare already ran a turn (`turn_started`).
    TurnStarted,
    /// The claim request was malformed (`invalid_request`).
    InvalidRequest,
    /// The claim's working directory or an added directory is a network
    /// path or an obfuscated spelling (`unsafe_path`).
    UnsafePath,
    /// A settings or agent file changed since the spare started
    /// (`start_file_changed`).
    StartFileChanged,
    /// A reason token this SDK does not know, as the CLI sent it.
    Other(String),
}

impl ClaimRejection {
    /// The reason token at the start of a CLI error message (the text
    /// before the first `:`); a message without one is [`Other`](Self::Other)
    /// with the whole message's first word.
    #[must_use]
    pub fn from_message(message: &str) -> Self {
        let token = message.split([':', ' ']).next().unwrap_or_default().trim();
        Self::from_token(token)
    }

    /// The reason for a token (`cwd_not_found`).
    #[must_use]
    pub fn from_token(token: &str) -> Self {
        match token {
            "not_a_spare" => Self::NotASpare,
            "env_key_not_claimable" => Self::EnvKeyNotClaimable,
            "cwd_not_found" => Self::CwdNotFound,
            "cwd_not_a_directory" => Self::CwdNotADirectory,
            "project_settings_not_claimable" => Self::ProjectSettingsNotClaimable,
            "permission_mode_not_claimable" => Self::PermissionModeNotClaimable,
            "claim_failed" => Self::ClaimFailed,
            "spare_exited" => Self::SpareExited,
            "spare_closed" => Self::SpareClosed,
            "settings_not_applied" => Self::SettingsNotApplied,
            "option_not_applied" => Self::OptionNotApplied,
            "busy" => Self::Busy,
            "turn_started" => Self::TurnStarted,
            "invalid_request" => Self::InvalidRequest,
            "unsafe_path" => Self::UnsafePath,
            "start_file_changed" => Self::StartFileChanged,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The reason token.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::NotASpare => "not_a_spare",
            Self::EnvKeyNotClaimable => "env_key_not_claimable",
            Self::CwdNotFound => "cwd_not_found",
            Self::CwdNotADirectory => "cwd_not_a_directory",
            Self::ProjectSettingsNotClaimable => "project_settings_not_claimable",
            Self::PermissionModeNotClaimable => "permission_mode_not_claimable",
            Self::ClaimFailed => "claim_failed",
            Self::SpareExited => "spare_exited",
            Self::SpareClosed => "spare_closed",
            Self::SettingsNotApplied => "settings_not_applied",
            Self::OptionNotApplied => "option_not_applied",
            Self::Busy => "busy",
            Self::TurnStarted => "turn_started",
            Self::InvalidRequest => "invalid_request",
            Self::UnsafePath => "unsafe_path",
            Self::StartFileChanged => "start_file_changed",
            Self::Other(token) => token,
        }
    }

    /// Whether the claim request itself was at fault (a folder that does
    /// not exist, a variable that cannot be set, a mode the CLI refuses):
    /// the same request fails on any spare, and would fail or be refused
    /// on a cold start too.
    #[must_use]
    pub fn is_request_error(&self) -> bool {
        matches!(
            self,
            Self::EnvKeyNotClaimable
                | Self::CwdNotFound
                | Self::CwdNotADirectory
                | Self::PermissionModeNotClaimable
                | Self::InvalidRequest
                | Self::UnsafePath
        )
    }

    /// Whether the CLI refused before claiming, so the spare is still
    /// parked and can be claimed with another request.
    #[must_use]
    pub fn stays_parked(&self) -> bool {
        self.is_request_error()
            || matches!(
                self,
                Self::ProjectSettingsNotClaimable | Self::StartFileChanged
            )
    }

    /// Whether the request should be run on a cold start instead: the
    /// spare cannot serve it, but a freshly started CLI can.
    #[must_use]
    pub fn start_cold(&self) -> bool {
        !self.is_request_error()
    }
}

impl fmt::Display for ClaimRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_token_round_trips() {
        for token in [
            "not_a_spare",
            "env_key_not_claimable",
            "cwd_not_found",
            "cwd_not_a_directory",
            "project_settings_not_claimable",
            "permission_mode_not_claimable",
            "claim_failed",
            "spare_exited",
            "spare_closed",
            "settings_not_applied",
            "option_not_applied",
            "busy",
            "turn_started",
            "invalid_request",
            "unsafe_path",
            "start_file_changed",
        ] {
            let reason = ClaimRejection::from_token(token);
            assert!(!matches!(reason, ClaimRejection::Other(_)), "{token}");
            assert_eq!(reason.as_str(), token);
        }
    }

    #[test]
    fn unknown_tokens_are_kept() {
        let reason = ClaimRejection::from_message("windows_sandbox: not here");
        assert_eq!(reason, ClaimRejection::Other("windows_sandbox".into()));
        assert_eq!(reason.to_string(), "windows_sandbox");
        assert!(reason.start_cold());
    }
}
