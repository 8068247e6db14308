//! [`SkillError`]: what can go wrong while reading, installing or watching
//! skills.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::audit::AuditReport;
use super::report::ValidationReport;

/// What can go wrong while reading, installing or watching skills.
///
/// Problems *in* a skill (a bad name, a missing reference, risky code) are
/// not errors: they are findings of a
/// [`ValidationReport`] or an [`AuditReport`](super::AuditReport).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SkillError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },

    /// The folder has no `SKILL.md`.
    #[error("{} has no SKILL.md", .0.display())]
    MissingSkillFile(PathBuf),

    /// The front matter cannot be read: the CLI would load the skill with
    /// every field dropped.
    #[error("front matter{}: {message}", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    FrontMatter {
        /// The line of the problem (1-based), when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },

    /// The front matter is larger, or nests deeper, than the SDK parses
    /// (see [`MAX_FRONT_MATTER_BYTES`](super::MAX_FRONT_MATTER_BYTES) and
    /// [`MAX_FRONT_MATTER_DEPTH`](super::MAX_FRONT_MATTER_DEPTH)): it is
    /// refused before parsing, since YAML that deep takes a parser
    /// quadratic time or more.
    #[error("front matter{}: {limit}; it was not parsed", line.map(|l| format!(" (line {l})")).unwrap_or_default())]
    FrontMatterTooComplex {
        /// The line where the limit was passed (1-based), when known.
        line: Option<usize>,
        /// Which limit.
        limit: FrontMatterLimit,
    },

    /// A name that cannot be a skill's folder name.
    #[error("invalid skill name {name:?}: {reason}")]
    InvalidName {
        /// The name.
        name: String,
        /// Why it is refused.
        reason: String,
    },

    /// A path that points outside the skill's folder.
    #[error("{path:?} is outside the skill folder")]
    OutsideSkill {
        /// The path as given.
        path: String,
    },

    /// A symbolic link where skills only hold files and folders.
    #[error("{} is a symbolic link; skills are read and copied without following links", .0.display())]
    Symlink(PathBuf),

    /// Something other than a regular file where a skill has files: a named
    /// pipe (FIFO), a socket, a device or a folder. The SDK never opens one
    /// (opening a named pipe for reading blocks until a writer comes).
    #[error("{} is {kind}, not a regular file; skills hold only regular files and folders", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is (`a named pipe (FIFO)`, `a socket`, ...).
        kind: &'static str,
    },

    /// A file larger than the SDK reads for a skill.
    #[error("{} is {size} bytes, more than the {limit} bytes read for a skill file", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },

    /// The skill did not pass validation or the audit, and was not
    /// installed.
    #[error("the skill was not installed:\n{validation}\n{audit}")]
    Rejected {
        /// The validation report.
        validation: Box<ValidationReport>,
        /// The audit report.
        audit: Box<AuditReport>,
    },

    /// A skill of that name is already installed.
    #[error("a skill named {name:?} is already installed at {}", path.display())]
    AlreadyInstalled {
        /// The name.
        name: String,
        /// Where it is.
        path: PathBuf,
    },

    /// An audit pattern is not a valid regular expression.
    #[error("invalid audit pattern {pattern:?}: {message}")]
    Pattern {
        /// The pattern.
        pattern: String,
        /// The parser's message.
        message: String,
    },

    /// The file watcher could not be set up.
    #[error("cannot watch {}: {message}", path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// The watcher's error.
        message: String,
    },
}

impl SkillError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// The limit a front matter passed: see
/// [`SkillError::FrontMatterTooComplex`].
///
/// ```
/// use claude_agent_sdk::skills::{FrontMatterLimit, SkillError, SkillMd};
///
/// let deep = format!("---\nname: x\nmetadata: {}{}\n---\n", "[".repeat(40), "]".repeat(40));
/// let Err(SkillError::FrontMatterTooComplex { limit, .. }) = SkillMd::parse(&deep) else {
///     panic!("a 40-level front matter is refused");
/// };
/// assert!(matches!(limit, FrontMatterLimit::Depth { max: 32 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrontMatterLimit {
    /// More bytes than the limit.
    Size {
        /// The size of the front matter.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Collections nested deeper than the limit (block indentation, `- `
    /// entries and `[`/`{` flow collections all count).
    Depth {
        /// The limit.
        max: usize,
    },
}

impl fmt::Display for FrontMatterLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Size { bytes, max } => write!(f, "{bytes} bytes, more than the {max} parsed"),
            Self::Depth { max } => write!(f, "nested more than {max} levels deep"),
        }
    }
}
