//! The connection engine: one CLI process, its reader, writer, stderr and
//! process tasks, outbound control requests and inbound handlers.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use futures::FutureExt;
use serde_json::{Map, Value, json};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, mpsc, oneshot, watch};
use tokio::task::AbortHandle;
use tracing::Instrument;

use super::handlers::{Handlers, InboundRequest, SessionHandlers};
use super::inflight::Inflight;
use super::run_state::RunState;
use super::tasks::{self, StderrTail};
use crate::error::{Error, ExitInfo, Result};
use crate::messages::Message;
use crate::transport::TransportIo;

/// What the engine delivers to the consumer of its messages.
#[derive(Debug)]
pub(crate) enum Event {
    /// A message.
    Message(Box<Message>),
    /// A problem with one line; the stream goes on.
    LineError(Error),
    /// The CLI's output ended and the process exited.
    Closed(ExitInfo),
}

/// Bytes of input that may wait for the CLI to read them. Past this, writers
/// wait (up to the control timeout) for the CLI to catch up.
pub(crate) const OUTBOUND_BUDGET: usize = 8 * 1024 * 1024;
/// Control requests from the CLI that the SDK's handlers serve at once.
pub(crate) const HANDLERS_RUNNING: usize = 64;
/// Control requests from the CLI that may be in the SDK's hands (running or
/// waiting for a handler slot); further ones are answered with an error at
/// once.
pub(crate) const HANDLERS_QUEUED: usize = 1024;

/// Commands for the writer task.
#[derive(Debug)]
pub(crate) enum WriterCommand {
    /// Write one NDJSON line (the newline is included). The permit holds
    /// the line's share of the outbound budget until it is written.
    Line(Vec<u8>, Option<OwnedSemaphorePermit>),
    /// Close the CLI's stdin.
    Close,
}

/// Engine settings taken from the options.
#[derive(Clone)]
pub(crate) struct EngineConfig {
    pub(crate) max_line: usize,
    pub(crate) control_timeout: Duration,
    pub(crate) shutdown_grace: Duration,
    pub(crate) stderr: Option<crate::options::StderrCallback>,
    pub(crate) idle_timeout: Option<Duration>,
    /// Cuts the secrets the SDK passed to the CLI out of its stderr.
    pub(crate) redactor: crate::redact::Redactor,
    /// Private files the CLI reads during the session (`--settings`),
    /// removed when it has exited.
    pub(crate) session_files: crate::options::secret_files::SessionFiles,
}

struct Pending {
    subtype: String,
    reply: oneshot::Sender<Result<Value>>,
}

/// State shared by the engine's handle and its tasks.
pub(crate) struct Shared {
    writer: mpsc::UnboundedSender<WriterCommand>,
    shutdown: mpsc::UnboundedSender<Duration>,
    pending: Mutex<HashMap<String, Pending>>,
    inflight: Mutex<Inflight>,
    /// The outbound budget, in bytes ([`OUTBOUND_BUDGET`]).
    write_budget: Arc<Semaphore>,
    /// Slots for running handlers ([`HANDLERS_RUNNING`]).
    handler_slots: Arc<Semaphore>,
    /// Prompts written whose result has not come yet.
    awaiting_results: AtomicU64,
    /// Wakes the stdout reader when what it waits for changes (a prompt
    /// sent, a handler done), so it can re-arm its idle clock.
    activity: Notify,
    /// The tasks to abort when the CLI is gone (stdin writer, stderr
    /// reader): a grandchild holding a pipe must not keep them alive.
    io_tasks: Mutex<Vec<AbortHandle>>,
    closed: Mutex<Option<ExitInfo>>,
    input_closed: AtomicBool,
    ended_by_caller: AtomicBool,
    next_id: AtomicU64,
    id_salt: u64,
    run: watch::Sender<RunState>,
    handlers: SessionHandlers,
    config: EngineConfig,
    pid: Option<u32>,
}

