//! The HTTP server: binding, routing, the turn queue and recording.

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::serve::ListenerExt;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::error::{ApiError, ApiErrorKind};
use super::record::RecordedRequest;
use super::reply::{self, ResolvedMessage};
use super::script;
use super::turn::{Reply, Turn};

/// Largest request body accepted (conversations with long texts get big).
const MAX_BODY_BYTES: usize = 512 * 1024 * 1024;
/// How long [`ScriptedModel::shutdown`] waits for open connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// The model named in answers when the request names none.
const DEFAULT_MODEL: &str = "claude-scripted";

/// A local, scripted stand-in for the Anthropic Messages API.
///
/// It listens on `127.0.0.1` on a free port and answers `POST /v1/messages`
/// (streaming or not) from queued [`Turn`]s or, when none is queued, from
/// directives in the conversation (see the [module docs](self::super)).
/// `POST /v1/messages/count_tokens` answers a rough token count; any other
/// path answers a 404 API error. Every request is recorded.
///
/// Starting one is cheap (one task, one socket); start one per test. The
/// server stops when this value is dropped or [`shutdown`](Self::shutdown).
///
/// ```no_run
/// use claude_agent_sdk::testing::{ScriptedModel, Turn};
///
/// # async fn demo() -> std::io::Result<()> {
/// let model = ScriptedModel::start().await?;
/// model.push(Turn::text("Hello from the script"));
/// // Point the CLI at it:
/// println!("ANTHROPIC_BASE_URL={}", model.base_url());
/// # Ok(())
/// # }
/// ```
pub struct ScriptedModel {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// Options for a [`ScriptedModel`], from [`ScriptedModel::builder`].
#[must_use]
#[derive(Clone, Debug)]
pub struct ScriptedModelBuilder {
    chunk_chars: usize,
    fallback_text: String,
}

impl Default for ScriptedModelBuilder {
    fn default() -> Self {
        Self {
            chunk_chars: 1000,
            fallback_text: "OK".to_owned(),
        }
    }
}

impl ScriptedModelBuilder {
    /// How many characters each streamed `text_delta` (and `thinking_delta`)
    /// carries at most. Default 1000; 0 counts as 1.
    pub fn chunk_size(mut self, chars: usize) -> Self {
        self.chunk_chars = chars.max(1);
        self
    }

    /// The answer to a conversation without directives when no turn is
    /// queued. Default `OK`.
    pub fn fallback_text(mut self, text: impl Into<String>) -> Self {
        self.fallback_text = text.into();
        self
    }

    /// Binds `127.0.0.1:0` and starts serving in a background task of the
    /// current Tokio runtime.
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime.
    pub async fn start(self) -> io::Result<ScriptedModel> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let (shutdown, shutdown_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            chunk_chars: self.chunk_chars,
            fallback_text: self.fallback_text,
            queue: Mutex::new(VecDeque::new()),
            requests: Mutex::new(Vec::new()),
            message_requests: watch::channel(0).0,
            next_tool_id: AtomicU64::new(0),
            next_message_id: AtomicU64::new(1),
            next_request_id: AtomicU64::new(1),
            shutdown: shutdown_rx.clone(),
        });
        let router = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        let listener = listener.tap_io(|tcp| {
            // Events are small and latency matters more than packet count.
            let _ = tcp.set_nodelay(true);
        });
        let mut signal = shutdown_rx;
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async move {
                let _ = signal.wait_for(|stop| *stop).await;
            });
            if let Err(error) = serve.await {
                tracing::warn!(%error, "scripted model server failed");
            }
        });
        tracing::debug!(%addr, "scripted model listening");
        Ok(ScriptedModel {
            shared,
            addr,
            shutdown,
            task: Some(task),
        })
    }
}

impl ScriptedModel {
    /// Starts a server with default options (see [`ScriptedModelBuilder`]).
    ///
    /// # Panics
    ///
    /// When called outside a Tokio runtime.
    pub async fn start() -> io::Result<Self> {
        ScriptedModelBuilder::default().start().await
    }

    /// Options for a server: chunk size, fallback text.
    pub fn builder() -> ScriptedModelBuilder {
        ScriptedModelBuilder::default()
    }

    /// The URL to give the CLI as `ANTHROPIC_BASE_URL`: `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Queues a turn: the next model request that finds no earlier turn
    /// queued is answered with it.
    pub fn push(&self, turn: Turn) {
        self.shared.queue().push_back(turn);
    }

    /// Queues several turns, in order.
    pub fn push_many(&self, turns: impl IntoIterator<Item = Turn>) {
        self.shared.queue().extend(turns);
    }

    /// How many queued turns are still waiting for a request.
    pub fn pending_turns(&self) -> usize {
        self.shared.queue().len()
    }

    /// Drops every queued turn; directives answer from then on.
    pub fn clear_turns(&self) {
        self.shared.queue().clear();
    }

    /// The model requests (`POST /v1/messages`) received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared
            .requests()
            .iter()
            .filter(|r| r.is_messages_request())
            .cloned()
            .collect()
    }

    /// Every request received so far, in order, including token counts and
    /// unknown paths.
    pub fn all_requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests().clone()
    }

    /// Waits until at least `n` model requests have arrived, then returns
    /// them (as [`requests`](Self::requests)).
    ///
    /// # Errors
    ///
    /// [`io::ErrorKind::TimedOut`] when fewer arrived within `timeout`.
    pub async fn wait_for_requests(
        &self,
        n: usize,
        timeout: Duration,
    ) -> io::Result<Vec<RecordedRequest>> {
        let mut count = self.shared.message_requests.subscribe();
        let reached =
            tokio::time::timeout(timeout, async { count.wait_for(|c| *c >= n).await.is_ok() })
                .await
                .unwrap_or(false);
        if reached {
            return Ok(self.requests());
        }
        let got = *self.shared.message_requests.borrow();
        Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("only {got} of {n} model requests arrived within {timeout:?}"),
        ))
    }

    /// Stops the server: no new connections are accepted, hanging and
    /// delayed answers end with a 503 error, and open connections are given a
    /// few seconds to finish.
    pub async fn shutdown(mut self) {
        self.shutdown.send_replace(true);
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(SHUTDOWN_GRACE, task).await.is_err() {
                abort.abort();
            }
        }
    }
}

