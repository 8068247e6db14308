//! [`Thread`]: which conversation a message belongs to.

use std::fmt;

/// The conversation a message belongs to: the main agent's, or a
/// subagent's (named by the id of the Agent tool call that started it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Thread {
    /// The main agent.
    Main,
    /// The subagent started by this Agent tool call.
    Subagent(String),
}

impl Thread {
    /// Whether this is the main agent's thread.
    #[must_use]
    pub fn is_main(&self) -> bool {
        matches!(self, Self::Main)
    }

    /// The id of the Agent tool call that started the subagent.
    #[must_use]
    pub fn tool_use_id(&self) -> Option<&str> {
        match self {
            Self::Main => None,
            Self::Subagent(id) => Some(id),
        }
    }
}

impl fmt::Display for Thread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Main => f.write_str("main"),
            Self::Subagent(id) => write!(f, "subagent {id}"),
        }
    }
}
