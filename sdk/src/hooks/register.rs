//! Registering hooks on the options, and checking the CLI can honour them.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::callback::HookCallbackHandler;
use super::{HookMatcher, IntoHookMatcher, OnFailure};
use crate::control::{Handlers, InitializeResponse};
use crate::error::{Error, Result};
use crate::options::ClaudeAgentOptionsBuilder;

impl ClaudeAgentOptionsBuilder {
    /// Registers a hook: a [`HookMatcher`](crate::hooks::HookMatcher), or a
    /// function annotated with [`#[hook]`](crate::hook). Hooks run in the
    /// order the CLI calls them; several hooks on one event are called
    /// concurrently.
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    /// use claude_agent_sdk::hooks::{HookEvent, HookMatcher, HookOutput};
    ///
    /// let options = ClaudeAgentOptions::builder()
    ///     .hook(HookMatcher::new(HookEvent::Stop, |_input, _ctx| async {
    ///         HookOutput::default().with_system_message("done")
    ///     }))
    ///     .build();
    /// # drop(options);
    /// ```
    pub fn hook(mut self, hook: impl IntoHookMatcher) -> Self {
        register(&mut self.options.handlers, hook.into_hook_matcher());
        self
    }
}

/// Gives the hook the next callback id, adds it to the `hooks` field of
/// `initialize`, and routes its `hook_callback` requests to it.
fn register(handlers: &mut Handlers, hook: HookMatcher) {
    let id = format!("hook_{}", handlers.hook_callbacks.len());
    let mut entry = Map::new();
    entry.insert("matcher".into(), json!(hook.matcher));
    entry.insert("hookCallbackIds".into(), json!([id]));
    if let Some(timeout) = hook.timeout {
        entry.insert("timeout".into(), seconds(timeout));
    }
    if let Some(policy) = hook.on_failure {
        entry.insert("onFailure".into(), json!(policy.as_str()));
    }
    let config = handlers
        .hooks_config
        .get_or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(events) = config {
        let matchers = events
            .entry(hook.event.as_str().to_owned())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(matchers) = matchers {
            matchers.push(Value::Object(entry));
        }
    }
    handlers
        .hook_callbacks
        .insert(id, Arc::new(HookCallbackHandler::new(&hook)));
}

/// A timeout in seconds: whole seconds as an integer, as the official SDKs
/// send them.
fn seconds(timeout: std::time::Duration) -> Value {
    if timeout.subsec_nanos() == 0 {
        json!(timeout.as_secs())
    } else {
        json!(timeout.as_secs_f64())
    }
}

/// Refuses a session whose hooks need more than the CLI offers: an
/// on-failure policy of `block` needs `hook_on_failure_supported`, or the
/// CLI would silently go on when the hook fails.
pub(crate) fn check_initialize_response(
    handlers: &Handlers,
    response: &InitializeResponse,
) -> Result<()> {
    let blocks = handlers
        .hooks_config
        .as_ref()
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|events| events.iter())
        .filter(|(_, matchers)| {
            matchers.as_array().is_some_and(|matchers| {
                matchers
                    .iter()
                    .any(|m| m["onFailure"] == OnFailure::Block.as_str())
            })
        })
        .map(|(event, _)| event.as_str())
        .collect::<Vec<_>>();
    if blocks.is_empty() || response.hook_on_failure_supported == Some(true) {
        return Ok(());
    }
    Err(Error::Unsupported {
        feature: format!(
            "the hook on-failure policy `block` (used on {})",
            blocks.join(", ")
        ),
        detail: format!(
            "its `initialize` answer does not say `hook_on_failure_supported`{}; it would go on \
             when such a hook fails",
            response
                .claude_code_version
                .as_deref()
                .map(|v| format!(" (CLI {v})"))
                .unwrap_or_default()
        ),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::hooks::{HookEvent, HookOutput};
    use crate::options::ClaudeAgentOptions;

    fn noop(event: HookEvent) -> HookMatcher {
        HookMatcher::new(event, |_input, _ctx| async { HookOutput::default() })
    }

    #[test]
    fn hooks_get_sequential_ids_in_the_initialize_config() {
        let options = ClaudeAgentOptions::builder()
            .hook(
                noop(HookEvent::PreToolUse)
                    .matcher("Bash")
                    .timeout(Duration::from_secs(30)),
            )
            .hook(noop(HookEvent::PostToolUse))
            .hook(
                noop(HookEvent::PreToolUse)
                    .matcher("Write|Edit")
                    .timeout(Duration::from_millis(1500))
                    .on_failure(OnFailure::Block),
            )
            .build();
        assert_eq!(
            options.handlers.hooks_config(),
            Some(json!({
                "PreToolUse": [
                    {"matcher": "Bash", "hookCallbackIds": ["hook_0"], "timeout": 30},
                    {"matcher": "Write|Edit", "hookCallbackIds": ["hook_2"], "timeout": 1.5, "onFailure": "block"}
                ],
                "PostToolUse": [{"matcher": null, "hookCallbackIds": ["hook_1"]}]
            }))
        );
        let ids: Vec<_> = options.handlers.hook_callbacks.keys().cloned().collect();
        assert_eq!(ids, ["hook_0", "hook_1", "hook_2"]);
        // More hooks on a copy continue the numbering.
        let more = options.to_builder().hook(noop(HookEvent::Stop)).build();
        assert!(more.handlers.hook_callbacks.contains_key("hook_3"));
    }

    #[test]
    fn block_needs_the_cli_to_support_it() {
        let options = ClaudeAgentOptions::builder()
            .hook(noop(HookEvent::PreToolUse).on_failure(OnFailure::Block))
            .build();
        let old: InitializeResponse = serde_json::from_value(json!({})).unwrap();
        let err = check_initialize_response(&options.handlers, &old).unwrap_err();
        assert!(
            err.to_string().contains("on-failure policy `block`"),
            "{err}"
        );
        let new: InitializeResponse =
            serde_json::from_value(json!({"hook_on_failure_supported": true})).unwrap();
        check_initialize_response(&options.handlers, &new).unwrap();

        let lenient = ClaudeAgentOptions::builder()
            .hook(noop(HookEvent::PreToolUse).on_failure(OnFailure::Continue))
            .build();
        check_initialize_response(&lenient.handlers, &old).unwrap();
    }

    #[test]
    #[should_panic(expected = "timeout must be longer than zero")]
    fn a_zero_timeout_is_a_programming_error() {
        let _ = noop(HookEvent::Stop).timeout(Duration::ZERO);
    }
}
