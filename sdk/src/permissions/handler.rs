//! Answering `can_use_tool` and `elicitation` requests.

use std::sync::Arc;

use async_trait::async_trait;
use futures::future::BoxFuture;
use serde_json::Value;

use super::{ElicitationRequest, ElicitationResponse, PermissionResult, ToolPermissionRequest};
use crate::control::{Cancellation, InboundHandler, InboundRequest};

pub(crate) type CanUseToolFn = Arc<
    dyn Fn(ToolPermissionRequest) -> BoxFuture<'static, Result<PermissionResult, String>>
        + Send
        + Sync,
>;

pub(crate) type ElicitationFn =
    Arc<dyn Fn(ElicitationRequest) -> BoxFuture<'static, ElicitationResponse> + Send + Sync>;

/// The request body without its `subtype`.
fn fields(mut body: Value) -> Value {
    if let Value::Object(fields) = &mut body {
        fields.remove("subtype");
    }
    body
}

/// Runs the `can_use_tool` callback. There is no timeout: the CLI waits
/// for the user as long as it takes (and withdraws the request on an
/// interrupt, which stops the callback).
pub(crate) struct CanUseToolHandler {
    pub(crate) callback: CanUseToolFn,
}

#[async_trait]
impl InboundHandler for CanUseToolHandler {
    async fn handle(&self, request: InboundRequest) -> Result<Value, String> {
        let mut permission: ToolPermissionRequest = serde_json::from_value(fields(request.body))
            .map_err(|e| format!("the SDK could not read the permission request: {e}"))?;
        let (cancellation, fire_on_drop) = Cancellation::new();
        permission.cancellation = cancellation;
        let original_input = permission.input.clone();
        let tool = permission.tool_name.clone();
        let answer = (self.callback)(permission).await;
        fire_on_drop.disarm();
        match answer {
            Ok(result) => Ok(result.to_wire(&original_input)),
            Err(message) => {
                tracing::warn!(%tool, error = %message, "the can_use_tool callback failed");
                Err(message)
            }
        }
    }
}

/// Runs the elicitation callback.
pub(crate) struct ElicitationHandler {
    pub(crate) callback: ElicitationFn,
}

#[async_trait]
impl InboundHandler for ElicitationHandler {
    async fn handle(&self, request: InboundRequest) -> Result<Value, String> {
        let mut elicitation: ElicitationRequest = serde_json::from_value(fields(request.body))
            .map_err(|e| format!("the SDK could not read the elicitation request: {e}"))?;
        let (cancellation, fire_on_drop) = Cancellation::new();
        elicitation.cancellation = cancellation;
        let answer = (self.callback)(elicitation).await;
        fire_on_drop.disarm();
        Ok(answer.to_value())
    }
}
