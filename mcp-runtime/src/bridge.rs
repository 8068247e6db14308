//! [`Bridge`]: an [`McpServer`] answering JSON-RPC messages one at a time,
//! for hosts that carry MCP inside another protocol (Claude Code's
//! `mcp_message` control requests).
//!
//! One long-lived rmcp service runs per bridge, over a pair of channels of
//! typed JSON-RPC messages. Each request is pushed in and its response is
//! matched by JSON-RPC id; notifications are pushed in and acknowledged at
//! once; what the server sends on its own (progress, list changes) goes to a
//! callback. Requests run concurrently. Dropping the last handle to a bridge
//! closes the service's input: the service and its tasks stop, and let go of
//! the server (and so of the tools' state).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use futures::StreamExt;
use futures::channel::mpsc;
use rmcp::ServiceExt;
use rmcp::model::{
    ClientJsonRpcMessage, ClientRequest, JsonRpcMessage, RequestId, ServerJsonRpcMessage,
};
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::handler::Handler;
use crate::server::McpServer;

/// JSON-RPC: invalid request.
const INVALID_REQUEST: i64 = -32600;
/// JSON-RPC: internal error.
const INTERNAL_ERROR: i64 = -32603;
/// JSON-RPC: method not found.
const METHOD_NOT_FOUND: i64 = -32601;
/// MCP: request cancelled.
const REQUEST_CANCELLED: i64 = -32800;

/// Where a bridge sends the messages its server sends on its own: progress
/// and list-changed notifications (JSON-RPC notification objects).
pub type NotificationSink = Arc<dyn Fn(Value) + Send + Sync>;

/// An [`McpServer`] that answers JSON-RPC messages handed to it one at a
/// time: the in-process transport behind Claude Code's `{"type": "sdk"}`
/// servers. Make one per client connection with [`McpServer::bridge`].
///
/// Clones share one server session. When the last clone is dropped, the
/// session stops in the background, and the server's tools are dropped
/// once nothing else holds the [`McpServer`].
///
/// ```
/// use claude_agent_mcp::{McpServer, tool};
/// use serde_json::json;
///
/// #[tool]
/// async fn add(a: i64, b: i64) -> String { (a + b).to_string() }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let bridge = McpServer::new("calc").version("1.0.0").tool(add).bridge(|_notification| {});
/// let init = bridge.handle(json!({
///     "jsonrpc": "2.0", "id": 0, "method": "initialize",
///     "params": {"protocolVersion": "2025-11-25", "capabilities": {},
///                "clientInfo": {"name": "demo", "version": "1"}}
/// })).await;
/// assert_eq!(init["result"]["serverInfo"], json!({"name": "calc", "version": "1.0.0"}));
/// let ack = bridge.handle(json!({"jsonrpc": "2.0", "method": "notifications/initialized"})).await;
/// assert_eq!(ack, json!({"jsonrpc": "2.0", "result": {}}));
/// let sum = bridge.handle(json!({
///     "jsonrpc": "2.0", "id": 1, "method": "tools/call",
///     "params": {"name": "add", "arguments": {"a": 40, "b": 2}}
/// })).await;
/// assert_eq!(sum["result"]["content"][0]["text"], "42");
/// # }
/// ```
#[derive(Clone)]
pub struct Bridge {
    inner: Arc<Inner>,
}

struct Inner {
    handler: Handler,
    notify: NotificationSink,
    session: Mutex<Option<Session>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The outbox task holds a sender of its own (to refuse server
        // requests): close the channel for every sender, so that the service
        // sees its input end, stops, and the outbox task ends with it.
        let slot = self
            .session
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(session) = slot.take() {
            session.inbox.close_channel();
        }
    }
}

/// One run of the rmcp service.
#[derive(Clone)]
struct Session {
    inbox: mpsc::UnboundedSender<ClientJsonRpcMessage>,
    waiting: Arc<Mutex<HashMap<RequestId, oneshot::Sender<ServerJsonRpcMessage>>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl McpServer {
    /// A bridge serving this server to one client, one JSON-RPC message at
    /// a time (see [`Bridge`]). `notify` receives the notifications the
    /// server sends on its own. Needs a Tokio runtime.
    #[must_use]
    pub fn bridge(&self, notify: impl Fn(Value) + Send + Sync + 'static) -> Bridge {
        Bridge {
            inner: Arc::new(Inner {
                handler: Handler::new(self.clone()),
                notify: Arc::new(notify),
                session: Mutex::new(None),
            }),
        }
    }
}

impl Bridge {
    /// The server's name.
    #[must_use]
    pub fn server_name(&self) -> &str {
        self.inner.handler.server().name()
    }

