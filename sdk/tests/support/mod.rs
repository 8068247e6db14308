//! An in-memory stand-in for the CLI's pipes: the test plays the CLI's side
//! of the protocol (it is not a fake `claude`; end-to-end tests against the
//! real CLI live in the workspace's `tests/` crate).

// Each test file uses a part of it.
#![allow(dead_code)]

pub(crate) mod hostile;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_sdk::ClaudeAgentOptionsBuilder;
use claude_agent_sdk::transport::{CliCommand, Process, ProcessExit, Transport, TransportIo};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::{mpsc, oneshot};

/// The CLI side of an in-memory connection.
pub(crate) struct Peer {
    lines: tokio::io::Lines<BufReader<DuplexStream>>,
    out: DuplexStream,
    exit: Option<oneshot::Sender<ProcessExit>>,
}

impl Peer {
    /// The next line the SDK wrote, `None` once it closed stdin.
    pub(crate) async fn recv(&mut self) -> Option<Value> {
        let line = tokio::time::timeout(Duration::from_secs(10), self.lines.next_line())
            .await
            .expect("the SDK wrote nothing for 10 s")
            .unwrap()?;
        Some(serde_json::from_str(&line).unwrap())
    }

    /// Whether the SDK writes nothing within `wait`.
    pub(crate) async fn silent_for(&mut self, wait: Duration) -> bool {
        tokio::time::timeout(wait, self.lines.next_line())
            .await
            .is_err()
    }

    /// Writes one JSON line as the CLI.
    pub(crate) async fn send(&mut self, value: Value) {
        self.send_raw(&value.to_string()).await;
    }

    /// Writes one line, as it is, as the CLI.
    pub(crate) async fn send_raw(&mut self, line: &str) {
        self.out.write_all(line.as_bytes()).await.unwrap();
        self.out.write_all(b"\n").await.unwrap();
    }

    /// Reads `initialize`, answers it with `response`, and returns it.
    pub(crate) async fn handshake_with(&mut self, response: Value) -> Value {
        let init = self.recv().await.unwrap();
        assert_eq!(init["type"], "control_request");
        assert_eq!(init["request"]["subtype"], "initialize");
        let id = init["request_id"].clone();
        self.send(json!({"type": "control_response", "response": {"subtype": "success", "request_id": id, "response": response}}))
            .await;
        init
    }

    /// Reads `initialize` and the prompt; answers `initialize`.
    pub(crate) async fn start(&mut self) -> Value {
        let init = self
            .handshake_with(json!({"commands": [], "hook_on_failure_supported": true}))
            .await;
        let prompt = self.recv().await.unwrap();
        assert_eq!(prompt["type"], "user");
        init
    }

    /// Sends a control request and returns the SDK's `response` object.
    pub(crate) async fn request(&mut self, id: &str, request: Value) -> Value {
        self.send(json!({"type": "control_request", "request_id": id, "request": request}))
            .await;
        let reply = self.recv().await.expect("an answer");
        assert_eq!(reply["type"], "control_response", "{reply}");
        assert_eq!(reply["response"]["request_id"], id, "{reply}");
        reply["response"].clone()
    }

    /// Sends a successful result with this text.
    pub(crate) async fn result(&mut self, text: &str) {
        self.send(json!({"type": "result", "subtype": "success", "is_error": false, "session_id": "s", "result": text}))
            .await;
    }

    /// Sends a result, waits for stdin to close, and exits.
    pub(crate) async fn finish(mut self) {
        self.result("done").await;
        assert_eq!(self.recv().await, None, "stdin closes after the result");
        self.exit(0);
    }

    /// Splits the peer so that one task can read what the SDK writes while
    /// another writes as the CLI: the SDK's lines, the CLI's stdout, and the
    /// exit to report.
    pub(crate) fn into_parts(
        mut self,
    ) -> (
        tokio::io::Lines<BufReader<DuplexStream>>,
        DuplexStream,
        oneshot::Sender<ProcessExit>,
    ) {
        let exit = self.exit.take().expect("the peer has not exited");
        (self.lines, self.out, exit)
    }

    /// Ends stdout and reports the exit with `code`.
    pub(crate) fn exit(mut self, code: i32) {
        if let Some(exit) = self.exit.take() {
            let _ = exit.send(ProcessExit::code(code));
        }
    }
}

/// The stop signals the SDK sent to the process, in order: `"term"` and
/// `"kill"`.
pub(crate) type Signals = Arc<Mutex<Vec<&'static str>>>;

/// The CLI process: it exits when its `Peer` says so (or, when the peer is
/// dropped without saying, as if killed), and records the signals it gets.
struct FakeProcess {
    exit: Option<oneshot::Receiver<ProcessExit>>,
    signals: Signals,
    status: Option<ProcessExit>,
}

#[claude_agent_sdk::async_trait]
impl Process for FakeProcess {
    fn id(&self) -> Option<u32> {
        None
    }

    async fn wait(&mut self) -> std::io::Result<ProcessExit> {
        if let Some(status) = self.status {
            return Ok(status);
        }
        let status = match self.exit.as_mut() {
            Some(rx) => rx.await.unwrap_or(ProcessExit::signal(9)),
            None => std::future::pending().await,
        };
        self.status = Some(status);
        Ok(status)
    }

    fn terminate(&mut self) -> std::io::Result<()> {
        self.signals.lock().unwrap().push("term");
        Ok(())
    }

    fn kill(&mut self) -> std::io::Result<()> {
        self.signals.lock().unwrap().push("kill");
        self.status = Some(ProcessExit::signal(9));
        Ok(())
    }
}

/// A transport that hands the CLI side to the test.
struct InMemory {
    peers: mpsc::UnboundedSender<Peer>,
    signals: Signals,
}

#[claude_agent_sdk::async_trait]
impl Transport for InMemory {
    async fn start(&self, _command: &CliCommand) -> claude_agent_sdk::Result<TransportIo> {
        let (sdk_stdin, cli_stdin) = tokio::io::duplex(1 << 16);
        let (cli_stdout, sdk_stdout) = tokio::io::duplex(1 << 16);
        let (exit_tx, exit_rx) = oneshot::channel();
        self.peers
            .send(Peer {
                lines: BufReader::new(cli_stdin).lines(),
                out: cli_stdout,
                exit: Some(exit_tx),
            })
            .unwrap();
        Ok(TransportIo::new(
            Box::pin(sdk_stdin),
            Box::pin(sdk_stdout),
            None,
            Box::new(FakeProcess {
                exit: Some(exit_rx),
                signals: self.signals.clone(),
                status: None,
            }),
        ))
    }
}

/// A builder whose sessions talk to a `Peer` the test receives.
pub(crate) fn in_memory() -> (ClaudeAgentOptionsBuilder, mpsc::UnboundedReceiver<Peer>) {
    let (builder, peers, _) = in_memory_with_signals();
    (builder, peers)
}

/// Like [`in_memory`], with the signals the SDK sends to the process.
pub(crate) fn in_memory_with_signals() -> (
    ClaudeAgentOptionsBuilder,
    mpsc::UnboundedReceiver<Peer>,
    Signals,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let signals = Signals::default();
    let builder = claude_agent_sdk::ClaudeAgentOptions::builder()
        .transport(Arc::new(InMemory {
            peers: tx,
            signals: signals.clone(),
        }))
        .shutdown_grace(Duration::from_millis(100));
    (builder, rx, signals)
}
