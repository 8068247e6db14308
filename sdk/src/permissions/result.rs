//! [`PermissionResult`]: the answer to a permission request.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

use super::PermissionUpdate;

/// The answer to a permission request: allow or deny.
///
/// ```
/// use claude_agent_sdk::permissions::{PermissionBehavior, PermissionResult, PermissionRule, PermissionUpdate};
/// use serde_json::json;
///
/// let allow = PermissionResult::allow()
///     .with_updated_input(json!({"command": "echo safe"}))
///     .with_permission_update(PermissionUpdate::add_rules(
///         [PermissionRule::with_content("Bash", "echo:*")],
///         PermissionBehavior::Allow,
///     ));
/// assert!(allow.is_allow());
///
/// let deny = PermissionResult::deny("not on a Friday").and_interrupt();
/// assert_eq!(
///     serde_json::to_value(&deny)?,
///     json!({"behavior": "deny", "message": "not on a Friday", "interrupt": true})
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PermissionResult {
    /// The tool may run.
    #[non_exhaustive]
    Allow {
        /// The input it runs with instead of the model's (`None` keeps the
        /// model's input).
        updated_input: Option<Value>,
        /// Permission changes to apply (rules, mode, directories).
        updated_permissions: Vec<PermissionUpdate>,
    },
    /// The tool may not run. The model sees `message` as the tool's (error)
    /// result, and the run's result lists the call in `permission_denials`.
    #[non_exhaustive]
    Deny {
        /// What the model is told.
        message: String,
        /// Whether to interrupt the run as well.
        interrupt: bool,
    },
}

impl PermissionResult {
    /// Allows the call as the model wrote it.
    pub fn allow() -> Self {
        Self::Allow {
            updated_input: None,
            updated_permissions: Vec::new(),
        }
    }

    /// Denies the call; the model is told `message`.
    pub fn deny(message: impl Into<String>) -> Self {
        Self::Deny {
            message: message.into(),
            interrupt: false,
        }
    }

    /// Whether this allows the call.
    #[must_use]
    pub fn is_allow(&self) -> bool {
        matches!(self, Self::Allow { .. })
    }

    /// Allows the call with this input instead of the model's.
    ///
    /// # Panics
    ///
    /// On a denial: only an approval has an input.
    #[must_use]
    #[track_caller]
    pub fn with_updated_input(mut self, input: Value) -> Self {
        match &mut self {
            Self::Allow { updated_input, .. } => *updated_input = Some(input),
            Self::Deny { .. } => {
                panic!("`with_updated_input` applies to `PermissionResult::allow()`")
            }
        }
        self
    }

    /// Applies a permission change along with the approval (e.g. one of the
    /// request's [`suggestions`](super::ToolPermissionRequest::suggestions)).
    ///
    /// # Panics
    ///
    /// On a denial: only an approval carries permission changes.
    #[must_use]
    #[track_caller]
    pub fn with_permission_update(mut self, update: PermissionUpdate) -> Self {
        match &mut self {
            Self::Allow {
                updated_permissions,
                ..
            } => updated_permissions.push(update),
            Self::Deny { .. } => {
                panic!("`with_permission_update` applies to `PermissionResult::allow()`")
            }
        }
        self
    }

    /// Interrupts the run along with the denial.
    ///
    /// # Panics
    ///
    /// On an approval.
    #[must_use]
    #[track_caller]
    pub fn and_interrupt(mut self) -> Self {
        match &mut self {
            Self::Deny { interrupt, .. } => *interrupt = true,
            Self::Allow { .. } => panic!("`and_interrupt` applies to `PermissionResult::deny(..)`"),
        }
        self
    }

    /// The answer to a `can_use_tool` request about a call with
    /// `original_input`: an approval always carries the input to run with
    /// (the model's, unless it was replaced), as the CLI expects.
    #[must_use]
    pub fn to_wire(&self, original_input: &Value) -> Value {
        let mut value = self.to_value();
        if let (
            Self::Allow {
                updated_input: None,
                ..
            },
            Value::Object(fields),
        ) = (self, &mut value)
        {
            fields.insert("updatedInput".into(), original_input.clone());
        }
        value
    }

