//! Session history: the conversations the CLI saved, read and changed
//! through their files, without starting the CLI.
//!
//! The CLI writes every session as JSON Lines under its configuration
//! directory (`$CLAUDE_CONFIG_DIR`, else `~/.claude`):
//! `projects/<sanitized cwd>/<session id>.jsonl`, where the working
//! directory has every character other than an ASCII letter or digit
//! replaced by `-` (see [`project_key_for_directory`]). Subagent
//! transcripts and sidecar files sit in the folder `<session id>/` next to
//! it.
//!
//! [`SessionHistory`] works on one configuration directory; the free
//! functions ([`list_sessions`], [`get_session_messages`], ...) on the
//! default one. Everything here is plain, synchronous file I/O that
//! tolerates what real files contain: corrupt or half-written lines are
//! skipped (and reported: a `tracing` warning, and
//! [`SessionTranscript::skipped_lines`]) without losing the messages on
//! either side, a missing directory is an empty history, and the CLI may be
//! writing the same file at the same time.
//!
//! Nothing here follows a symbolic link below the `projects` folder or
//! opens anything but a regular file there: a link or a FIFO named like a
//! session file (or planted as a project or session folder) is left out of
//! listings, and reading or changing that session fails with
//! [`Error::UnsafeSessionPath`]. The configuration directory and its
//! `projects` folder themselves may be links.
//!
//! ```
//! use claude_agent_sdk::session::history::{ForkSession, ListSessions, SessionHistory};
//!
//! # fn demo() -> claude_agent_sdk::Result<()> {
//! # let config_dir = tempfile::tempdir()?;
//! let history = SessionHistory::new(config_dir.path());
//! for info in history.list_sessions(&ListSessions::new().dir("/srv/app").limit(10))? {
//!     println!("{} {}", info.session_id, info.summary);
//!     let messages = history.get_session_messages(&info.session_id, None, 0)?;
//!     if let Some(first) = messages.first() {
//!         let fork = history.fork_session(
//!             &info.session_id,
//!             &ForkSession::new().up_to_message(&first.uuid),
//!         )?;
//!         history.rename_session(&fork, "Second attempt")?;
//!     }
//! }
//! # Ok(()) }
//! # demo().unwrap();
//! ```

mod conversation;
mod edit;
mod fork;
mod info;
mod jsonl;
mod message;
mod metadata;
mod paths;
mod safe_files;
mod subagents;
mod timestamp;
mod transcript;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub use self::conversation::SessionTranscript;
pub use self::fork::ForkSession;
pub use self::info::{ListSessions, SessionInfo};
pub use self::message::{SessionMessage, SessionMessageKind};
pub use self::paths::{default_config_dir, project_key_for_directory};
pub use self::subagents::SubagentInfo;

pub(crate) use self::jsonl::{Entry, append_lines, parse_line, parse_lines, to_lines};
pub(crate) use self::paths::{
    check_session_id, file_error, is_uuid, session_dir, transcripts_below,
};
pub(crate) use self::safe_files::{
    check_below, create_dirs, open_append, read_regular, write_private,
};

/// The sessions of one CLI configuration directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionHistory {
    config_dir: PathBuf,
}

impl SessionHistory {
    /// The sessions under `config_dir` (what the CLI calls
    /// `CLAUDE_CONFIG_DIR`; `~/.claude` by default). The directory need not
    /// exist.
    pub fn new(config_dir: impl Into<PathBuf>) -> Self {
        Self {
            config_dir: config_dir.into(),
        }
    }

    /// The sessions of the CLI's default configuration directory:
    /// `$CLAUDE_CONFIG_DIR`, else `~/.claude`.
    ///
    /// # Errors
    ///
    /// When neither the variable nor a home directory is known.
    pub fn from_env() -> Result<Self> {
        default_config_dir().map(Self::new).ok_or_else(|| {
            Error::InvalidSessionArgument(
                "no configuration directory: neither CLAUDE_CONFIG_DIR nor a home directory is set"
                    .into(),
            )
        })
    }

