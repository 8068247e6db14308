//! Hook and permission dispatch through the SDK's control engine, without a
//! CLI: an in-memory peer sends `hook_callback` / `can_use_tool` requests
//! and waits for each answer. µs per request, round trip.

use std::sync::Arc;
use std::time::Instant;

use claude_agent_sdk::hooks::{HookEvent, HookMatcher, HookOutput};
use claude_agent_sdk::permissions::PermissionResult;
use claude_agent_sdk::transport::{CliCommand, Process, ProcessExit, Transport, TransportIo};
use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, DuplexStream, Lines};
use tokio::sync::{Mutex, mpsc};

/// The CLI's side of the pipes.
struct Peer {
    lines: Lines<BufReader<DuplexStream>>,
    out: DuplexStream,
}

impl Peer {
    async fn send(&mut self, value: &Value) {
        let mut line = value.to_string();
        line.push('\n');
        self.out.write_all(line.as_bytes()).await.expect("write");
    }

    async fn recv(&mut self) -> Value {
        let line = self.lines.next_line().await.expect("read").expect("a line");
        serde_json::from_str(&line).expect("json")
    }
}

struct Idle;

#[claude_agent_sdk::async_trait]
impl Process for Idle {
    fn id(&self) -> Option<u32> {
        None
    }
    async fn wait(&mut self) -> std::io::Result<ProcessExit> {
        std::future::pending().await
    }
    fn terminate(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn kill(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct InMemory(mpsc::UnboundedSender<Peer>);

#[claude_agent_sdk::async_trait]
impl Transport for InMemory {
    async fn start(&self, _: &CliCommand) -> claude_agent_sdk::Result<TransportIo> {
        let (sdk_in, cli_in) = tokio::io::duplex(1 << 16);
        let (cli_out, sdk_out) = tokio::io::duplex(1 << 16);
        let _ = self.0.send(Peer {
            lines: BufReader::new(cli_in).lines(),
            out: cli_out,
        });
        Ok(TransportIo::new(
            Box::pin(sdk_in),
            Box::pin(sdk_out),
            None,
            Box::new(Idle),
        ))
    }
}

async fn connected() -> (ClaudeClient, Peer) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let options = ClaudeAgentOptions::builder()
        .transport(Arc::new(InMemory(tx)))
        .hook(HookMatcher::new(
            HookEvent::PreToolUse,
            |_input, _ctx| async { HookOutput::allow() },
        ))
        .can_use_tool(|_request| async { PermissionResult::allow() })
        .build();
    let mut client = ClaudeClient::new(options);
    let peer = tokio::spawn(async move {
        let mut peer = rx.recv().await.expect("a connection");
        let init = peer.recv().await;
        peer.send(&json!({"type": "control_response", "response": {
            "subtype": "success", "request_id": init["request_id"], "response": {}}}))
            .await;
        peer
    });
    client.connect().await.expect("connect");
    (client, peer.await.expect("peer"))
}

fn requests(kind: &str, i: u64) -> Value {
    let input = json!({"session_id": "s", "transcript_path": "/t", "cwd": "/c",
        "hook_event_name": "PreToolUse", "tool_name": "Bash",
        "tool_input": {"command": "ls"}, "tool_use_id": "toolu_1"});
    match kind {
        "hook" => json!({"type": "control_request", "request_id": format!("r{i}"), "request": {
            "subtype": "hook_callback", "callback_id": "hook_0", "input": input, "tool_use_id": "toolu_1"}}),
        _ => json!({"type": "control_request", "request_id": format!("r{i}"), "request": {
            "subtype": "can_use_tool", "tool_name": "Bash", "input": {"command": "ls"},
            "permission_suggestions": [], "tool_use_id": "toolu_1"}}),
    }
}

fn dispatch(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (client, peer) = runtime.block_on(connected());
    let peer = Mutex::new(peer);
    for kind in ["hook", "permission"] {
        c.bench_function(&format!("{kind} dispatch round trip"), |b| {
            b.iter_custom(|iterations| {
                runtime.block_on(async {
                    let mut peer = peer.lock().await;
                    let started = Instant::now();
                    for i in 0..iterations {
                        peer.send(&requests(kind, i)).await;
                        let reply = peer.recv().await;
                        debug_assert_eq!(reply["response"]["subtype"], "success");
                        std::hint::black_box(reply);
                    }
                    started.elapsed()
                })
            });
        });
    }
    drop(client);
}

criterion_group!(benches, dispatch);
criterion_main!(benches);