    /// Handles one JSON-RPC message from the client and returns what to
    /// answer: the response of a request, or `{"jsonrpc": "2.0", "result":
    /// {}}` for a notification.
    ///
    /// Dropping the returned future before it completes cancels the request:
    /// the server is sent `notifications/cancelled` and its call is stopped.
    /// A new `initialize` after the server stopped starts it again.
    pub async fn handle(&self, message: Value) -> Value {
        let id = message.get("id").cloned().unwrap_or(Value::Null);
        let message: ClientJsonRpcMessage = match serde_json::from_value(message) {
            Ok(message) => message,
            Err(err) => {
                return error_value(
                    id,
                    INVALID_REQUEST,
                    &format!("not a valid MCP message: {err}"),
                );
            }
        };
        match message {
            JsonRpcMessage::Request(request) => {
                let initialize = matches!(request.request, ClientRequest::InitializeRequest(_));
                let Some(session) = self.session(initialize) else {
                    return error_value(
                        id,
                        INVALID_REQUEST,
                        &format!(
                            "the MCP server `{}` is not running: send `initialize` first",
                            self.server_name()
                        ),
                    );
                };
                let request_id = request.id.clone();
                self.request(session, request_id, JsonRpcMessage::Request(request), id)
                    .await
            }
            notification @ JsonRpcMessage::Notification(_) => {
                if let Some(session) = self.session(false) {
                    if let Some(cancelled) = cancelled_request_id(&notification) {
                        // rmcp sends no response for a cancelled request.
                        lock(&session.waiting).remove(&cancelled);
                    }
                    let _ = session.inbox.unbounded_send(notification);
                }
                json!({"jsonrpc": "2.0", "result": {}})
            }
            // Answers to server-to-client requests.
            other => {
                if let Some(session) = self.session(false) {
                    let _ = session.inbox.unbounded_send(other);
                }
                json!({"jsonrpc": "2.0", "result": {}})
            }
        }
    }

    async fn request(
        &self,
        session: Session,
        request_id: RequestId,
        message: ClientJsonRpcMessage,
        id: Value,
    ) -> Value {
        let (reply, response) = oneshot::channel();
        {
            let mut waiting = lock(&session.waiting);
            if waiting.contains_key(&request_id) {
                return error_value(
                    id,
                    INVALID_REQUEST,
                    &format!("a request with id {request_id} is already in flight"),
                );
            }
            waiting.insert(request_id.clone(), reply);
        }
        let mut guard = CancelOnDrop {
            session: session.clone(),
            id: Some(request_id),
        };
        if session.inbox.unbounded_send(message).is_err() {
            guard.disarm();
            return error_value(id, INTERNAL_ERROR, &self.stopped());
        }
        let outcome = response.await;
        guard.disarm();
        match outcome {
            Ok(message) => serde_json::to_value(message).unwrap_or_else(|err| {
                error_value(
                    id,
                    INTERNAL_ERROR,
                    &format!("unserializable response: {err}"),
                )
            }),
            Err(_) if session.inbox.is_closed() => error_value(id, INTERNAL_ERROR, &self.stopped()),
            Err(_) => error_value(id, REQUEST_CANCELLED, "the request was cancelled"),
        }
    }

    fn stopped(&self) -> String {
        format!("the MCP server `{}` stopped", self.server_name())
    }

    /// The running session; with `start`, a new one if none is running.
    fn session(&self, start: bool) -> Option<Session> {
        let mut slot = lock(&self.inner.session);
        if let Some(session) = slot.as_ref().filter(|s| !s.inbox.is_closed()) {
            return Some(session.clone());
        }
        if !start {
            return None;
        }
        let session = self.start();
        *slot = Some(session.clone());
        Some(session)
    }

