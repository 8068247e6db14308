//! The engine's background tasks: stdout reader, stdin writer, stderr
//! reader and process watcher.

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::engine::{Event, Shared, WriterCommand};
use crate::error::{Error, ExitInfo};
use crate::messages::Message;
use crate::options::StderrCallback;
use crate::redact::Redactor;
use crate::transport::{BoxRead, BoxWrite, LineError, LineReader, Process, ProcessExit};

/// How long the reader waits for the process to exit after its stdout
/// closed before asking it to stop.
const EXIT_AFTER_EOF: Duration = Duration::from_secs(10);
/// How long the reader keeps reading stdout after the process exited.
const DRAIN_AFTER_EXIT: Duration = Duration::from_secs(2);
/// How long the watcher waits for stderr to drain after the exit.
const STDERR_DRAIN: Duration = Duration::from_secs(2);
/// Lines of stderr kept for error messages.
const TAIL_LINES: usize = 40;
/// Bytes of stderr kept for error messages.
const TAIL_BYTES: usize = 8 * 1024;
/// Longest stderr line kept (longer ones are cut).
const STDERR_LINE_MAX: usize = 16 * 1024;

/// The last lines the CLI wrote to stderr.
#[derive(Default)]
pub(crate) struct StderrTail {
    lines: Mutex<VecDeque<String>>,
}

impl StderrTail {
    fn push(&self, line: String) {
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        lines.push_back(line);
        while lines.len() > TAIL_LINES
            || (lines.len() > 1 && lines.iter().map(String::len).sum::<usize>() > TAIL_BYTES)
        {
            lines.pop_front();
        }
    }

