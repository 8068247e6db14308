//! The system prompt.

use std::path::PathBuf;

/// The system prompt of the session.
///
/// The default is an **empty** system prompt, as in both official SDKs; the
/// Claude Code system prompt is an opt-in preset.
///
/// ```
/// use claude_agent_sdk::SystemPrompt;
/// let custom = SystemPrompt::text("You are terse.");
/// let claude_code = SystemPrompt::claude_code().append("Always answer in French.");
/// # let _ = (custom, claude_code);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub enum SystemPrompt {
    /// No system prompt (`--system-prompt ""`).
    #[default]
    Empty,
    /// A custom system prompt.
    Text(String),
    /// A system prompt read from a file by the CLI (`--system-prompt-file`).
    File(PathBuf),
    /// The Claude Code system prompt, optionally with text appended.
    ClaudeCode {
        /// Text appended to the preset (`--append-system-prompt`).
        append: Option<String>,
        /// Leave out the dynamic sections (environment, git status) so that
        /// the prompt caches better.
        exclude_dynamic_sections: bool,
    },
}

impl SystemPrompt {
    /// A custom system prompt.
    #[must_use]
    pub fn text(prompt: impl Into<String>) -> Self {
        Self::Text(prompt.into())
    }

    /// A system prompt the CLI reads from a file.
    #[must_use]
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self::File(path.into())
    }

    /// The Claude Code system prompt.
    #[must_use]
    pub fn claude_code() -> Self {
        Self::ClaudeCode {
            append: None,
            exclude_dynamic_sections: false,
        }
    }

    /// Appends text to the Claude Code preset (no effect on other variants).
    /// Text appended earlier is kept; the parts are separated by a blank
    /// line.
    ///
    /// ```
    /// use claude_agent_sdk::SystemPrompt;
    ///
    /// let prompt = SystemPrompt::claude_code().append("Be brief.").append("Answer in French.");
    /// let SystemPrompt::ClaudeCode { append, .. } = prompt else { unreachable!() };
    /// assert_eq!(append.as_deref(), Some("Be brief.\n\nAnswer in French."));
    /// ```
    #[must_use]
    pub fn append(self, text: impl Into<String>) -> Self {
        match self {
            Self::ClaudeCode {
                append,
                exclude_dynamic_sections,
            } => Self::ClaudeCode {
                append: Some(match append {
                    Some(earlier) => format!("{earlier}\n\n{}", text.into()),
                    None => text.into(),
                }),
                exclude_dynamic_sections,
            },
            other => other,
        }
    }

    /// Leaves the dynamic sections out of the Claude Code preset.
    #[must_use]
    pub fn exclude_dynamic_sections(self) -> Self {
        match self {
            Self::ClaudeCode { append, .. } => Self::ClaudeCode {
                append,
                exclude_dynamic_sections: true,
            },
            other => other,
        }
    }
}

impl From<&str> for SystemPrompt {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<String> for SystemPrompt {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}