    /// The configuration directory.
    #[must_use]
    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    /// The folder of per-project session folders, `<config dir>/projects`.
    #[must_use]
    pub fn projects_dir(&self) -> PathBuf {
        self.config_dir.join("projects")
    }

    /// The sessions, newest first: of the project directory
    /// [`ListSessions::dir`] (and its git repository's other working trees)
    /// when given, else of every project; then the page of
    /// [`ListSessions::offset`] and [`ListSessions::limit`].
    ///
    /// Subagent transcripts and files without any prompt or title are left
    /// out; a missing directory gives an empty list.
    ///
    /// # Errors
    ///
    /// None for missing or unreadable files (they are skipped); the
    /// `Result` leaves room for stores that can fail.
    pub fn list_sessions(&self, query: &ListSessions) -> Result<Vec<SessionInfo>> {
        let projects = self.projects_dir();
        let dirs: Vec<PathBuf> = match query.dir_value() {
            Some(dir) => {
                let mut checkouts = vec![dir.to_path_buf()];
                if query.worktrees_included() {
                    checkouts.extend(paths::git_worktrees(dir));
                }
                let mut dirs: Vec<PathBuf> = checkouts
                    .iter()
                    .filter_map(|checkout| paths::find_project_dir(&projects, checkout))
                    .collect();
                dirs.sort();
                dirs.dedup();
                dirs
            }
            None => paths::project_dirs(&projects),
        };
        let mut newest: std::collections::HashMap<String, SessionInfo> = Default::default();
        for dir in dirs {
            for (id, path) in paths::session_files(&dir) {
                let Ok(Some(info)) = metadata::read_info(&id, &path) else {
                    continue;
                };
                match newest.get(&id) {
                    Some(seen) if seen.last_modified >= info.last_modified => {}
                    _ => {
                        newest.insert(id, info);
                    }
                }
            }
        }
        Ok(query.page(newest.into_values().collect()))
    }

    /// What the files say about one session; `None` when there is no such
    /// session (or nothing to show for it).
    ///
    /// # Errors
    ///
    /// When `session_id` is not a UUID.
    pub fn get_session_info(&self, session_id: &str) -> Result<Option<SessionInfo>> {
        check_session_id(session_id)?;
        let Some(path) = paths::find_session_file(&self.projects_dir(), session_id, None) else {
            return Ok(None);
        };
        match metadata::read_info(session_id, &path) {
            Ok(info) => Ok(info),
            // Deleted since it was found.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(file_error(&path)(e)),
        }
    }

