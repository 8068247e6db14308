//! Inputs of the session events: start, end, set-up, compaction, model
//! switches.

use serde::{Deserialize, Serialize};

use super::HookCommon;
use crate::wire::{Extra, string_enum};

string_enum! {
    /// Why a session starts.
    pub enum SessionStartSource {
        /// A new session (never reaches SDK callbacks).
        Startup = "startup",
        /// A resumed session (never reaches SDK callbacks).
        Resume = "resume",
        /// After `/clear`.
        Clear = "clear",
        /// During `/compact` or an automatic compaction.
        Compact = "compact",
        /// A forked session.
        Fork = "fork",
    }
}

/// The input of [`HookEvent::SessionStart`](crate::hooks::HookEvent::SessionStart).
///
/// SDK callbacks receive it only mid-session, with
/// [`SessionStartSource::Compact`] or [`SessionStartSource::Clear`]; see
/// [`HookEvent::SessionStart`](crate::hooks::HookEvent::SessionStart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionStartInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// Why the session starts.
    pub source: SessionStartSource,
    /// The model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The session's title, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_title: Option<String>,
    /// Seconds since the last response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds_since_last_response: Option<f64>,
    /// Tokens in the context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_tokens: Option<u64>,
    /// Whether the prompt cache has likely expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_cache_likely_expired: Option<bool>,
    /// The estimated cost of re-writing the cache, in US dollars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_cache_write_usd: Option<f64>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// Why a session ends.
    pub enum SessionEndReason {
        /// `/clear` (the only reason SDK callbacks see).
        Clear = "clear",
        /// Another session is resumed.
        Resume = "resume",
        /// The user logged out.
        Logout = "logout",
        /// The user left the prompt.
        PromptInputExit = "prompt_input_exit",
        /// Anything else (`other` on the wire).
        Unspecified = "other",
    }
}

/// The input of [`HookEvent::SessionEnd`](crate::hooks::HookEvent::SessionEnd).
///
/// SDK callbacks receive it only for `/clear`; see
/// [`HookEvent::SessionEnd`](crate::hooks::HookEvent::SessionEnd).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionEndInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// Why the session ends.
    pub reason: SessionEndReason,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// What started a set-up.
    pub enum SetupTrigger {
        /// `--init` or `--init-only`.
        Init = "init",
        /// `--maintenance`.
        Maintenance = "maintenance",
    }
}

/// The input of [`HookEvent::Setup`](crate::hooks::HookEvent::Setup). Never
/// sent to SDK callbacks; see [`HookEvent::Setup`](crate::hooks::HookEvent::Setup).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetupInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// What started the set-up.
    pub trigger: SetupTrigger,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// What started a compaction.
    pub enum CompactTrigger {
        /// `/compact`.
        Manual = "manual",
        /// The context was full.
        Auto = "auto",
    }
}

/// The input of [`HookEvent::PreCompact`](crate::hooks::HookEvent::PreCompact).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PreCompactInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// What started the compaction.
    pub trigger: CompactTrigger,
    /// Instructions given to `/compact`, if any.
    #[serde(default)]
    pub custom_instructions: Option<String>,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The input of [`HookEvent::PostCompact`](crate::hooks::HookEvent::PostCompact).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostCompactInput {
    /// Session id, transcript, working directory, permission mode, agent.
    #[serde(flatten)]
    pub common: HookCommon,
    /// What started the compaction.
    pub trigger: CompactTrigger,
    /// The summary that replaced the conversation.
    #[serde(default)]
    pub compact_summary: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// What switched the model.
    pub enum ModelSwitchSource {
        /// The `/model` command.
        Command = "command",
        /// The model picker.
        Picker = "picker",
        /// An SDK host (`set_model`).
        Sdk = "sdk",
        /// An automatic switch (after a switch only).
        Auto = "auto",
        /// A resumed session (after a switch only).
        Resume = "resume",
    }
}

macro_rules! model_switch_input {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// Session id, transcript, working directory, permission mode, agent.
            #[serde(flatten)]
            pub common: HookCommon,
            /// The model before the switch.
            #[serde(default)]
            pub from_model: String,
            /// The model after the switch.
            #[serde(default)]
            pub to_model: String,
            /// What was asked for (an alias, an id, or `None` for the default).
            #[serde(default)]
            pub requested_model: Option<String>,
            /// What switched the model.
            pub source: ModelSwitchSource,
            /// Tokens in the context.
            #[serde(default)]
            pub context_tokens: u64,
            /// Whether the prompt cache is warm.
            #[serde(default)]
            pub prompt_cache_warm: bool,
            /// The cache's time to live (`5m`, `1h`).
            #[serde(default)]
            pub cache_ttl: String,
            /// The estimated cost of writing the cache for the new model.
            #[serde(default)]
            pub estimated_cache_write_usd: f64,
            /// Where the prices come from (`configured`, `catalog`, `default`).
            #[serde(default)]
            pub pricing: String,
            /// Fields this SDK does not model.
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
}

model_switch_input! {
    /// The input of
    /// [`HookEvent::PreModelSwitch`](crate::hooks::HookEvent::PreModelSwitch):
    /// the model is about to change.
    PreModelSwitchInput
}

model_switch_input! {
    /// The input of
    /// [`HookEvent::PostModelSwitch`](crate::hooks::HookEvent::PostModelSwitch):
    /// the model changed.
    PostModelSwitchInput
}