    fn start(&self) -> Session {
        let (inbox, server_in) = mpsc::unbounded::<ClientJsonRpcMessage>();
        let (server_out, mut outbox) = mpsc::unbounded::<ServerJsonRpcMessage>();
        let waiting: Arc<Mutex<HashMap<RequestId, oneshot::Sender<ServerJsonRpcMessage>>>> =
            Arc::default();
        let session = Session {
            inbox: inbox.clone(),
            waiting: waiting.clone(),
        };
        let handler = self.inner.handler.clone();
        let name = self.server_name().to_owned();
        // `serve` returns only once `initialize` is handled: it runs in its
        // own task.
        tokio::spawn(async move {
            match handler.serve((server_out, server_in)).await {
                Ok(running) => {
                    let reason = running.waiting().await;
                    tracing::debug!(server = %name, ?reason, "MCP server stopped");
                }
                Err(err) => {
                    tracing::debug!(server = %name, error = %err, "MCP server did not start")
                }
            }
        });
        let notify = self.inner.notify.clone();
        tokio::spawn(async move {
            while let Some(message) = outbox.next().await {
                match message {
                    JsonRpcMessage::Response(ref response) => {
                        let id = response.id.clone();
                        resolve(&waiting, &id, message);
                    }
                    JsonRpcMessage::Error(ref error) => match error.id.clone() {
                        Some(id) => resolve(&waiting, &id, message),
                        None => tracing::warn!(error = ?error.error, "MCP error without an id"),
                    },
                    JsonRpcMessage::Notification(_) => match serde_json::to_value(&message) {
                        Ok(value) => notify(value),
                        Err(err) => tracing::warn!(error = %err, "unserializable notification"),
                    },
                    JsonRpcMessage::Request(request) => {
                        // Sampling, elicitation and roots cannot travel this
                        // way: refuse them so the server does not wait.
                        let refusal = json!({
                            "jsonrpc": "2.0",
                            "id": request.id,
                            "error": {"code": METHOD_NOT_FOUND, "message": "not supported by an in-process client"}
                        });
                        if let Ok(refusal) = serde_json::from_value(refusal) {
                            let _ = inbox.unbounded_send(refusal);
                        }
                    }
                }
            }
            // The server is gone: every waiter fails.
            lock(&waiting).clear();
        });
        session
    }
}

fn resolve(
    waiting: &Mutex<HashMap<RequestId, oneshot::Sender<ServerJsonRpcMessage>>>,
    id: &RequestId,
    message: ServerJsonRpcMessage,
) {
    match lock(waiting).remove(id) {
        Some(reply) => {
            let _ = reply.send(message);
        }
        None => tracing::debug!(%id, "response to a request nobody waits for"),
    }
}

fn cancelled_request_id(notification: &ClientJsonRpcMessage) -> Option<RequestId> {
    let value = serde_json::to_value(notification).ok()?;
    if value.get("method")?.as_str()? != "notifications/cancelled" {
        return None;
    }
    serde_json::from_value(value.get("params")?.get("requestId")?.clone()).ok()
}

fn error_value(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Cancels a request whose caller stopped waiting.
struct CancelOnDrop {
    session: Session,
    id: Option<RequestId>,
}

impl CancelOnDrop {
    fn disarm(&mut self) {
        self.id = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        let Some(id) = self.id.take() else {
            return;
        };
        lock(&self.session.waiting).remove(&id);
        let cancelled = json!({
            "jsonrpc": "2.0",
            "method": "notifications/cancelled",
            "params": {"requestId": id, "reason": "the client stopped waiting"}
        });
        if let Ok(cancelled) = serde_json::from_value(cancelled) {
            let _ = self.session.inbox.unbounded_send(cancelled);
        }
        tracing::debug!(%id, "MCP request cancelled");
    }
}

impl fmt::Debug for Bridge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bridge")
            .field("server", &self.server_name())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initialize(id: u64) -> Value {
        json!({
            "jsonrpc": "2.0", "id": id, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                       "clientInfo": {"name": "test", "version": "1"}}
        })
    }

    #[tokio::test]
    async fn a_new_initialize_restarts_a_stopped_server() {
        let bridge = McpServer::new("s").bridge(|_| {});
        let first = bridge.handle(initialize(0)).await;
        assert_eq!(first["result"]["serverInfo"]["name"], "s");
        // The service goes away (its transport closes).
        lock(&bridge.inner.session)
            .as_ref()
            .unwrap()
            .inbox
            .close_channel();
        let list = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"});
        let refused = bridge.handle(list.clone()).await;
        assert_eq!(refused["error"]["code"], INVALID_REQUEST);
        let again = bridge.handle(initialize(2)).await;
        assert_eq!(again["id"], 2);
        assert_eq!(again["result"]["serverInfo"]["name"], "s");
        let listed = bridge.handle(list).await;
        assert_eq!(listed["result"]["tools"], json!([]));
    }
}