/// A handle on a running CLI. Cloning shares the same process.
#[derive(Clone)]
pub(crate) struct Engine {
    shared: Arc<Shared>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding one of these locks leaves plain data behind;
    // keep going rather than poisoning the whole session.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Engine {
    /// Starts the engine's tasks on a started transport.
    pub(crate) fn start(
        io: TransportIo,
        handlers: Handlers,
        config: EngineConfig,
    ) -> (Engine, mpsc::UnboundedReceiver<Event>) {
        let (writer_tx, writer_rx) = mpsc::unbounded_channel();
        let (shutdown_tx, shutdown_rx) = mpsc::unbounded_channel();
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let (run_tx, _) = watch::channel(RunState::default());
        let (exit_tx, exit_rx) = watch::channel(None);
        let TransportIo {
            stdin,
            stdout,
            stderr,
            process,
        } = io;
        let pid = process.id();
        let shared = Arc::new_cyclic(|weak| Shared {
            writer: writer_tx.clone(),
            shutdown: shutdown_tx,
            pending: Mutex::new(HashMap::new()),
            inflight: Mutex::new(Inflight::default()),
            write_budget: Arc::new(Semaphore::new(OUTBOUND_BUDGET)),
            handler_slots: Arc::new(Semaphore::new(HANDLERS_RUNNING)),
            awaiting_results: AtomicU64::new(0),
            activity: Notify::new(),
            io_tasks: Mutex::new(Vec::new()),
            closed: Mutex::new(None),
            input_closed: AtomicBool::new(false),
            ended_by_caller: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            id_salt: random_salt(),
            run: run_tx,
            handlers: handlers.start(&ControlSender {
                shared: weak.clone(),
            }),
            config: config.clone(),
            pid,
        });
        // The tasks run in the caller's span (the query or client span).
        let span = tracing::Span::current();
        let tail = Arc::new(StderrTail::default());
        let stderr_done = tokio::spawn(
            tasks::read_stderr(stderr, tail.clone(), config.stderr, config.redactor)
                .instrument(span.clone()),
        );
        let writer = tokio::spawn(tasks::write_stdin(stdin, writer_rx).instrument(span.clone()));
        lock(&shared.io_tasks).extend([stderr_done.abort_handle(), writer.abort_handle()]);
        tokio::spawn(
            tasks::watch_process(process, shutdown_rx, writer_tx, exit_tx, stderr_done, tail)
                .instrument(span.clone()),
        );
        tokio::spawn(
            tasks::read_stdout(shared.clone(), stdout, config.max_line, events_tx, exit_rx)
                .instrument(span),
        );
        (Engine { shared }, events_rx)
    }

    /// The CLI's process id, if the transport knows it.
    pub(crate) fn pid(&self) -> Option<u32> {
        self.shared.pid
    }

    /// Sends a control request and waits for its answer (with the
    /// configured timeout).
    pub(crate) async fn request(&self, body: Map<String, Value>) -> Result<Value> {
        let timeout = self.shared.config.control_timeout;
        self.send_request(body).await?.wait(timeout).await
    }

    /// Sends a control request; the answer can be awaited later. Waits
    /// while the CLI is behind on reading its input.
    pub(crate) async fn send_request(&self, body: Map<String, Value>) -> Result<PendingReply> {
        let (frame, pending) = self.register_request(body)?;
        let written = self.shared.write_value(&frame).await;
        self.sent(written, pending)
    }

    /// Like [`send_request`](Self::send_request), but fails at once instead
    /// of waiting when the CLI is behind on reading its input.
    pub(crate) fn try_send_request(&self, body: Map<String, Value>) -> Result<PendingReply> {
        let (frame, pending) = self.register_request(body)?;
        let written = self.shared.try_write_value(&frame);
        self.sent(written, pending)
    }

    fn sent(&self, written: Result<()>, pending: PendingReply) -> Result<PendingReply> {
        // The writer is gone (input closed, or the CLI going away): the
        // request was never sent, so fail it now rather than at its timeout.
        if let Err(err) = written {
            lock(&self.shared.pending).remove(&pending.id);
            tracing::debug!(error = %err, request_id = %pending.id, "control request not written");
            return Err(err);
        }
        tracing::debug!(request_id = %pending.id, subtype = %pending.subtype, "control request sent");
        Ok(pending)
    }

