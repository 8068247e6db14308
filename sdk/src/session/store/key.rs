//! What names a stored transcript.

use std::fmt;
use std::path::Path;
use std::time::SystemTime;

use crate::error::{Error, Result};
use crate::session::history::project_key_for_directory;

/// Names a stored transcript: a session of a project, or one of the
/// session's subagent transcripts.
///
/// The parts mirror the CLI's files, `projects/<project>/<session_id>.jsonl`
/// and `projects/<project>/<session_id>/<subpath>.jsonl`, and are checked to
/// be safe as path components: not empty, no `/` or `\` (the subpath may
/// have `/` between its parts), no `.` or `..`, no NUL.
///
/// ```
/// use claude_agent_sdk::session::store::SessionKey;
///
/// let key = SessionKey::new("-srv-app", "fc87354c-c027-4a1c-bebc-11c086e58c40");
/// let agent = key.clone().with_subpath("subagents/agent-a4e218efd4140de46");
/// assert_eq!(agent.session(), key);
/// assert_eq!(agent.to_string(), "-srv-app/fc87354c-c027-4a1c-bebc-11c086e58c40/subagents/agent-a4e218efd4140de46");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct SessionKey {
    /// The project: the CLI's folder name for the working directory (see
    /// [`project_key_for_directory`]).
    pub project: String,
    /// The session id.
    pub session_id: String,
    /// For a subagent transcript, its path inside the session's folder
    /// without `.jsonl` (e.g. `subagents/agent-a4e218efd4140de46`).
    pub subpath: Option<String>,
}

impl SessionKey {
    /// The key of session `session_id` of `project`.
    pub fn new(project: impl Into<String>, session_id: impl Into<String>) -> Self {
        Self {
            project: project.into(),
            session_id: session_id.into(),
            subpath: None,
        }
    }

    /// The key of session `session_id` run in the working directory
    /// `directory`.
    pub fn for_directory(directory: impl AsRef<Path>, session_id: impl Into<String>) -> Self {
        Self::new(project_key_for_directory(directory), session_id)
    }

    /// The key of one of this session's subagent transcripts.
    #[must_use]
    pub fn with_subpath(mut self, subpath: impl Into<String>) -> Self {
        self.subpath = Some(subpath.into());
        self
    }

    /// The key of the session itself (without a subpath).
    #[must_use]
    pub fn session(&self) -> Self {
        Self::new(self.project.clone(), self.session_id.clone())
    }

    /// Checks that every part is safe as a path component.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSessionArgument`] naming the part that is not.
    pub fn validate(&self) -> Result<()> {
        check_component("project", &self.project)?;
        check_component("session id", &self.session_id)?;
        if let Some(subpath) = &self.subpath {
            if subpath.is_empty() {
                return Err(invalid("subpath", subpath));
            }
            for part in subpath.split('/') {
                check_component("subpath", part).map_err(|_| invalid("subpath", subpath))?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.project, self.session_id)?;
        if let Some(subpath) = &self.subpath {
            write!(f, "/{subpath}")?;
        }
        Ok(())
    }
}

fn check_component(what: &str, part: &str) -> Result<()> {
    let unsafe_part =
        part.is_empty() || part == "." || part == ".." || part.contains(['/', '\\', '\0']);
    if unsafe_part {
        Err(invalid(what, part))
    } else {
        Ok(())
    }
}

fn invalid(what: &str, part: &str) -> Error {
    Error::InvalidSessionArgument(format!(
        "`{part}` is not a valid {what} for a session store key"
    ))
}

/// A session a store holds, as [`SessionStore::list`](super::SessionStore::list)
/// reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredSession {
    /// The session id.
    pub session_id: String,
    /// When entries were last appended.
    pub modified: SystemTime,
}

impl StoredSession {
    /// A listed session.
    #[must_use]
    pub fn new(session_id: impl Into<String>, modified: SystemTime) -> Self {
        Self {
            session_id: session_id.into(),
            modified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unsafe_parts() {
        assert!(SessionKey::new("p", "s").validate().is_ok());
        assert!(
            SessionKey::new("p", "s")
                .with_subpath("a/b")
                .validate()
                .is_ok()
        );
        for key in [
            SessionKey::new("", "s"),
            SessionKey::new("..", "s"),
            SessionKey::new("p", "a/b"),
            SessionKey::new("p", "a\\b"),
            SessionKey::new("p", "s").with_subpath(""),
            SessionKey::new("p", "s").with_subpath("a/../../b"),
            SessionKey::new("p", "s").with_subpath("/abs"),
            SessionKey::new("p", "s\0"),
        ] {
            assert!(key.validate().is_err(), "{key:?}");
        }
    }
}