    pub(crate) fn snapshot(&self) -> String {
        let lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        lines
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Reads the CLI's stdout, routes control frames and delivers messages.
pub(crate) async fn read_stdout(
    shared: Arc<Shared>,
    stdout: BoxRead,
    max_line: usize,
    events: mpsc::UnboundedSender<Event>,
    mut exit: watch::Receiver<Option<ExitInfo>>,
) {
    let mut reader = LineReader::new(BufReader::with_capacity(64 * 1024, stdout), max_line);
    let mut buf = Vec::new();
    // A grandchild of the CLI may keep its stdout open after the CLI died:
    // once the process has exited, stop reading after a short drain.
    let mut exited = exit.clone();
    let process_gone = async move {
        let _ = exited.wait_for(Option::is_some).await;
        tokio::time::sleep(DRAIN_AFTER_EXIT).await;
    };
    tokio::pin!(process_gone);
    let mut turns = TurnSpans::default();
    let mut stalled = false;
    loop {
        // One read per line, kept across the idle clock's wake-ups (reading
        // a line is not cancel-safe).
        let line = {
            let read = reader.next_line(&mut buf);
            tokio::pin!(read);
            loop {
                // The idle clock: armed while the SDK waits for the CLI,
                // restarted by every line and whenever what the SDK waits
                // for changes.
                let idle_limit = shared
                    .idle_timeout()
                    .filter(|_| !stalled && shared.awaits_output());
                let idle = async {
                    match idle_limit {
                        Some(limit) => tokio::time::sleep(limit).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    biased;
                    line = &mut read => break Some(line),
                    () = &mut process_gone => break None,
                    () = shared.activity_changed() => {}
                    () = idle => {
                        let after = idle_limit.unwrap_or_default();
                        tracing::warn!(?after, "the CLI stayed silent past the idle timeout; stopping it");
                        stalled = true;
                        let _ = events.send(Event::LineError(Error::Stalled { after }));
                        shared.stop_stalled();
                    }
                }
            }
        };
        let Some(line) = line else {
            tracing::debug!("the CLI exited but its stdout stayed open; stopped reading");
            break;
        };
        match line {
            Ok(true) => {
                if let Some(event) = decode(&shared, &buf) {
                    if let Event::Message(message) = &event {
                        turns.observe(message);
                    }
                    let _ = events.send(event);
                }
            }
            Ok(false) => break,
            Err(LineError::TooLong { prefix }) => {
                let _ = events.send(Event::LineError(Error::LineTooLong {
                    limit: max_line,
                    prefix: String::from_utf8_lossy(&prefix).into_owned(),
                }));
            }
            Err(LineError::Io(err)) => {
                tracing::warn!(error = %err, "reading the CLI's stdout failed");
                break;
            }
        }
    }
    drop(buf);
    // stdout is closed: the process is exiting. Wait for its status (and
    // stderr), asking it to stop if it lingers.
    let exited = tokio::time::timeout(EXIT_AFTER_EOF, exit.wait_for(Option::is_some))
        .await
        .is_ok();
    if !exited {
        shared.request_shutdown(Duration::from_millis(500));
    }
    let exit_info = match exit.wait_for(Option::is_some).await {
        Ok(info) => info.clone().unwrap_or_default(),
        Err(_) => ExitInfo::default(),
    };
    tracing::debug!(code = ?exit_info.code, signal = ?exit_info.signal, "CLI exited");
    shared.close(&exit_info);
    let _ = events.send(Event::Closed(exit_info));
}

/// A `tracing` span per turn: opened at the turn's `system/init`, closed at
/// its result.
#[derive(Default)]
struct TurnSpans {
    current: Option<tracing::Span>,
    count: u64,
}

impl TurnSpans {
    fn observe(&mut self, message: &Message) {
        match message {
            Message::System(crate::messages::SystemMessage::Init(init)) => {
                self.count += 1;
                let span = tracing::info_span!(
                    "turn",
                    n = self.count,
                    session_id = %init.session_id,
                    model = %init.model,
                );
                tracing::debug!(parent: &span, "turn started");
                self.current = Some(span);
            }
            Message::Result(result) => {
                let span = self.current.take().unwrap_or_else(tracing::Span::current);
                tracing::info!(
                    parent: &span,
                    subtype = %result.subtype,
                    is_error = result.is_error,
                    duration_ms = result.duration_ms,
                    num_turns = result.num_turns,
                    cost_usd = result.total_cost_usd.unwrap_or_default(),
                    "turn finished"
                );
            }
            _ => {}
        }
    }
}

fn decode(shared: &Arc<Shared>, line: &[u8]) -> Option<Event> {
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(source) => {
            return Some(Event::LineError(Error::Decode {
                line: String::from_utf8_lossy(line).into_owned(),
                source,
            }));
        }
    };
    let value = shared.route(value)?;
    let host_only = is_host_only(&value);
    // Enough of a `result` to end the run even if its typed decoding fails.
    let result_session = (value.get("type").and_then(Value::as_str) == Some("result")).then(|| {
        value
            .get("session_id")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    match Message::from_value(value) {
        Ok(message) => {
            shared.observe(&message);
            // The SDK's own business (it follows the run state with them):
            // never the application's.
            (!host_only).then(|| Event::Message(Box::new(message)))
        }
        Err(source) => {
            if let Some(session_id) = result_session {
                shared.observe_undecoded_result(session_id);
            }
            Some(Event::LineError(Error::Decode {
                line: String::from_utf8_lossy(line).into_owned(),
                source,
            }))
        }
    }
}

/// Whether a frame is meant for the SDK only: anything the CLI marks
/// `"sdk_host_only": true`, and `system/session_state_changed`, which the
/// SDK asks for itself (2.1.197 sends it unmarked).
fn is_host_only(value: &Value) -> bool {
    value.get("sdk_host_only").and_then(Value::as_bool) == Some(true)
        || (value.get("type").and_then(Value::as_str) == Some("system")
            && value.get("subtype").and_then(Value::as_str) == Some("session_state_changed"))
}

/// Writes lines to the CLI's stdin until told to close it.
pub(crate) async fn write_stdin(
    mut stdin: BoxWrite,
    mut commands: mpsc::UnboundedReceiver<WriterCommand>,
) {
    while let Some(command) = commands.recv().await {
        match command {
            WriterCommand::Line(line, _budget) => {
                if let Err(err) = write_line(&mut stdin, &line).await {
                    tracing::debug!(error = %err, "writing to the CLI's stdin failed");
                    break;
                }
            }
            WriterCommand::Close => break,
        }
    }
    let _ = stdin.shutdown().await;
}

async fn write_line(stdin: &mut BoxWrite, line: &[u8]) -> std::io::Result<()> {
    stdin.write_all(line).await?;
    stdin.flush().await
}

/// Reads one line into `buf`, keeping at most `max` bytes of it and
/// skipping the rest, so a line without end never fills memory. Returns the
/// bytes consumed (0 at the end of input).
async fn read_line_capped<R: tokio::io::AsyncBufRead + Unpin>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<usize> {
    let mut consumed = 0;
    loop {
        let chunk = reader.fill_buf().await?;
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(end) => (&chunk[..=end], true),
            None => (chunk, false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        let used = part.len();
        reader.consume(used);
        consumed += used;
        if done {
            return Ok(consumed);
        }
    }
}

/// Reads the CLI's stderr line by line: cuts out the secrets the SDK passed
/// to the CLI, keeps the tail, calls the user's callback, and logs at debug
/// level.
pub(crate) async fn read_stderr(
    stderr: Option<BoxRead>,
    tail: Arc<StderrTail>,
    callback: Option<StderrCallback>,
    redactor: Redactor,
) {
    let Some(stderr) = stderr else { return };
    let mut reader = BufReader::new(stderr);
    let mut buf = Vec::new();
    // A secret that starts before the cut is read whole, redacted, and only
    // then is the line cut.
    let read_max = STDERR_LINE_MAX + redactor.longest();
    loop {
        buf.clear();
        match read_line_capped(&mut reader, &mut buf, read_max).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&buf);
        let line = redactor.redact(line.trim_end_matches(['\n', '\r']));
        let line: &str = cut(&line, STDERR_LINE_MAX);
        tracing::debug!(target: "claude_agent_sdk::cli_stderr", "{line}");
        if let Some(callback) = &callback {
            // A panicking callback must not take the session down.
            let _ = std::panic::catch_unwind(AssertUnwindSafe(|| callback(line)));
        }
        tail.push(line.to_owned());
    }
}

/// At most `max` bytes of `line`, on a character boundary.
fn cut(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// Waits for the process to exit, runs the shutdown sequence when asked,
/// and publishes how it ended.
pub(crate) async fn watch_process(
    mut process: Box<dyn Process>,
    mut shutdown: mpsc::UnboundedReceiver<Duration>,
    writer: mpsc::UnboundedSender<WriterCommand>,
    exit: watch::Sender<Option<ExitInfo>>,
    stderr_done: JoinHandle<()>,
    tail: Arc<StderrTail>,
) {
    let requested = tokio::select! {
        status = process.wait() => Err(status),
        grace = shutdown.recv() => Ok(grace),
    };
    let status = match requested {
        Err(status) => status,
        Ok(grace) => {
            // A closed channel means every handle is gone: stop quickly.
            let grace = grace.unwrap_or(Duration::from_secs(2));
            stop(&mut *process, &writer, grace).await
        }
    };
    let status = status.unwrap_or_else(|err| {
        tracing::warn!(error = %err, "waiting for the CLI failed");
        ProcessExit::default()
    });
    let stderr_abort = stderr_done.abort_handle();
    if tokio::time::timeout(STDERR_DRAIN, stderr_done)
        .await
        .is_err()
    {
        // A grandchild holds the CLI's stderr open: stop reading it.
        stderr_abort.abort();
    }
    let _ = exit.send(Some(ExitInfo {
        code: status.code,
        signal: status.signal,
        stderr_tail: tail.snapshot(),
    }));
}

/// Close stdin, wait; SIGTERM, wait; SIGKILL.
async fn stop(
    process: &mut dyn Process,
    writer: &mpsc::UnboundedSender<WriterCommand>,
    grace: Duration,
) -> std::io::Result<ProcessExit> {
    let _ = writer.send(WriterCommand::Close);
    if let Ok(status) = tokio::time::timeout(grace, process.wait()).await {
        return status;
    }
    tracing::debug!("the CLI did not exit after its input closed; terminating it");
    let _ = process.terminate();
    if let Ok(status) =
        tokio::time::timeout(grace.max(Duration::from_millis(500)), process.wait()).await
    {
        return status;
    }
    tracing::debug!("the CLI did not stop; killing it");
    let _ = process.kill();
    process.wait().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stderr_lines_are_capped_while_read() {
        let mut input = vec![b'x'; 100_000];
        input.extend_from_slice(b"\nshort\n");
        let mut reader = BufReader::with_capacity(1024, input.as_slice());
        let mut buf = Vec::new();
        let consumed = read_line_capped(&mut reader, &mut buf, 10).await.unwrap();
        assert_eq!(consumed, 100_001);
        assert_eq!(buf, b"xxxxxxxxxx");
        buf.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut buf, 10).await.unwrap(),
            6
        );
        assert_eq!(buf, b"short\n");
        buf.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut buf, 10).await.unwrap(),
            0
        );
    }

    #[test]
    fn tail_keeps_the_last_lines_within_budget() {
        let tail = StderrTail::default();
        for i in 0..100 {
            tail.push(format!("line {i}"));
        }
        let text = tail.snapshot();
        assert!(text.ends_with("line 99"));
        assert!(!text.contains("line 10\n"));
        tail.push("x".repeat(TAIL_BYTES * 2));
        assert_eq!(tail.snapshot().len(), TAIL_BYTES * 2);
    }
}