    fn register_request(&self, body: Map<String, Value>) -> Result<(Value, PendingReply)> {
        let subtype = body
            .get("subtype")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let n = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let id = format!(
            "req_{n}_{:08x}",
            (self.shared.id_salt ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15)) & 0xffff_ffff
        );
        let (reply, receiver) = oneshot::channel();
        {
            let mut pending = lock(&self.shared.pending);
            if let Some(exit) = lock(&self.shared.closed).clone() {
                return Err(Error::ProcessExited { exit });
            }
            pending.insert(
                id.clone(),
                Pending {
                    subtype: subtype.clone(),
                    reply,
                },
            );
        }
        let frame = json!({"type": "control_request", "request_id": id, "request": body});
        Ok((
            frame,
            PendingReply {
                shared: self.shared.clone(),
                id,
                subtype,
                receiver,
            },
        ))
    }

    /// Writes a user message to the CLI. Waits while the CLI is behind on
    /// reading its input (at most the control timeout).
    pub(crate) async fn send_input(&self, frame: &Value) -> Result<()> {
        if self.shared.input_closed.load(Ordering::Acquire) {
            return Err(Error::NotConnected(
                "the session's input is closed".to_owned(),
            ));
        }
        // Counted before it is written, so that a fast result cannot come
        // first.
        self.shared.awaiting_results.fetch_add(1, Ordering::AcqRel);
        let written = self.shared.write_value(frame).await;
        if written.is_err() {
            self.shared.result_came();
        }
        self.shared.activity.notify_one();
        written
    }

    /// Closes the CLI's input and waits up to `grace_to_exit` for it to exit
    /// on its own, then stops it; returns how it ended.
    pub(crate) async fn close_and_wait(&self, grace_to_exit: Duration) -> Option<ExitInfo> {
        self.end_input();
        let mut run = self.run_state();
        if tokio::time::timeout(grace_to_exit, run.wait_for(|s| s.closed))
            .await
            .is_err()
        {
            tracing::warn!("the CLI did not exit after its input closed; stopping it");
            self.shutdown(self.shutdown_grace());
            let _ = run.wait_for(|s| s.closed).await;
        }
        self.exit_info()
    }

    /// Closes the CLI's stdin: no more input. The CLI finishes its work and
    /// exits.
    pub(crate) fn end_input(&self) {
        self.shared.ended_by_caller.store(true, Ordering::Release);
        if !self.shared.input_closed.swap(true, Ordering::AcqRel) {
            let _ = self.shared.writer.send(WriterCommand::Close);
        }
    }

    /// Whether the caller ended the session (closed its input or stopped
    /// it), as opposed to the CLI going away on its own.
    pub(crate) fn ended_by_caller(&self) -> bool {
        self.shared.ended_by_caller.load(Ordering::Acquire)
    }

    /// Stops the CLI: closes stdin, waits `grace`, asks it to stop, waits
    /// `grace` again, then kills it. Returns at once; the reader reports the
    /// exit.
    pub(crate) fn shutdown(&self, grace: Duration) {
        self.shared.ended_by_caller.store(true, Ordering::Release);
        self.shared.input_closed.store(true, Ordering::Release);
        let _ = self.shared.shutdown.send(grace);
    }

    /// The configured grace period for shutdowns.
    pub(crate) fn shutdown_grace(&self) -> Duration {
        self.shared.config.shutdown_grace
    }

    /// Follows the run state.
    pub(crate) fn run_state(&self) -> watch::Receiver<RunState> {
        self.shared.run.subscribe()
    }

    /// How the CLI exited, once it has.
    pub(crate) fn exit_info(&self) -> Option<ExitInfo> {
        lock(&self.shared.closed).clone()
    }
}

/// Lets a handler send control requests of its own to the CLI (an MCP
/// server's notifications, for instance). It does not keep the session
/// alive.
#[derive(Clone)]
pub(crate) struct ControlSender {
    shared: Weak<Shared>,
}

impl ControlSender {
    /// Sends a control request without waiting for its answer; failures are
    /// logged.
    pub(crate) fn notify(&self, body: Map<String, Value>) {
        let Some(shared) = self.shared.upgrade() else {
            return;
        };
        // Notifications are not worth waiting for: when the CLI is behind
        // on reading, this one is dropped.
        match (Engine { shared }).try_send_request(body) {
            Ok(pending) => {
                let timeout = pending.shared.config.control_timeout;
                tokio::spawn(async move {
                    if let Err(err) = pending.wait(timeout).await {
                        tracing::debug!(error = %err, "control notification failed");
                    }
                });
            }
            Err(err) => tracing::debug!(error = %err, "control notification not sent"),
        }
    }
}

