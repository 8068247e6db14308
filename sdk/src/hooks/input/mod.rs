//! The inputs of hook callbacks, one type per event.

mod agent;
mod elicitation;
mod session;
mod tool;
mod turn;
mod workspace;

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use agent::{
    SubagentStartInput, SubagentStopInput, TaskCompletedInput, TaskCreatedInput, TeammateIdleInput,
};
pub use elicitation::{ElicitationInput, ElicitationResultInput};
pub use session::{
    CompactTrigger, ModelSwitchSource, PostCompactInput, PostModelSwitchInput, PreCompactInput,
    PreModelSwitchInput, SessionEndInput, SessionEndReason, SessionStartInput, SessionStartSource,
    SetupInput, SetupTrigger,
};
pub use tool::{
    PermissionDeniedInput, PermissionRequestInput, PostToolBatchInput, PostToolUseFailureInput,
    PostToolUseInput, PreToolUseInput, ToolCallSummary,
};
pub use turn::{
    BackgroundTaskSummary, ExpansionType, MessageDisplayInput, NotificationInput, NotificationType,
    PromptSource, SessionCronSummary, StopFailureInput, StopInput, UserPromptExpansionInput,
    UserPromptSubmitInput,
};
pub use workspace::{
    ConfigChangeInput, ConfigChangeSource, CwdChangedInput, DirectoryAddedInput,
    DirectoryAddedSource, FileChangeKind, FileChangedInput, InstructionsLoadReason,
    InstructionsLoadedInput, MemoryType, WorktreeCreateInput, WorktreeRemoveInput,
};

use super::HookEvent;
use super::event_list::for_each_hook_event;
use crate::options::{Effort, PermissionMode};
use crate::wire::Extra;

/// The fields every hook input carries.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HookCommon {
    /// The session's id.
    #[serde(default)]
    pub session_id: String,
    /// The session's transcript (a JSON Lines file).
    #[serde(default)]
    pub transcript_path: PathBuf,
    /// The working directory.
    #[serde(default)]
    pub cwd: PathBuf,
    /// The permission mode in effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_mode: Option<PermissionMode>,
    /// The subagent the event happened in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// The type of that subagent (or of the agent the session runs as).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_type: Option<String>,
    /// The id of the prompt being answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_id: Option<String>,
    /// The effort level of the turn (tool events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<EffortInfo>,
}

/// The effort level of a turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EffortInfo {
    /// The level.
    pub level: Effort,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The MCP server of an `mcp__*` tool.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct McpServerInfo {
    /// The server's name as configured (for in-process servers, the name
    /// they were registered under).
    #[serde(default)]
    pub name: String,
    /// Where the server comes from (`sdk`, `user`, `project`, ...).
    #[serde(default)]
    pub source: String,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

macro_rules! hook_input_enum {
    ($( $event:ident($input:ident), )*) => {
        /// The input of a hook callback: one variant per event, and
        /// [`HookInput::Other`] for events this SDK does not know.
        ///
        /// Typed hooks ([`HookMatcher::on`](super::HookMatcher::on),
        /// [`#[hook]`](crate::hook)) receive the variant's type directly.
        ///
        /// ```
        /// use claude_agent_sdk::hooks::{HookEvent, HookInput};
        /// use serde_json::json;
        ///
        /// let input = HookInput::from_value(json!({
        ///     "hook_event_name": "UserPromptSubmit",
        ///     "session_id": "s1", "transcript_path": "/t.jsonl", "cwd": "/w",
        ///     "prompt": "hello",
        /// }))?;
        /// assert_eq!(input.event(), HookEvent::UserPromptSubmit);
        /// assert_eq!(input.common().session_id, "s1");
        /// let HookInput::UserPromptSubmit(submit) = &input else { unreachable!() };
        /// assert_eq!(submit.prompt, "hello");
        /// assert_eq!(input.to_value()["hook_event_name"], "UserPromptSubmit");
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum HookInput {
            $(
                #[doc = concat!("See [`HookEvent::", stringify!($event), "`].")]
                $event($input),
            )*
            /// An event this SDK does not know (or whose input it could not
            /// decode), kept verbatim.
            Other {
                /// The event's name (`hook_event_name`).
                event: String,
                /// The common fields, as far as they could be read.
                common: HookCommon,
                /// The whole input object, `hook_event_name` included.
                raw: Value,
            },
        }

        impl HookInput {
            /// Decodes a hook input (the `input` of a `hook_callback`
            /// request). An unknown event becomes [`HookInput::Other`]; a
            /// known event whose fields do not fit its type is an error.
            pub fn from_value(value: Value) -> serde_json::Result<Self> {
                let Value::Object(mut fields) = value else {
                    return Err(serde::de::Error::custom("a hook input must be a JSON object"));
                };
                let name = match fields.remove("hook_event_name") {
                    Some(Value::String(name)) => name,
                    _ => return Err(serde::de::Error::missing_field("hook_event_name")),
                };
                match HookEvent::from(name.as_str()) {
                    $(
                        HookEvent::$event => {
                            serde_json::from_value(Value::Object(fields)).map(Self::$event)
                        }
                    )*
                    _ => Ok(Self::other(name, fields)),
                }
            }

            /// Like [`from_value`](Self::from_value), but an input that does not
            /// fit its event's type becomes [`HookInput::Other`] instead of an
            /// error.
            #[must_use]
            pub fn from_value_lossy(value: Value) -> Self {
                match Self::from_value(value.clone()) {
                    Ok(input) => input,
                    Err(err) => {
                        tracing::warn!(error = %err, "hook input kept as `HookInput::Other`");
                        let Value::Object(mut fields) = value else {
                            return Self::Other { event: String::new(), common: HookCommon::default(), raw: value };
                        };
                        let name = match fields.remove("hook_event_name") {
                            Some(Value::String(name)) => name,
                            _ => String::new(),
                        };
                        Self::other(name, fields)
                    }
                }
            }

            fn other(name: String, mut fields: Map<String, Value>) -> Self {
                let common = serde_json::from_value(Value::Object(fields.clone())).unwrap_or_default();
                fields.insert("hook_event_name".into(), Value::String(name.clone()));
                Self::Other { event: name, common, raw: Value::Object(fields) }
            }

            /// The event.
            #[must_use]
            pub fn event(&self) -> HookEvent {
                match self {
                    $( Self::$event(_) => HookEvent::$event, )*
                    Self::Other { event, .. } => HookEvent::from(event.as_str()),
                }
            }

            /// The fields every input carries: session id, transcript,
            /// working directory, permission mode, agent.
            #[must_use]
            pub fn common(&self) -> &HookCommon {
                match self {
                    $( Self::$event(input) => &input.common, )*
                    Self::Other { common, .. } => common,
                }
            }

            /// The input as JSON, as the CLI sent it (`hook_event_name`
            /// included).
            #[must_use]
            pub fn to_value(&self) -> Value {
                let (name, value) = match self {
                    $(
                        Self::$event(input) => (
                            stringify!($event),
                            serde_json::to_value(input).unwrap_or(Value::Null),
                        ),
                    )*
                    Self::Other { raw, .. } => return raw.clone(),
                };
                let mut fields = match value {
                    Value::Object(fields) => fields,
                    _ => Map::new(),
                };
                fields.insert("hook_event_name".into(), Value::String(name.to_owned()));
                Value::Object(fields)
            }
        }
    };
}

for_each_hook_event!(hook_input_enum);

impl Serialize for HookInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for HookInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