impl Drop for ScriptedModel {
    fn drop(&mut self) {
        // The server task ends by itself once its connections are closed.
        self.shutdown.send_replace(true);
    }
}

impl fmt::Debug for ScriptedModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScriptedModel")
            .field("addr", &self.addr)
            .field("pending_turns", &self.pending_turns())
            .finish_non_exhaustive()
    }
}

/// State shared by the handle and the request handlers.
struct Shared {
    chunk_chars: usize,
    fallback_text: String,
    queue: Mutex<VecDeque<Turn>>,
    requests: Mutex<Vec<RecordedRequest>>,
    /// Number of model requests received.
    message_requests: watch::Sender<usize>,
    next_tool_id: AtomicU64,
    next_message_id: AtomicU64,
    next_request_id: AtomicU64,
    /// Becomes `true` when the server shuts down.
    shutdown: watch::Receiver<bool>,
}

impl Shared {
    fn queue(&self) -> MutexGuard<'_, VecDeque<Turn>> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn requests(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, request: RecordedRequest) {
        let is_message = request.is_messages_request();
        self.requests().push(request);
        if is_message {
            self.message_requests.send_modify(|n| *n += 1);
        }
    }

    /// Resolves when the server shuts down.
    async fn stopped(&self) {
        let mut shutdown = self.shutdown.clone();
        let _ = shutdown.wait_for(|stop| *stop).await;
    }

    /// Answers a model request.
    async fn answer(&self, body: &Value, request_id: &str) -> Response {
        let queued = self.queue().pop_front();
        let turn = queued.unwrap_or_else(|| {
            let messages = match body.get("messages") {
                Some(Value::Array(messages)) => messages.as_slice(),
                _ => &[],
            };
            script::answer(messages, &self.fallback_text)
        });

        if !turn.delay.is_zero() {
            tokio::select! {
                () = tokio::time::sleep(turn.delay) => {}
                () = self.stopped() => return shutting_down(request_id),
            }
        }
        match turn.reply {
            Reply::Hang => {
                self.stopped().await;
                shutting_down(request_id)
            }
            Reply::Error(error) => reply::error_response(&error, request_id),
            Reply::Message(message) => {
                let id = format!(
                    "msg_{:04}",
                    self.next_message_id.fetch_add(1, Ordering::Relaxed)
                );
                let model = body
                    .get("model")
                    .and_then(Value::as_str)
                    .unwrap_or(DEFAULT_MODEL)
                    .to_owned();
                let message = ResolvedMessage::new(message, id, model, || {
                    let n = self.next_tool_id.fetch_add(1, Ordering::Relaxed);
                    format!("toolu_{n:04}")
                });
                if body.get("stream").and_then(Value::as_bool) == Some(true) {
                    reply::sse_response(message, self.chunk_chars, request_id)
                } else {
                    reply::message_response(&message, request_id)
                }
            }
        }
    }
}

/// The answer to a request cut short by the server's shutdown.
fn shutting_down(request_id: &str) -> Response {
    let mut error = ApiError::from_status(503);
    error.message = Some("scripted model shut down".to_owned());
    reply::error_response(&error, request_id)
}

/// Every request: record it, then route it.
async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let request_id = format!(
        "req_{:04}",
        shared.next_request_id.fetch_add(1, Ordering::Relaxed)
    );
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let (body, body_len, too_large) = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) if bytes.is_empty() => (Value::Null, 0, false),
        Ok(bytes) => (
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            bytes.len(),
            false,
        ),
        Err(_) => (Value::Null, 0, true),
    };
    let body = Arc::new(body);
    let recorded = RecordedRequest::new(
        parts.method.to_string(),
        path,
        query,
        headers,
        Arc::clone(&body),
    );
    let is_messages = recorded.is_messages_request();
    tracing::debug!(
        method = %parts.method,
        path = recorded.path(),
        streaming = recorded.is_streaming(),
        "scripted model request"
    );
    shared.record(recorded);

    if too_large {
        let error = ApiError::from_kind(ApiErrorKind::RequestTooLarge);
        return reply::error_response(&error, &request_id);
    }
    if is_messages {
        if !body.is_object() {
            let mut error = ApiError::from_kind(ApiErrorKind::InvalidRequest);
            error.message = Some("request body is not a JSON object".to_owned());
            return reply::error_response(&error, &request_id);
        }
        return shared.answer(&body, &request_id).await;
    }
    if parts.method == Method::POST && parts.uri.path() == "/v1/messages/count_tokens" {
        // A rough, deterministic estimate: four bytes per token.
        let tokens = (body_len / 4).max(1);
        return reply::json_response(
            StatusCode::OK,
            &json!({"input_tokens": tokens}),
            &request_id,
        );
    }
    let mut error = ApiError::from_kind(ApiErrorKind::NotFound);
    error.message = Some(format!(
        "scripted model: no route for {} {}",
        parts.method,
        parts.uri.path()
    ));
    reply::error_response(&error, &request_id)
}
