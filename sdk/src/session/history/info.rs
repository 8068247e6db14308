//! What a session listing says about each session, and the listing query.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the session files say about one session: the row of a session
/// picker.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionInfo {
    /// The session id (the file name without `.jsonl`).
    pub session_id: String,
    /// The line to show for the session: its title, else the last prompt,
    /// else a `summary` entry, else the first prompt.
    pub summary: String,
    /// The first prompt the user typed (slash commands, tool results and
    /// generated messages skipped; cut to 200 characters).
    pub first_prompt: Option<String>,
    /// The most recent prompt, as the CLI records it (`last-prompt`).
    pub last_prompt: Option<String>,
    /// The title the user gave the session (`/rename`, `--name`,
    /// [`rename_session`](super::SessionHistory::rename_session)).
    pub custom_title: Option<String>,
    /// A title the CLI generated for the session, if any.
    pub ai_title: Option<String>,
    /// The session's tag ([`tag_session`](super::SessionHistory::tag_session)).
    pub tag: Option<String>,
    /// The git branch the session was last on, as the CLI recorded it
    /// (`HEAD` outside a git repository or on a detached head).
    pub git_branch: Option<String>,
    /// The working directory of the session.
    pub cwd: Option<PathBuf>,
    /// When the session file was last written.
    pub last_modified: SystemTime,
    /// When the session started (its first timestamp).
    pub created_at: Option<SystemTime>,
    /// The size of the session file in bytes.
    pub file_size: u64,
    /// The session file.
    pub path: PathBuf,
}

impl SessionInfo {
    /// The title the CLI shows (and `--resume <title>` matches): the custom
    /// title, else the generated one.
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.custom_title.as_deref().or(self.ai_title.as_deref())
    }
}

/// Which sessions [`list_sessions`](super::SessionHistory::list_sessions)
/// returns: those of one project directory or of all, newest first, one
/// page at a time.
///
/// ```
/// use claude_agent_sdk::session::history::{ListSessions, SessionHistory};
///
/// # fn demo() -> claude_agent_sdk::Result<()> {
/// let second_page = ListSessions::new().dir("/srv/app").limit(20).offset(20);
/// let sessions = SessionHistory::from_env()?.list_sessions(&second_page)?;
/// assert!(sessions.len() <= 20);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct ListSessions {
    dir: Option<PathBuf>,
    include_worktrees: bool,
    limit: Option<usize>,
    offset: usize,
}

impl Default for ListSessions {
    fn default() -> Self {
        Self {
            dir: None,
            include_worktrees: true,
            limit: None,
            offset: 0,
        }
    }
}

impl ListSessions {
    /// Every session of every project, newest first.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only the sessions whose working directory was `dir` (the project
    /// directory, not the configuration directory) or, when `dir` is in a
    /// git repository, one of the repository's working trees (see
    /// [`include_worktrees`](Self::include_worktrees)).
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Whether [`dir`](Self::dir) also covers the other working trees of
    /// its git repository (`git worktree list`); on by default, as in the
    /// CLI's own session picker.
    pub fn include_worktrees(mut self, include: bool) -> Self {
        self.include_worktrees = include;
        self
    }

    /// At most `limit` sessions.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Skips the `offset` newest sessions.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// The project directory filter.
    pub(crate) fn dir_value(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Whether the other working trees of the directory's git repository
    /// are included.
    pub(crate) fn worktrees_included(&self) -> bool {
        self.include_worktrees
    }

    /// Sorts newest first and cuts out the page.
    pub(crate) fn page(&self, mut sessions: Vec<SessionInfo>) -> Vec<SessionInfo> {
        sessions.sort_by(|a, b| {
            b.last_modified
                .cmp(&a.last_modified)
                .then_with(|| a.session_id.cmp(&b.session_id))
        });
        sessions
            .into_iter()
            .skip(self.offset)
            .take(self.limit.unwrap_or(usize::MAX))
            .collect()
    }
}
