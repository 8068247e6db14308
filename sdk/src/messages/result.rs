//! The result that ends a turn.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::usage::{ModelUsage, Usage};
use crate::wire::{Extra, string_enum};

string_enum! {
    /// How a turn ended.
    pub enum ResultSubtype {
        /// The turn completed. Check [`ResultMessage::is_error`] anyway: an
        /// API error also ends with `success`.
        Success = "success",
        /// The turn failed or was interrupted.
        ErrorDuringExecution = "error_during_execution",
        /// `max_turns` was reached.
        ErrorMaxTurns = "error_max_turns",
        /// `max_budget_usd` was reached.
        ErrorMaxBudgetUsd = "error_max_budget_usd",
        /// The model could not produce valid structured output.
        ErrorMaxStructuredOutputRetries = "error_max_structured_output_retries",
    }
}

string_enum! {
    /// Why the agent loop stopped.
    pub enum TerminalReason {
        /// The model finished.
        Completed = "completed",
        /// `max_turns` was reached.
        MaxTurns = "max_turns",
        /// The API returned an error.
        ApiError = "api_error",
        /// Interrupted while the model was answering.
        AbortedStreaming = "aborted_streaming",
        /// Interrupted while tools ran.
        AbortedTools = "aborted_tools",
        /// The prompt did not fit the context window.
        PromptTooLong = "prompt_too_long",
        /// A hook stopped the run.
        HookStopped = "hook_stopped",
        /// A Stop hook prevented the stop.
        StopHookPrevented = "stop_hook_prevented",
        /// The budget was used up.
        BudgetExhausted = "budget_exhausted",
        /// Structured output retries ran out.
        StructuredOutputRetryExhausted = "structured_output_retry_exhausted",
        /// A tool use was deferred to the host.
        ToolDeferred = "tool_deferred",
        /// A model error.
        ModelError = "model_error",
    }
}

/// A tool call that permissions refused during the turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermissionDenial {
    /// The tool.
    pub tool_name: String,
    /// The tool-use id.
    #[serde(default)]
    pub tool_use_id: String,
    /// The input it was called with.
    #[serde(default)]
    pub tool_input: Value,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The message that ends a turn, with its outcome, cost and usage.
///
/// A failed turn (`is_error`, e.g. an API error or max turns) is still a
/// result, not an [`Error`](crate::Error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResultMessage {
    /// How the turn ended.
    pub subtype: ResultSubtype,
    /// Whether the turn failed.
    #[serde(default)]
    pub is_error: bool,
    /// Wall time of the turn in milliseconds.
    #[serde(default)]
    pub duration_ms: u64,
    /// Time spent waiting for the API in milliseconds.
    #[serde(default)]
    pub duration_api_ms: u64,
    /// API round trips in the turn.
    #[serde(default)]
    pub num_turns: u32,
    /// The session id.
    #[serde(default)]
    pub session_id: String,
    /// The final text (or the error message of an API error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Why the model stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<String>,
    /// Cumulative cost of the session in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cost_usd: Option<f64>,
    /// Token usage of the turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// Usage and cost per model.
    #[serde(
        rename = "modelUsage",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub model_usage: Option<BTreeMap<String, ModelUsage>>,
    /// Tool calls that permissions refused.
    #[serde(default)]
    pub permission_denials: Vec<PermissionDenial>,
    /// The structured output, when an output format was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_output: Option<Value>,
    /// Error details of a failed turn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Why the agent loop stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_reason: Option<TerminalReason>,
    /// The HTTP status of the API error that ended the turn, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_error_status: Option<u16>,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Fields this SDK does not model (`result_index`, `origin`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl ResultMessage {
    /// The final text, if any.
    #[must_use]
    pub fn result(&self) -> Option<&str> {
        self.result.as_deref()
    }

    /// Whether the turn failed.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.is_error
    }

    /// Cumulative cost of the session in US dollars.
    #[must_use]
    pub fn cost_usd(&self) -> Option<f64> {
        self.total_cost_usd
    }

    /// Token usage of the turn.
    #[must_use]
    pub fn usage(&self) -> Option<&Usage> {
        self.usage.as_ref()
    }

    /// The session id.
    #[must_use]
    pub fn session_id(&self) -> &str {
        &self.session_id
    }

    /// The structured output decoded as `T`.
    pub fn structured_output_as<T: serde::de::DeserializeOwned>(
        &self,
    ) -> Option<serde_json::Result<T>> {
        self.structured_output
            .as_ref()
            .map(|value| T::deserialize(value))
    }

    /// The local command this result answers (`cost` for `/cost`, or a
    /// command of the SDK's registry), when no model was asked.
    #[must_use]
    pub fn local_command(&self) -> Option<&str> {
        self.extra.get("local_command").and_then(Value::as_str)
    }

    /// Whether the SDK made this result itself, for a slash command of its
    /// [registry](crate::commands::CommandRegistry) answered locally.
    #[must_use]
    pub fn is_sdk_command(&self) -> bool {
        self.extra.get("sdk_command").and_then(Value::as_bool) == Some(true)
    }

    /// Which result of the process this is (0, 1, ...), on CLIs that say so.
    #[must_use]
    pub fn result_index(&self) -> Option<u64> {
        self.extra.get("result_index").and_then(Value::as_u64)
    }
}