impl std::fmt::Debug for ControlSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ControlSender").finish_non_exhaustive()
    }
}

/// A control request that was sent and awaits its answer.
pub(crate) struct PendingReply {
    shared: Arc<Shared>,
    id: String,
    subtype: String,
    receiver: oneshot::Receiver<Result<Value>>,
}

impl PendingReply {
    /// Waits for the answer, at most `timeout`.
    pub(crate) async fn wait(mut self, timeout: Duration) -> Result<Value> {
        match tokio::time::timeout(timeout, &mut self.receiver).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(self.shared.closed_error()),
            Err(_) => Err(Error::Timeout {
                operation: format!("control request `{}`", self.subtype),
                after: timeout,
            }),
        }
    }
}

impl Drop for PendingReply {
    /// An answer nobody waits for any more (answered, timed out, or the
    /// waiter dropped) leaves no entry behind.
    fn drop(&mut self) {
        lock(&self.shared.pending).remove(&self.id);
    }
}

impl Shared {
    /// Queues one frame for the CLI's stdin, waiting (at most the control
    /// timeout) while the outbound budget is spent.
    async fn write_value(&self, value: &Value) -> Result<()> {
        self.write_within(value, Some(self.config.control_timeout))
            .await
    }

    /// Queues one frame for the CLI's stdin, waiting as long as it takes
    /// (until the CLI reads or goes away): for answers to the CLI's own
    /// requests, which must not be lost.
    async fn write_answer(&self, value: &Value) -> Result<()> {
        self.write_within(value, None).await
    }

    async fn write_within(&self, value: &Value, timeout: Option<Duration>) -> Result<()> {
        let line = encode(value)?;
        let acquire = self
            .write_budget
            .clone()
            .acquire_many_owned(budget_share(line.len()));
        let acquired = match timeout {
            Some(timeout) => {
                tokio::time::timeout(timeout, acquire)
                    .await
                    .map_err(|_| Error::Timeout {
                        operation: "writing to the CLI (it has stopped reading its input)"
                            .to_owned(),
                        after: timeout,
                    })?
            }
            None => acquire.await,
        };
        let permit = acquired.map_err(|_| self.closed_error())?;
        // The input may have closed while this waited: the writer takes no
        // line after it closes, so say so instead of dropping it silently.
        if self.input_closed.load(Ordering::Acquire) && lock(&self.closed).is_none() {
            return Err(Error::NotConnected(
                "the session's input is closed".to_owned(),
            ));
        }
        self.writer
            .send(WriterCommand::Line(line, Some(permit)))
            .map_err(|_| self.closed_error())
    }

    /// Queues one frame without waiting: fails when the outbound budget is
    /// spent.
    fn try_write_value(&self, value: &Value) -> Result<()> {
        let line = encode(value)?;
        let permit = match self
            .write_budget
            .clone()
            .try_acquire_many_owned(budget_share(line.len()))
        {
            Ok(permit) => permit,
            Err(tokio::sync::TryAcquireError::Closed) => return Err(self.closed_error()),
            Err(tokio::sync::TryAcquireError::NoPermits) => {
                return Err(Error::Timeout {
                    operation: "writing to the CLI (it has stopped reading its input)".to_owned(),
                    after: Duration::ZERO,
                });
            }
        };
        self.writer
            .send(WriterCommand::Line(line, Some(permit)))
            .map_err(|_| self.closed_error())
    }

    /// Whether the SDK waits for the CLI: a prompt's result is due and no
    /// handler of the SDK's own is running.
    pub(crate) fn awaits_output(&self) -> bool {
        self.awaiting_results.load(Ordering::Acquire) > 0 && lock(&self.inflight).is_empty()
    }

    /// Wakes when [`awaits_output`](Self::awaits_output) may have changed.
    pub(crate) async fn activity_changed(&self) {
        self.activity.notified().await;
    }

    /// The configured idle timeout.
    pub(crate) fn idle_timeout(&self) -> Option<Duration> {
        self.config.idle_timeout
    }

    fn closed_error(&self) -> Error {
        match lock(&self.closed).clone() {
            Some(exit) => Error::ProcessExited { exit },
            None => Error::NotConnected("the connection to the CLI is closed".to_owned()),
        }
    }