    fn to_value(&self) -> Value {
        let mut fields = Map::new();
        match self {
            Self::Allow {
                updated_input,
                updated_permissions,
            } => {
                fields.insert("behavior".into(), json!("allow"));
                if let Some(input) = updated_input {
                    fields.insert("updatedInput".into(), input.clone());
                }
                if !updated_permissions.is_empty() {
                    fields.insert("updatedPermissions".into(), json!(updated_permissions));
                }
            }
            Self::Deny { message, interrupt } => {
                fields.insert("behavior".into(), json!("deny"));
                fields.insert("message".into(), json!(message));
                if *interrupt {
                    fields.insert("interrupt".into(), json!(true));
                }
            }
        }
        Value::Object(fields)
    }
}

impl Serialize for PermissionResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PermissionResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        match value.get("behavior").and_then(Value::as_str) {
            Some("allow") => Ok(Self::Allow {
                updated_input: value.get("updatedInput").cloned(),
                updated_permissions: match value.get("updatedPermissions") {
                    Some(list) => Vec::<PermissionUpdate>::deserialize(list)
                        .map_err(serde::de::Error::custom)?,
                    None => Vec::new(),
                },
            }),
            Some("deny") => Ok(Self::Deny {
                message: value
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                interrupt: value
                    .get("interrupt")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            }),
            _ => Err(serde::de::Error::custom(
                "a permission result needs `behavior`: \"allow\" or \"deny\"",
            )),
        }
    }
}

/// What a `can_use_tool` callback may return: a [`PermissionResult`], or a
/// `Result<PermissionResult, E>` where `E: Display` (an error is answered as
/// an error: the CLI refuses the call and tells the model
/// `Tool permission request failed: ...`).
#[diagnostic::on_unimplemented(
    message = "a `can_use_tool` callback must return `PermissionResult` or `Result<PermissionResult, E>` with `E: Display`, not `{Self}`"
)]
pub trait IntoPermissionResult: Send + 'static {
    /// The answer, or the error message.
    fn into_permission_result(self) -> Result<PermissionResult, String>;
}

impl IntoPermissionResult for PermissionResult {
    fn into_permission_result(self) -> Result<PermissionResult, String> {
        Ok(self)
    }
}

impl<E: fmt::Display + Send + 'static> IntoPermissionResult for Result<PermissionResult, E> {
    fn into_permission_result(self) -> Result<PermissionResult, String> {
        self.map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::{PermissionBehavior, PermissionRule};

    #[test]
    fn answers_match_the_recorded_wire_format() {
        let original = json!({"command": "touch created.txt", "description": "make file"});
        // can_use_tool_updated_input.jsonl (CLI 2.1.330, Python SDK).
        let allow = PermissionResult::allow()
            .with_updated_input(
                json!({"command": "echo rewritten-by-sdk", "description": "rewritten"}),
            )
            .with_permission_update(PermissionUpdate::add_rules(
                [PermissionRule::with_content("Bash", "echo:*")],
                PermissionBehavior::Allow,
            ));
        assert_eq!(
            allow.to_wire(&original),
            json!({"behavior": "allow", "updatedInput": {"command": "echo rewritten-by-sdk", "description": "rewritten"}, "updatedPermissions": [{"type": "addRules", "destination": "session", "rules": [{"toolName": "Bash", "ruleContent": "echo:*"}], "behavior": "allow"}]})
        );
        assert_eq!(
            PermissionResult::deny("denied by can_use_tool").to_wire(&original),
            json!({"behavior": "deny", "message": "denied by can_use_tool"})
        );
        // A plain approval sends the original input back, as Python does.
        assert_eq!(
            PermissionResult::allow().to_wire(&original),
            json!({"behavior": "allow", "updatedInput": original})
        );
        // As a PermissionRequest hook decision it does not.
        assert_eq!(
            serde_json::to_value(PermissionResult::allow()).unwrap(),
            json!({"behavior": "allow"})
        );
    }

    #[test]
    fn round_trips() {
        for result in [
            PermissionResult::allow().with_updated_input(json!({"a": 1})),
            PermissionResult::deny("no").and_interrupt(),
            PermissionResult::allow()
                .with_permission_update(PermissionUpdate::add_directories(["/x"])),
        ] {
            let value = serde_json::to_value(&result).unwrap();
            assert_eq!(
                serde_json::from_value::<PermissionResult>(value).unwrap(),
                result
            );
        }
        assert!(serde_json::from_value::<PermissionResult>(json!({"behavior": "maybe"})).is_err());
    }

    #[test]
    #[should_panic(expected = "applies to `PermissionResult::allow()`")]
    fn an_updated_input_on_a_denial_is_a_programming_error() {
        let _ = PermissionResult::deny("no").with_updated_input(json!({}));
    }
}