    /// The conversation of a session: its user and assistant messages from
    /// the first to the newest, following the current branch (the CLI
    /// keeps abandoned branches in the file after a resume from an earlier
    /// point or a rewind). Subagent and meta messages are left out.
    /// `offset` messages are skipped and at most `limit` returned.
    ///
    /// Corrupt lines are skipped with a `tracing` warning, keeping the
    /// messages on both sides; [`get_session_transcript`](Self::get_session_transcript)
    /// also says which lines they were. Reading is linear in the size of
    /// the file, however its entries are linked.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`] when there is no such session,
    /// [`Error::InvalidSessionArgument`] when `session_id` is not a UUID,
    /// [`Error::UnsafeSessionPath`] when its file is a link or a FIFO.
    pub fn get_session_messages(
        &self,
        session_id: &str,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Vec<SessionMessage>> {
        self.get_session_transcript(session_id, limit, offset)
            .map(|transcript| transcript.messages)
    }

    /// [`get_session_messages`](Self::get_session_messages), with the
    /// numbers of the file's lines that were skipped as corrupt.
    ///
    /// # Errors
    ///
    /// As [`get_session_messages`](Self::get_session_messages).
    pub fn get_session_transcript(
        &self,
        session_id: &str,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<SessionTranscript> {
        check_session_id(session_id)?;
        let projects = self.projects_dir();
        let path = edit::existing_file(&projects, session_id)?;
        let bytes = read_regular(&path).map_err(file_error(&path))?;
        let parsed = parse_lines(&bytes);
        let skipped_lines = parsed.skipped_line_numbers();
        warn_skipped(&path, &skipped_lines);
        Ok(SessionTranscript {
            messages: messages_of(&parsed.entries, &parsed.skipped, limit, offset),
            skipped_lines,
        })
    }

    /// Gives a session a title: the one the CLI shows, and that
    /// `claude --resume <title>` finds. Leading and trailing whitespace is
    /// removed. Like the CLI's `/rename`, this appends `custom-title` and
    /// `agent-name` entries to the session file and writes the
    /// `custom-title.json` sidecar next to it; a CLI that has the session
    /// open picks the new title up.
    ///
    /// Nothing is written through a symbolic link: a session file, project
    /// folder or session folder that is a link is refused.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], or [`Error::InvalidSessionArgument`] for
    /// an empty title or an id that is not a UUID, or
    /// [`Error::UnsafeSessionPath`] for a link or FIFO in the way.
    pub fn rename_session(&self, session_id: &str, title: &str) -> Result<()> {
        edit::rename(&self.projects_dir(), session_id, title)
    }

    /// Tags a session, or with `None` removes its tag. Invisible and
    /// control characters are removed from the tag.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], or [`Error::InvalidSessionArgument`] for
    /// a tag that is empty once cleaned or an id that is not a UUID, or
    /// [`Error::UnsafeSessionPath`] for a link or FIFO in the way.
    pub fn tag_session(&self, session_id: &str, tag: Option<&str>) -> Result<()> {
        edit::tag(&self.projects_dir(), session_id, tag)
    }

    /// Deletes a session: its file, its subagent transcripts and sidecars.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], [`Error::InvalidSessionArgument`],
    /// [`Error::UnsafeSessionPath`] when the session file is a link or a
    /// FIFO, or [`Error::SessionFile`] when a file cannot be removed.
    pub fn delete_session(&self, session_id: &str) -> Result<()> {
        edit::delete(&self.projects_dir(), session_id)
    }

    /// Forks a session into a new one and returns its id: the conversation
    /// up to [`ForkSession::up_to_message`] (or all of it), with fresh
    /// message ids, in a new file next to the original, which
    /// [`Session::resume`](crate::session::Session::resume) continues from
    /// the same working directory. Subagent transcripts and file-history
    /// snapshots are not copied.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`]; [`Error::InvalidSessionArgument`] when
    /// the message is not part of the session or the session has no
    /// messages.
    pub fn fork_session(&self, session_id: &str, options: &ForkSession) -> Result<String> {
        fork::fork(&self.projects_dir(), session_id, options)
    }

    /// The subagents that ran in a session (their transcripts sit in the
    /// folder next to the session file), in the order of their file paths.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`], or [`Error::InvalidSessionArgument`] when
    /// `session_id` is not a UUID.
    pub fn list_subagents(&self, session_id: &str) -> Result<Vec<SubagentInfo>> {
        check_session_id(session_id)?;
        let path = edit::existing_file(&self.projects_dir(), session_id)?;
        Ok(subagents::subagents(&path))
    }

    /// The conversation of one subagent of a session: the task the main
    /// agent gave it and its work, in order; each message's
    /// [`parent_tool_use_id`](SessionMessage::parent_tool_use_id) is the
    /// `Agent` tool call that started it. `offset` messages are skipped and
    /// at most `limit` returned.
    ///
    /// # Errors
    ///
    /// [`Error::SessionNotFound`] when there is no such session,
    /// [`Error::InvalidSessionArgument`] when it has no such subagent.
    pub fn get_subagent_messages(
        &self,
        session_id: &str,
        agent_id: &str,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Vec<SessionMessage>> {
        let agent = self
            .list_subagents(session_id)?
            .into_iter()
            .find(|a| a.agent_id == agent_id)
            .ok_or_else(|| {
                Error::InvalidSessionArgument(format!(
                    "session {session_id} has no subagent `{agent_id}`"
                ))
            })?;
        subagents::messages(&agent, limit, offset)
    }

    /// The session file of `session_id`, if there is one.
    ///
    /// # Errors
    ///
    /// When `session_id` is not a UUID.
    pub fn session_file(&self, session_id: &str) -> Result<Option<PathBuf>> {
        check_session_id(session_id)?;
        Ok(paths::find_session_file(
            &self.projects_dir(),
            session_id,
            None,
        ))
    }
}

/// The visible messages of a transcript, paged.
fn messages_of(
    entries: &[Entry],
    skipped: &[jsonl::SkippedLine],
    limit: Option<usize>,
    offset: usize,
) -> Vec<SessionMessage> {
    transcript::conversation_chain(entries, skipped)
        .into_iter()
        .map(|i| &entries[i])
        .filter(|e| transcript::is_visible_message(e))
        .filter_map(SessionMessage::from_entry)
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .collect()
}

/// Logs the corrupt lines skipped in `path`, if any.
pub(crate) fn warn_skipped(path: &Path, lines: &[usize]) {
    if !lines.is_empty() {
        tracing::warn!(
            path = %path.display(),
            ?lines,
            "corrupt lines skipped in a session file (not JSON objects)"
        );
    }
}

fn default_history() -> Result<SessionHistory> {
    SessionHistory::from_env()
}

/// [`SessionHistory::list_sessions`] on the default configuration
/// directory.
///
/// # Errors
///
/// When there is no configuration directory (see
/// [`SessionHistory::from_env`]).
pub fn list_sessions(query: &ListSessions) -> Result<Vec<SessionInfo>> {
    default_history()?.list_sessions(query)
}

/// [`SessionHistory::get_session_info`] on the default configuration
/// directory.
///
/// # Errors
///
/// See [`SessionHistory::get_session_info`].
pub fn get_session_info(session_id: &str) -> Result<Option<SessionInfo>> {
    default_history()?.get_session_info(session_id)
}

/// [`SessionHistory::get_session_messages`] on the default configuration
/// directory.
///
/// # Errors
///
/// See [`SessionHistory::get_session_messages`].
pub fn get_session_messages(
    session_id: &str,
    limit: Option<usize>,
    offset: usize,
) -> Result<Vec<SessionMessage>> {
    default_history()?.get_session_messages(session_id, limit, offset)
}

/// [`SessionHistory::get_session_transcript`] on the default configuration
/// directory.
///
/// # Errors
///
/// See [`SessionHistory::get_session_transcript`].
pub fn get_session_transcript(
    session_id: &str,
    limit: Option<usize>,
    offset: usize,
) -> Result<SessionTranscript> {
    default_history()?.get_session_transcript(session_id, limit, offset)
}

/// [`SessionHistory::rename_session`] on the default configuration
/// directory.
///
/// # Errors
///
/// See [`SessionHistory::rename_session`].
pub fn rename_session(session_id: &str, title: &str) -> Result<()> {
    default_history()?.rename_session(session_id, title)
}

/// [`SessionHistory::tag_session`] on the default configuration directory.
///
/// # Errors
///
/// See [`SessionHistory::tag_session`].
pub fn tag_session(session_id: &str, tag: Option<&str>) -> Result<()> {
    default_history()?.tag_session(session_id, tag)
}

/// [`SessionHistory::delete_session`] on the default configuration
/// directory.
///
/// # Errors
///
/// See [`SessionHistory::delete_session`].
pub fn delete_session(session_id: &str) -> Result<()> {
    default_history()?.delete_session(session_id)
}

/// [`SessionHistory::fork_session`] on the default configuration
/// directory.
///
/// # Errors
///
/// See [`SessionHistory::fork_session`].
pub fn fork_session(session_id: &str, options: &ForkSession) -> Result<String> {
    default_history()?.fork_session(session_id, options)
}