    /// Routes one frame from stdout. Returns the message to deliver, if the
    /// frame is one.
    pub(crate) fn route(self: &Arc<Self>, value: Value) -> Option<Value> {
        match value.get("type").and_then(Value::as_str) {
            Some("control_response") => {
                self.resolve(value);
                None
            }
            Some("control_request") => {
                self.serve(value);
                None
            }
            Some("control_cancel_request") => {
                self.cancel(&value);
                None
            }
            Some("keep_alive") => None,
            _ => Some(value),
        }
    }

    /// Updates the run state with a message about to be delivered.
    pub(crate) fn observe(&self, message: &Message) {
        if message.is_result() {
            self.result_came();
        }
        // Idle means nothing is running, whatever was counted (the CLI may
        // fold a prompt sent mid-turn into the running turn: one result for
        // two prompts).
        if let Message::System(crate::messages::SystemMessage::SessionStateChanged(change)) =
            message
            && change.state == crate::messages::SessionState::Idle
        {
            self.awaiting_results.store(0, Ordering::Release);
        }
        self.run.send_if_modified(|state| state.observe(message));
    }

    pub(crate) fn result_came(&self) {
        let _ = self
            .awaiting_results
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
    }

    pub(crate) fn observe_undecoded_result(&self, session_id: Option<String>) {
        self.result_came();
        self.run
            .send_if_modified(|state| state.observe_undecoded_result(session_id));
    }

    fn resolve(&self, mut value: Value) {
        let Some(response) = value.get_mut("response").map(Value::take) else {
            tracing::warn!("control_response without a response");
            return;
        };
        let Some(id) = response.get("request_id").and_then(Value::as_str) else {
            tracing::warn!("control_response without a request_id");
            return;
        };
        let Some(pending) = lock(&self.pending).remove(id) else {
            tracing::debug!(request_id = id, "late or unknown control_response ignored");
            return;
        };
        let outcome = match response.get("subtype").and_then(Value::as_str) {
            Some("success") => Ok(response.get("response").cloned().unwrap_or(Value::Null)),
            _ => Err(control_error(&pending.subtype, &response)),
        };
        let _ = pending.reply.send(outcome);
    }

