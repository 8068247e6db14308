//! Model behaviour: thinking and effort.

use crate::wire::string_enum;

string_enum! {
    /// How much effort the model spends (`--effort`).
    pub enum Effort {
        /// Low.
        Low = "low",
        /// Medium.
        Medium = "medium",
        /// High.
        High = "high",
        /// Extra high.
        XHigh = "xhigh",
        /// Maximum.
        Max = "max",
    }
}

string_enum! {
    /// How thinking is shown (`--thinking-display`).
    pub enum ThinkingDisplay {
        /// Summarised thinking.
        Summarized = "summarized",
        /// No thinking text.
        Omitted = "omitted",
    }
}

/// Extended thinking.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Thinking {
    /// The model decides when and how much to think (`--thinking adaptive`).
    Adaptive {
        /// How thinking is shown.
        display: Option<ThinkingDisplay>,
    },
    /// Thinking with a token budget (`--max-thinking-tokens`).
    Enabled {
        /// The budget in tokens.
        budget_tokens: u32,
        /// How thinking is shown.
        display: Option<ThinkingDisplay>,
    },
    /// No thinking (`--thinking disabled`).
    Disabled,
}

impl Thinking {
    /// Adaptive thinking.
    #[must_use]
    pub fn adaptive() -> Self {
        Self::Adaptive { display: None }
    }

    /// Thinking with a budget.
    #[must_use]
    pub fn enabled(budget_tokens: u32) -> Self {
        Self::Enabled {
            budget_tokens,
            display: None,
        }
    }

    /// No thinking.
    #[must_use]
    pub fn disabled() -> Self {
        Self::Disabled
    }

    /// Sets how thinking is shown.
    #[must_use]
    pub fn with_display(self, display: ThinkingDisplay) -> Self {
        match self {
            Self::Adaptive { .. } => Self::Adaptive {
                display: Some(display),
            },
            Self::Enabled { budget_tokens, .. } => Self::Enabled {
                budget_tokens,
                display: Some(display),
            },
            Self::Disabled => Self::Disabled,
        }
    }
}
