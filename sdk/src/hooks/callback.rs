//! Answering `hook_callback` requests: decode, run with a timeout, encode.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;

use super::matcher::{HookFn, HookMatcher};
use super::{HookContext, HookEvent};
use crate::control::{Cancellation, InboundHandler, InboundRequest};

/// Runs one registered hook for the CLI.
pub(crate) struct HookCallbackHandler {
    event: HookEvent,
    /// The matcher's timeout. Without one the CLI's default applies, and
    /// the CLI withdraws the request when it passes.
    timeout: Option<Duration>,
    callback: HookFn,
}

impl HookCallbackHandler {
    pub(crate) fn new(matcher: &HookMatcher) -> Self {
        Self {
            event: matcher.event.clone(),
            timeout: matcher.timeout,
            callback: matcher.callback.clone(),
        }
    }
}

#[async_trait]
impl InboundHandler for HookCallbackHandler {
    async fn handle(&self, request: InboundRequest) -> Result<Value, String> {
        let id = request
            .body
            .get("callback_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut body = request.body;
        let input = body.get_mut("input").map(Value::take).unwrap_or_default();
        let tool_use_id = body
            .get("tool_use_id")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let (cancellation, fire_on_drop) = Cancellation::new();
        let context = HookContext {
            tool_use_id,
            cancellation,
        };
        let call = (self.callback)(input, context);
        let answer = match self.timeout {
            None => call.await,
            Some(timeout) => match tokio::time::timeout(timeout, call).await {
                Ok(answer) => answer,
                Err(_) => {
                    // The callback's future is gone: tell whatever it started.
                    drop(fire_on_drop);
                    tracing::warn!(callback_id = %id, event = %self.event, ?timeout, "hook timed out");
                    return Err(format!(
                        "the {} hook `{id}` did not answer within {timeout:?}",
                        self.event
                    ));
                }
            },
        };
        fire_on_drop.disarm();
        match answer {
            Ok(output) => Ok(output.to_wire(&self.event)),
            Err(message) => {
                tracing::warn!(callback_id = %id, event = %self.event, error = %message, "hook failed");
                Err(format!("the {} hook `{id}` failed: {message}", self.event))
            }
        }
    }
}
