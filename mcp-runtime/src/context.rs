//! [`ToolContext`]: what a tool knows about the call it serves.

use std::fmt;

use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::{Peer, RequestContext};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::schema::JsonObject;

/// The `_meta` key under which Claude Code sends the tool-use id.
const TOOL_USE_ID_KEY: &str = "claudecode/toolUseId";

/// The context of one tool call: the tool-use id Claude gave it, progress
/// notifications, and a cancellation signal.
///
/// Add a `ToolContext` parameter to a `#[tool]` function to get it (at any
/// position; it is not part of the input schema).
///
/// ```
/// use claude_agent_mcp::ToolContext;
///
/// async fn crunch(ctx: &ToolContext) -> String {
///     for step in 1..=3 {
///         if ctx.is_cancelled() {
///             return "cancelled".into();
///         }
///         ctx.report_progress(f64::from(step), Some(3.0), Some("crunching")).await;
///     }
///     format!("done ({})", ctx.tool_use_id().unwrap_or("no id"))
/// }
/// # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # let text = runtime.block_on(crunch(&ToolContext::detached()));
/// # assert_eq!(text, "done (no id)");
/// ```
#[derive(Clone)]
pub struct ToolContext {
    meta: JsonObject,
    progress_token: Option<ProgressToken>,
    peer: Option<Peer<RoleServer>>,
    cancel: CancellationToken,
}

impl ToolContext {
    /// A context that belongs to no client: no tool-use id, progress goes
    /// nowhere, never cancelled. For calling tools in unit tests.
    #[must_use]
    pub fn detached() -> Self {
        Self {
            meta: JsonObject::new(),
            progress_token: None,
            peer: None,
            cancel: CancellationToken::new(),
        }
    }

    pub(crate) fn from_request(context: &RequestContext<RoleServer>) -> Self {
        Self {
            meta: context.meta.0.0.clone(),
            progress_token: context.meta.get_progress_token(),
            peer: Some(context.peer.clone()),
            cancel: context.ct.clone(),
        }
    }

    /// The id of the `tool_use` block this call answers, when the client is
    /// Claude Code (from `_meta["claudecode/toolUseId"]`).
    #[must_use]
    pub fn tool_use_id(&self) -> Option<&str> {
        self.meta.get(TOOL_USE_ID_KEY).and_then(Value::as_str)
    }

    /// The request's `_meta`, as the client sent it.
    #[must_use]
    pub fn meta(&self) -> &JsonObject {
        &self.meta
    }

    /// Whether the client cancelled the call (or went away).
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Resolves when the client cancels the call.
    ///
    /// A cancelled call is stopped for you: its future is dropped at its
    /// next `.await`, and no result is sent. Use this for work the tool
    /// handed to other tasks or threads (pass them a clone of the context),
    /// and [`is_cancelled`](Self::is_cancelled) in long loops that do not
    /// await.
    pub async fn cancelled(&self) {
        self.cancel.cancelled().await;
    }

    /// Sends a progress notification, if the client asked for progress
    /// (Claude Code always does). `progress` should grow with every call;
    /// `total` is the value it will reach, if known.
    ///
    /// Progress is best-effort: a client that is gone or did not ask for it
    /// is not an error.
    pub async fn report_progress(&self, progress: f64, total: Option<f64>, message: Option<&str>) {
        let (Some(peer), Some(token)) = (&self.peer, &self.progress_token) else {
            return;
        };
        let mut param = ProgressNotificationParam::new(token.clone(), progress);
        param.total = total;
        param.message = message.map(str::to_owned);
        if let Err(err) = peer.notify_progress(param).await {
            tracing::debug!(error = %err, "progress notification not sent");
        }
    }
}

impl fmt::Debug for ToolContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ToolContext")
            .field("tool_use_id", &self.tool_use_id())
            .field("progress", &self.progress_token.is_some())
            .field("cancelled", &self.is_cancelled())
            .finish_non_exhaustive()
    }
}