    fn serve(self: &Arc<Self>, mut value: Value) {
        let Some(request_id) = value
            .get("request_id")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            tracing::warn!("control_request without a request_id ignored");
            return;
        };
        let body = value
            .get_mut("request")
            .map(Value::take)
            .unwrap_or(Value::Null);
        let subtype = body
            .get("subtype")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        tracing::debug!(%request_id, %subtype, "control request from the CLI");
        let shared = self.clone();
        let key = request_id.clone();
        let request = InboundRequest {
            request_id: request_id.clone(),
            subtype,
            body,
        };
        // The entry is inserted before the task can look it up: the lock is
        // held across the spawn.
        let mut inflight = lock(&self.inflight);
        if inflight.len() >= HANDLERS_QUEUED {
            drop(inflight);
            let error = format!(
                "the SDK is already serving {HANDLERS_QUEUED} control requests; try again later"
            );
            tracing::warn!(request_id = %key, %error, "control request refused");
            let response = json!({"subtype": "error", "request_id": key, "error": error});
            // A refusal is small: it is queued outside the budget, so it is
            // never lost.
            let refusal = encode(&json!({"type": "control_response", "response": response}));
            if let Ok(line) = refusal
                && self.writer.send(WriterCommand::Line(line, None)).is_err()
            {
                tracing::debug!("refusal not written: the CLI is gone");
            }
            return;
        }
        let slots = self.handler_slots.clone();
        let serial = inflight.next_serial();
        let task = tokio::spawn(async move {
            // Queued requests wait here for one of the running slots.
            let Ok(_slot) = slots.acquire_owned().await else {
                return;
            };
            let outcome = AssertUnwindSafe(shared.handlers.dispatch(request))
                .catch_unwind()
                .await;
            let response = match outcome {
                Ok(Ok(result)) => {
                    let result = if result.is_null() { json!({}) } else { result };
                    json!({"subtype": "success", "request_id": request_id, "response": result})
                }
                Ok(Err(message)) => {
                    json!({"subtype": "error", "request_id": request_id, "error": message})
                }
                Err(panic) => json!({
                    "subtype": "error",
                    "request_id": request_id,
                    "error": format!("the SDK handler panicked: {}", crate::panic_message::panic_message(panic.as_ref())),
                }),
            };
            // A cancelled request has been removed already: send nothing.
            if lock(&shared.inflight).finish(&request_id, serial) {
                shared.activity.notify_one();
                if let Err(err) = shared
                    .write_answer(&json!({"type": "control_response", "response": response}))
                    .await
                {
                    tracing::debug!(error = %err, %request_id, "answer not written");
                }
            }
        });
        inflight.insert(key, serial, task.abort_handle());
    }

    fn cancel(&self, value: &Value) {
        let Some(id) = value.get("request_id").and_then(Value::as_str) else {
            return;
        };
        let tasks = lock(&self.inflight).cancel(id);
        if !tasks.is_empty() {
            tracing::debug!(request_id = id, "control request cancelled by the CLI");
            for task in tasks {
                task.abort();
            }
            self.activity.notify_one();
        }
    }

    /// The CLI is gone: fail every pending request and stop every handler.
    pub(crate) fn close(&self, exit: &ExitInfo) {
        *lock(&self.closed) = Some(exit.clone());
        self.input_closed.store(true, Ordering::Release);
        let pending: Vec<Pending> = lock(&self.pending).drain().map(|(_, p)| p).collect();
        for p in pending {
            let _ = p
                .reply
                .send(Err(Error::ProcessExited { exit: exit.clone() }));
        }
        for task in lock(&self.inflight).drain() {
            task.abort();
        }
        // Writers waiting for room fail now; the pipe tasks end even if a
        // grandchild of the CLI still holds the other end.
        self.write_budget.close();
        for task in lock(&self.io_tasks).drain(..) {
            task.abort();
        }
        self.config.session_files.release();
        self.run.send_modify(|state| state.closed = true);
    }

    /// Stops a CLI that ran past the idle timeout: no more input, and the
    /// shutdown sequence.
    pub(crate) fn stop_stalled(&self) {
        self.input_closed.store(true, Ordering::Release);
        let _ = self.shutdown.send(self.config.shutdown_grace);
    }

    /// Asks the process task to stop the CLI (used when the output ends but
    /// the process lingers).
    pub(crate) fn request_shutdown(&self, grace: Duration) {
        let _ = self.shutdown.send(grace);
    }
}

fn encode(value: &Value) -> Result<Vec<u8>> {
    let mut line = serde_json::to_vec(value)?;
    line.push(b'\n');
    Ok(line)
}

/// A line's share of the outbound budget: its size, at most the whole
/// budget (a line larger than the budget waits for the queue to empty).
fn budget_share(len: usize) -> u32 {
    u32::try_from(len.clamp(1, OUTBOUND_BUDGET)).unwrap_or(u32::MAX)
}

fn control_error(subtype: &str, response: &Value) -> Error {
    let message = response
        .get("error")
        .map(|e| match e {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_default();
    let code = response
        .get("error_code")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if code.as_deref() == Some("unsupported_request")
        || message.starts_with("Unsupported control request subtype")
    {
        return Error::Unsupported {
            feature: format!("the control request `{subtype}`"),
            detail: message,
        };
    }
    Error::Control {
        subtype: subtype.to_owned(),
        message,
        code,
    }
}

fn random_salt() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    hasher.finish()
}

/// The body of a control request: `fields` (an object) with its `subtype`.
pub(crate) fn control_body(subtype: &str, fields: Value) -> Map<String, Value> {
    let mut body = match fields {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    body.insert("subtype".into(), Value::String(subtype.to_owned()));
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_requests_are_recognised_by_code_or_message() {
        let by_code = control_error(
            "get_usage",
            &json!({"subtype": "error", "error": "nope", "error_code": "unsupported_request"}),
        );
        assert!(matches!(by_code, Error::Unsupported { .. }), "{by_code:?}");
        let by_message = control_error(
            "x",
            &json!({"subtype": "error", "error": "Unsupported control request subtype: x"}),
        );
        assert!(matches!(by_message, Error::Unsupported { .. }));
        let other = control_error("set_model", &json!({"subtype": "error", "error": "bad"}));
        assert!(matches!(other, Error::Control { ref message, .. } if message == "bad"));
    }
}
