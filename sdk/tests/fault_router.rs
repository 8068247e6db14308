//! The control router under fire, end to end over an in-memory transport.
//!
//! The session registers real handlers: a `#[hook]` hook, a `HookMatcher`
//! hook with a timeout, a `can_use_tool` callback, an elicitation handler
//! and an in-process MCP server with a `#[tool]`. The test plays a hostile
//! CLI that reads what the SDK writes and sends an interleaving of:
//! control requests for those handlers, valid and mutated (real and bogus
//! callback ids, unreadable bodies, valid and hostile JSON-RPC, unknown
//! subtypes, missing and duplicate request ids); cancellations of requests
//! in flight and of unknown ones; answers to the control requests the
//! client really sent (success, error, malformed, twice, late); tagged
//! messages; and garbage lines.
//!
//! Checked for every case: nothing panics and nothing hangs (every wait has
//! a deadline that fails the case); every inbound request with a request id
//! gets exactly one answer (at most one once cancelled), the one its
//! handler's contract says; every handler ran once for each valid request
//! and never for an invalid one; every control call of the client resolves
//! with the CLI's answer or a typed error; the tagged messages arrive, in
//! order.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_sdk::hooks::{
    HookContext, HookEvent, HookInput, HookMatcher, HookOutput, PreToolUseInput,
};
use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::options::PermissionMode;
use claude_agent_sdk::permissions::{
    ElicitationRequest, ElicitationResponse, PermissionResult, ToolPermissionRequest,
};
use claude_agent_sdk::transport::ProcessExit;
use claude_agent_sdk::{
    ClaudeAgentOptions, ClaudeAgentOptionsBuilder, ClaudeClient, Error, Message, hook, tool,
};
use futures::StreamExt;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};
use support::Peer;
use support::hostile::{garbage_line, json_value};
use tokio::io::{AsyncWriteExt, BufReader, DuplexStream};
use tokio::sync::{Notify, mpsc, oneshot};

/// The longest line the SDK accepts in these tests.
const MAX_LINE: usize = 16 * 1024;
/// The client's control timeout.
const CONTROL_TIMEOUT: Duration = Duration::from_millis(400);
/// The timeout of the hook that never answers.
const HOOK_TIMEOUT: Duration = Duration::from_millis(100);
/// The longest a handler takes when asked to be slow.
const MAX_DELAY_MS: u64 = 30;
/// A delay that makes the handler panic instead.
const EXPLODE: u64 = 999_999;
/// Past this, a wait is a hang and fails the case.
const HANG: Duration = Duration::from_secs(5);
/// Past this, the script is a hang (it may sleep past the control timeout
/// a few times, and waits for each answer at most `HANG`).
const SCRIPT_HANG: Duration = Duration::from_secs(60);

// ----- the handlers: each records the tag of every call -----

/// The tags of every handler call: the tool use id of hooks and permission
/// requests, the elicitation's message, the tool's `tag` argument. Tags
/// carry the case's number, so cases do not see each other's calls.
static CALLS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(tag: &str) {
    CALLS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tag.to_owned());
}

fn calls_of(tag: &str) -> usize {
    CALLS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|t| *t == tag)
        .count()
}

async fn take_time(input: &Value) {
    let ms = input["delay_ms"].as_u64().unwrap_or(0);
    assert_ne!(ms, EXPLODE, "asked to explode");
    let ms = ms.min(MAX_DELAY_MS);
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

/// Denies `rm`, lets the rest through (callback id `hook_0`).
#[hook(PreToolUse, matcher = "Bash")]
async fn guard(input: PreToolUseInput, ctx: HookContext) -> HookOutput {
    record(ctx.tool_use_id.as_deref().unwrap_or_default());
    take_time(&input.tool_input).await;
    if input.tool_input["command"] == "rm" {
        HookOutput::deny("no")
    } else {
        HookOutput::default()
    }
}

/// Echoes the tag.
#[tool]
async fn echo(
    /// Who calls.
    tag: String,
    /// How long to take, in milliseconds.
    delay_ms: u64,
) -> String {
    record(&tag);
    assert_ne!(delay_ms, EXPLODE, "asked to explode");
    tokio::time::sleep(Duration::from_millis(delay_ms.min(MAX_DELAY_MS))).await;
    tag
}

fn options(builder: ClaudeAgentOptionsBuilder) -> ClaudeAgentOptions {
    builder
        .hook(guard)
        // `hook_1`: never answers; its timeout does.
        .hook(
            HookMatcher::new(
                HookEvent::Notification,
                |_input: HookInput, ctx: HookContext| async move {
                    record(ctx.tool_use_id.as_deref().unwrap_or_default());
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    HookOutput::default()
                },
            )
            .timeout(HOOK_TIMEOUT),
        )
        .can_use_tool(|request: ToolPermissionRequest| async move {
            record(&request.tool_use_id);
            take_time(&request.input).await;
            if request.input["command"] == "rm" {
                PermissionResult::deny("no")
            } else {
                PermissionResult::allow()
            }
        })
        .on_elicitation(|request: ElicitationRequest| async move {
            record(&request.message);
            ElicitationResponse::accept(json!({"tag": request.message}))
        })
        .mcp_server(McpServer::new("calc").version("1.0.0").tool(echo))
        .control_timeout(CONTROL_TIMEOUT)
        .max_buffer_size(MAX_LINE)
        .build()
}

// ----- what the hostile CLI does -----

#[derive(Debug, Clone)]
enum Step {
    /// A control request for the SDK.
    Request { kind: Kind, id: Id, delay_ms: u64 },
    /// A `control_cancel_request`.
    Cancel(CancelTarget),
    /// The client calls a control method; the CLI reads the request.
    Call(Call),
    /// An answer to one of the requests the client sent.
    Answer { target: usize, how: How },
    /// A tagged assistant message.
    Message,
    /// A line of garbage.
    Garbage(Vec<u8>),
    /// A short pause, so that handlers finish (or not) before what follows.
    Pause(u64),
}

/// The request id of an inbound request.
#[derive(Debug, Clone)]
enum Id {
    Fresh,
    /// The id of an earlier request (a duplicate).
    SameAs(usize),
    Missing,
    Number,
}

#[derive(Debug, Clone)]
enum CancelTarget {
    /// An earlier request, in flight or answered.
    Earlier(usize),
    Unknown,
    WithoutId,
}

#[derive(Debug, Clone)]
enum Kind {
    Hook {
        deny: bool,
    },
    /// `hook_0` with the input of another event.
    HookMisrouted,
    /// `hook_1`, which only its timeout answers.
    HookHangs,
    HookUnknownId(Value),
    Permission {
        allow: bool,
    },
    PermissionUnreadable(usize),
    Elicitation,
    ElicitationUnreadable,
    /// `tools/call` of `echo` on `calc`.
    ToolCall,
    McpHostile {
        message: McpHostile,
        id: u64,
    },
    McpWithoutMessage,
    McpUnknownServer,
    UnknownSubtype(&'static str),
    ArbitraryBody(Value),
    /// A request of another kind with one field replaced.
    Mutated(Box<Kind>, usize, Value),
}

/// JSON-RPC for the in-process server that is not a plain tool call.
#[derive(Debug, Clone)]
enum McpHostile {
    Arbitrary(Value),
    Method(&'static str),
    BadArguments(Value),
    UnknownTool,
    Reinitialize,
    Initialized,
    /// `notifications/cancelled` for the tool call of step `n`.
    CancelCall(usize),
    /// `tools/list` with the JSON-RPC id of the tool call of step `n`.
    ReuseId(usize),
    ClientResult,
    ClientError,
    Batch,
    WrongVersion,
    OddId(Value),
}

/// A control method of the client.
#[derive(Debug, Clone, Copy)]
enum Call {
    Interrupt,
    SetModel,
    McpStatus,
    PermissionMode,
    Raw,
}

impl Call {
    fn subtype(self) -> &'static str {
        match self {
            Call::Interrupt => "interrupt",
            Call::SetModel => "set_model",
            Call::McpStatus => "mcp_status",
            Call::PermissionMode => "set_permission_mode",
            Call::Raw => "get_settings",
        }
    }

    async fn run(self, client: &ClaudeClient) -> Result<Option<Value>, Error> {
        match self {
            Call::Interrupt => client.interrupt().await.map(|_| None),
            Call::SetModel => client.set_model(Some("claude-x")).await.map(|()| None),
            Call::McpStatus => client.mcp_status().await.map(|_| None),
            Call::PermissionMode => client
                .set_permission_mode(PermissionMode::Plan)
                .await
                .map(|_| None),
            Call::Raw => client
                .control_request("get_settings", json!({"probe": true}))
                .await
                .map(Some),
        }
    }
}

/// How the CLI answers a request of the client.
#[derive(Debug, Clone)]
enum How {
    Success(Value),
    SuccessWithoutPayload,
    Error(String),
    Unsupported,
    WithoutResponse,
    WithoutRequestId,
    NumericRequestId,
    ResponseNotAnObject,
    OddSubtype,
    Twice,
    Late,
}

/// What an answer of the CLI makes of a request of the client.
#[derive(Debug, Clone, PartialEq)]
enum Effect {
    Success(Value),
    Error(String),
    AnyError,
}

impl How {
    /// The lines to send, and what the first of them that the SDK can
    /// match does.
    fn lines(&self, id: &str) -> (Vec<Value>, Option<Effect>) {
        let frame = |response: Value| json!({"type": "control_response", "response": response});
        match self {
            How::Success(_) | How::Late => {
                let payload = match self {
                    How::Success(payload) => payload.clone(),
                    _ => json!({"late": true}),
                };
                // As the SDK reads it: serde_json's default float parsing
                // may change the last digit.
                let read = serde_json::from_str(&payload.to_string()).unwrap_or(Value::Null);
                (
                    vec![frame(
                        json!({"subtype": "success", "request_id": id, "response": payload}),
                    )],
                    Some(Effect::Success(read)),
                )
            }
            How::SuccessWithoutPayload => (
                vec![frame(json!({"subtype": "success", "request_id": id}))],
                Some(Effect::Success(Value::Null)),
            ),
            How::Error(message) => (
                vec![frame(
                    json!({"subtype": "error", "request_id": id, "error": message}),
                )],
                Some(Effect::Error(message.clone())),
            ),
            How::Unsupported => {
                let message = "Unsupported control request subtype: x".to_owned();
                (
                    vec![frame(
                        json!({"subtype": "error", "request_id": id, "error": message}),
                    )],
                    Some(Effect::Error(message)),
                )
            }
            How::WithoutResponse => (vec![json!({"type": "control_response"})], None),
            How::WithoutRequestId => (
                vec![frame(json!({"subtype": "success", "response": {}}))],
                None,
            ),
            How::NumericRequestId => (
                vec![frame(
                    json!({"subtype": "success", "request_id": 1, "response": {}}),
                )],
                None,
            ),
            How::ResponseNotAnObject => (vec![frame(json!(id))], None),
            How::OddSubtype => (
                vec![frame(
                    json!({"subtype": 7, "request_id": id, "error": {"why": 1}}),
                )],
                Some(Effect::AnyError),
            ),
            How::Twice => (
                vec![
                    frame(json!({"subtype": "success", "request_id": id, "response": {}})),
                    frame(json!({"subtype": "error", "request_id": id, "error": "again"})),
                ],
                Some(Effect::Success(json!({}))),
            ),
        }
    }
}

// ----- the expected answers -----

/// What the SDK must answer to one inbound request.
#[derive(Debug, Clone)]
enum Expect {
    /// Success with exactly this `response`.
    Exactly(Value),
    /// Success: the tool's result for this JSON-RPC id and tag.
    ToolResult { id: u64, tag: String },
    /// Success: the error result of a tool that panicked.
    ToolPanicked { id: u64 },
    /// Success: the server's `initialize` result.
    ServerInfo,
    /// Success: a JSON-RPC error with this code.
    McpErrorCode(i64),
    /// Success, with an `mcp_response`.
    McpAnswer,
    /// An error containing this text.
    Error(&'static str),
    /// Success or error.
    Any,
}

impl Expect {
    fn admits(&self, answer: &Value) -> bool {
        let success = answer["subtype"] == "success";
        let response = &answer["response"];
        let mcp = &response["mcp_response"];
        match self {
            Expect::Exactly(expected) => success && response == expected,
            Expect::ToolResult { id, tag } => {
                success && mcp["id"] == *id && mcp["result"]["content"][0]["text"] == *tag
            }
            Expect::ToolPanicked { id } => {
                success
                    && mcp["id"] == *id
                    && mcp["result"]["isError"] == true
                    && mcp["result"]["content"][0]["text"]
                        .as_str()
                        .is_some_and(|text| text.contains("panicked"))
            }
            Expect::ServerInfo => success && mcp["result"]["serverInfo"]["name"] == "calc",
            Expect::McpErrorCode(code) => success && mcp["error"]["code"] == *code,
            Expect::McpAnswer => success && mcp.is_object(),
            Expect::Error(text) => {
                answer["subtype"] == "error"
                    && answer["error"]
                        .as_str()
                        .is_some_and(|error| error.contains(text))
            }
            Expect::Any => success || answer["subtype"] == "error",
        }
    }
}

/// How often a request's handler must run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Runs {
    Once,
    AtMostOnce,
    Never,
    /// The request has no tag.
    Untracked,
}

fn rpc_id(step: usize) -> u64 {
    10_000 + step as u64
}

fn hook_input(event: &str, tag: &str, tool_input: Value) -> Value {
    let mut input =
        json!({"hook_event_name": event, "session_id": "s", "transcript_path": "/t", "cwd": "/w"});
    match event {
        "PreToolUse" => {
            input["tool_name"] = json!("Bash");
            input["tool_input"] = tool_input;
            input["tool_use_id"] = json!(tag);
        }
        "Notification" => {
            input["message"] = json!("m");
            input["notification_type"] = json!("idle_prompt");
        }
        _ => input["stop_hook_active"] = json!(false),
    }
    input
}

/// The body of an inbound request of `kind` at step `step`, what the SDK
/// must answer, and how often the handler must run.
fn request(
    kind: &Kind,
    step: usize,
    tag: &str,
    delay_ms: u64,
    touched: &BTreeSet<u64>,
) -> (Value, Expect, Runs) {
    let rpc = rpc_id(step);
    match kind {
        Kind::Hook { deny } => {
            let command = if *deny { "rm" } else { "ls" };
            let input = hook_input(
                "PreToolUse",
                tag,
                json!({"command": command, "delay_ms": delay_ms}),
            );
            let expected = if delay_ms == EXPLODE {
                Expect::Error("panicked")
            } else if *deny {
                Expect::Exactly(
                    json!({"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": "no"}}),
                )
            } else {
                Expect::Exactly(json!({}))
            };
            (
                json!({"subtype": "hook_callback", "callback_id": "hook_0", "input": input, "tool_use_id": tag}),
                expected,
                Runs::Once,
            )
        }
        Kind::HookMisrouted => (
            json!({"subtype": "hook_callback", "callback_id": "hook_0", "input": hook_input("Stop", tag, Value::Null), "tool_use_id": tag}),
            Expect::Error("expected the input of a PreToolUse hook"),
            Runs::Never,
        ),
        Kind::HookHangs => (
            json!({"subtype": "hook_callback", "callback_id": "hook_1", "input": hook_input("Notification", tag, Value::Null), "tool_use_id": tag}),
            Expect::Error("did not answer within"),
            Runs::Once,
        ),
        Kind::HookUnknownId(id) => (
            json!({"subtype": "hook_callback", "callback_id": id, "input": hook_input("PreToolUse", tag, json!({})), "tool_use_id": tag}),
            Expect::Error("No hook callback found for ID"),
            Runs::Never,
        ),
        Kind::Permission { allow } => {
            let input = json!({"command": if *allow { "ls" } else { "rm" }, "delay_ms": delay_ms});
            let expected = if delay_ms == EXPLODE {
                Expect::Error("panicked")
            } else if *allow {
                Expect::Exactly(json!({"behavior": "allow", "updatedInput": input}))
            } else {
                Expect::Exactly(json!({"behavior": "deny", "message": "no"}))
            };
            (
                json!({"subtype": "can_use_tool", "tool_name": "Bash", "input": input, "permission_suggestions": [], "tool_use_id": tag}),
                expected,
                Runs::Once,
            )
        }
        Kind::PermissionUnreadable(which) => {
            let mut body = json!({"subtype": "can_use_tool", "tool_name": "Bash", "input": {}, "tool_use_id": tag});
            match which % 4 {
                0 => {
                    if let Some(fields) = body.as_object_mut() {
                        fields.remove("tool_name");
                    }
                }
                1 => body["tool_name"] = json!(5),
                2 => body["permission_suggestions"] = json!("all"),
                _ => body["decision_reason_type"] = json!(["rule"]),
            }
            (
                body,
                Expect::Error("could not read the permission request"),
                Runs::Never,
            )
        }
        Kind::Elicitation => (
            json!({"subtype": "elicitation", "mcp_server_name": "asker", "message": tag, "mode": "form", "requested_schema": {"type": "object"}}),
            Expect::Exactly(json!({"action": "accept", "content": {"tag": tag}})),
            Runs::Once,
        ),
        Kind::ElicitationUnreadable => (
            json!({"subtype": "elicitation", "mcp_server_name": "asker", "message": 5, "requested_schema": {"type": "object"}}),
            Expect::Error("could not read the elicitation request"),
            Runs::Never,
        ),
        Kind::ToolCall => {
            let message = json!({"jsonrpc": "2.0", "id": rpc, "method": "tools/call",
                                 "params": {"name": "echo", "arguments": {"tag": tag, "delay_ms": delay_ms}}});
            let body = json!({"subtype": "mcp_message", "server_name": "calc", "message": message});
            if touched.contains(&rpc) {
                // Another message cancels this call or reuses its id.
                (body, Expect::McpAnswer, Runs::AtMostOnce)
            } else if delay_ms == EXPLODE {
                (body, Expect::ToolPanicked { id: rpc }, Runs::Once)
            } else {
                (
                    body,
                    Expect::ToolResult {
                        id: rpc,
                        tag: tag.to_owned(),
                    },
                    Runs::Once,
                )
            }
        }
        Kind::McpHostile { message, id } => (
            json!({"subtype": "mcp_message", "server_name": "calc", "message": hostile_rpc(message, json!(500 + id))}),
            Expect::McpAnswer,
            Runs::Untracked,
        ),
        Kind::McpWithoutMessage => (
            json!({"subtype": "mcp_message", "server_name": "calc"}),
            Expect::Error("mcp_message without a message"),
            Runs::Never,
        ),
        Kind::McpUnknownServer => (
            json!({"subtype": "mcp_message", "server_name": "nope", "message":
                   {"jsonrpc": "2.0", "id": rpc, "method": "tools/call", "params": {"name": "echo", "arguments": {"tag": tag, "delay_ms": 0}}}}),
            Expect::McpErrorCode(-32601),
            Runs::Never,
        ),
        Kind::UnknownSubtype(subtype) => (
            json!({"subtype": subtype, "tool_use_id": tag}),
            Expect::Error("Unsupported control request subtype"),
            Runs::Untracked,
        ),
        Kind::ArbitraryBody(body) => (body.clone(), Expect::Any, Runs::Untracked),
        Kind::Mutated(inner, key, value) => {
            let (mut body, _, runs) = request(inner, step, tag, delay_ms, touched);
            if let Value::Object(map) = &mut body {
                let keys: Vec<String> = map.keys().cloned().collect();
                let key = keys
                    .get(key % keys.len().max(1))
                    .cloned()
                    .unwrap_or_else(|| "subtype".to_owned());
                map.insert(key, value.clone());
            }
            let runs = if runs == Runs::Untracked {
                runs
            } else {
                Runs::AtMostOnce
            };
            (body, Expect::Any, runs)
        }
    }
}

fn hostile_rpc(message: &McpHostile, id: Value) -> Value {
    let request = |method: &str| json!({"jsonrpc": "2.0", "id": id, "method": method});
    match message {
        McpHostile::Arbitrary(value) => value.clone(),
        McpHostile::Method(method) => request(method),
        McpHostile::BadArguments(arguments) => {
            json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": "echo", "arguments": arguments}})
        }
        McpHostile::UnknownTool => {
            json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": "nope", "arguments": {}}})
        }
        McpHostile::Reinitialize => {
            json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
                   "capabilities": {}, "clientInfo": {"name": "again", "version": "1"}}})
        }
        McpHostile::Initialized => json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        McpHostile::CancelCall(step) => {
            json!({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": rpc_id(*step), "reason": "hostile"}})
        }
        McpHostile::ReuseId(step) => {
            json!({"jsonrpc": "2.0", "id": rpc_id(*step), "method": "tools/list"})
        }
        McpHostile::ClientResult => json!({"jsonrpc": "2.0", "id": id, "result": {}}),
        McpHostile::ClientError => {
            json!({"jsonrpc": "2.0", "id": id, "error": {"code": -1, "message": "no"}})
        }
        McpHostile::Batch => json!([request("ping"), request("tools/list")]),
        McpHostile::WrongVersion => json!({"jsonrpc": "1.0", "id": id, "method": "ping"}),
        McpHostile::OddId(odd) => json!({"jsonrpc": "2.0", "id": odd, "method": "ping"}),
    }
}

/// The JSON-RPC ids of tool calls that another message cancels or reuses.
fn touched_calls(steps: &[Step]) -> BTreeSet<u64> {
    fn touched(kind: &Kind) -> Option<u64> {
        match kind {
            Kind::McpHostile {
                message: McpHostile::CancelCall(step) | McpHostile::ReuseId(step),
                ..
            } => Some(rpc_id(*step)),
            Kind::Mutated(inner, ..) => touched(inner),
            _ => None,
        }
    }
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Request { kind, .. } => touched(kind),
            _ => None,
        })
        .collect()
}

/// Points the messages about other steps at steps of this script.
fn within(step: Step, len: usize) -> Step {
    match step {
        Step::Request { kind, id, delay_ms } => Step::Request {
            kind: targets_within(kind, len),
            id,
            delay_ms,
        },
        other => other,
    }
}

fn targets_within(kind: Kind, len: usize) -> Kind {
    match kind {
        Kind::McpHostile {
            message: McpHostile::CancelCall(step),
            id,
        } => Kind::McpHostile {
            message: McpHostile::CancelCall(step % len),
            id,
        },
        Kind::McpHostile {
            message: McpHostile::ReuseId(step),
            id,
        } => Kind::McpHostile {
            message: McpHostile::ReuseId(step % len),
            id,
        },
        Kind::Mutated(inner, key, value) => {
            Kind::Mutated(Box::new(targets_within(*inner, len)), key, value)
        }
        other => other,
    }
}

// ----- the hostile CLI -----

/// One inbound request as sent.
#[derive(Debug)]
struct Sent {
    /// Its step in the script (none for the MCP handshake).
    step: Option<usize>,
    tag: String,
    expect: Expect,
    runs: Runs,
    /// The first request with its id.
    first: bool,
    /// A `control_cancel_request` for its id followed.
    cancelled: bool,
}

/// One control request of the client, as the CLI saw and answered it.
#[derive(Debug)]
struct Outbound {
    call: Call,
    request_id: String,
    /// What the first answer the SDK can match does.
    effect: Option<Effect>,
}

/// What the SDK wrote.
#[derive(Default)]
struct Written {
    /// Its answers to inbound requests, by request id (as JSON text).
    answers: BTreeMap<String, Vec<Value>>,
    /// Lines that are not JSON, or not the protocol.
    odd: Vec<String>,
}

/// What the CLI saw, for the checks.
struct Transcript {
    /// The inbound requests by request id (as JSON text).
    sent: BTreeMap<String, Vec<Sent>>,
    /// Request ids of requests that are not tracked (garbage lines, numbers).
    other_ids: BTreeSet<String>,
    /// Tags of requests without a string request id: their handler runs
    /// at most once.
    loose: Vec<String>,
    outbound: Vec<Outbound>,
    messages: Vec<String>,
    written: Written,
}

/// Reads what the SDK writes: answers go to `written`, the client's
/// requests to `requests`. Ends when the SDK closes the CLI's stdin.
async fn read_sdk(
    mut lines: tokio::io::Lines<BufReader<DuplexStream>>,
    written: Arc<Mutex<Written>>,
    progress: Arc<Notify>,
    requests: mpsc::UnboundedSender<Value>,
) {
    while let Ok(Some(line)) = lines.next_line().await {
        let value: Value = match serde_json::from_str(&line) {
            Ok(value) => value,
            Err(_) => {
                written.lock().unwrap().odd.push(line);
                continue;
            }
        };
        match value["type"].as_str() {
            Some("control_response") => {
                let id = value["response"]["request_id"].to_string();
                let mut written = written.lock().unwrap();
                written
                    .answers
                    .entry(id)
                    .or_default()
                    .push(value["response"].clone());
            }
            Some("control_request") => {
                let _ = requests.send(value);
            }
            Some("user") => {}
            _ => written.lock().unwrap().odd.push(line),
        }
        progress.notify_waiters();
    }
    progress.notify_waiters();
}

/// Waits until `done` holds, at most `HANG`.
async fn wait_until(
    written: &Mutex<Written>,
    progress: &Notify,
    done: impl Fn(&Written) -> bool,
) -> bool {
    let deadline = tokio::time::Instant::now() + HANG;
    loop {
        let notified = progress.notified();
        if done(&written.lock().unwrap()) {
            return true;
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return false;
        }
    }
}

struct Cli {
    out: DuplexStream,
    written: Arc<Mutex<Written>>,
    progress: Arc<Notify>,
    requests: mpsc::UnboundedReceiver<Value>,
    transcript: Transcript,
}

impl Cli {
    async fn send(&mut self, line: &[u8]) {
        // The SDK may be gone already (a bug the checks report); keep going.
        let _ = self.out.write_all(line).await;
        let _ = self.out.write_all(b"\n").await;
    }

    async fn send_json(&mut self, value: &Value) {
        self.send(value.to_string().as_bytes()).await;
    }

    /// Sends a tracked inbound request.
    async fn request(
        &mut self,
        id: Option<Value>,
        body: Value,
        step: Option<usize>,
        tag: String,
        expect: Expect,
        runs: Runs,
    ) {
        let mut frame = json!({"type": "control_request", "request": body});
        match id {
            Some(Value::String(id)) => {
                frame["request_id"] = json!(id);
                let key = json!(id).to_string();
                let sent = self.transcript.sent.entry(key).or_default();
                let first = sent.is_empty();
                sent.push(Sent {
                    step,
                    tag,
                    expect,
                    runs,
                    first,
                    cancelled: false,
                });
            }
            Some(other) => {
                frame["request_id"] = other.clone();
                self.transcript.other_ids.insert(other.to_string());
                self.transcript.loose.push(tag);
            }
            None => self.transcript.loose.push(tag),
        }
        self.send_json(&frame).await;
    }

    /// Waits for the answer to the request `id`.
    async fn answered(&self, id: &str) -> bool {
        let key = json!(id).to_string();
        wait_until(&self.written, &self.progress, |w| {
            w.answers.contains_key(&key)
        })
        .await
    }

    fn string_ids(&self) -> Vec<String> {
        self.transcript.sent.keys().cloned().collect()
    }
}

struct Script {
    case: u64,
    steps: Vec<Step>,
    peer_exits: bool,
}

/// Plays the script as the CLI. The client's calls go to `calls`.
async fn play(
    peer: Peer,
    script: Script,
    calls: mpsc::UnboundedSender<(usize, Call)>,
) -> Result<Transcript, String> {
    let mut peer = peer;
    peer.handshake_with(json!({"commands": [], "hook_on_failure_supported": true}))
        .await;
    let (lines, out, exit) = peer.into_parts();
    let written = Arc::new(Mutex::new(Written::default()));
    let progress = Arc::new(Notify::new());
    let (requests_tx, requests) = mpsc::unbounded_channel();
    let reader = tokio::spawn(read_sdk(
        lines,
        written.clone(),
        progress.clone(),
        requests_tx,
    ));
    let mut cli = Cli {
        out,
        written,
        progress,
        requests,
        transcript: Transcript {
            sent: BTreeMap::new(),
            other_ids: BTreeSet::new(),
            loose: Vec::new(),
            outbound: Vec::new(),
            messages: Vec::new(),
            written: Written::default(),
        },
    };
    let case = script.case;

    // The MCP handshake, as the CLI does it: initialize, then initialized.
    let init = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
                      "capabilities": {}, "clientInfo": {"name": "hostile", "version": "1"}}});
    cli.request(
        Some(json!("mcp-init")),
        json!({"subtype": "mcp_message", "server_name": "calc", "message": init}),
        None,
        String::new(),
        Expect::ServerInfo,
        Runs::Untracked,
    )
    .await;
    if !cli.answered("mcp-init").await {
        return Err("the MCP initialize was not answered".into());
    }
    cli.request(
        Some(json!("mcp-ready")),
        json!({"subtype": "mcp_message", "server_name": "calc", "message": {"jsonrpc": "2.0", "method": "notifications/initialized"}}),
        None,
        String::new(),
        Expect::Exactly(json!({"mcp_response": {"jsonrpc": "2.0", "result": {}}})),
        Runs::Untracked,
    )
    .await;
    if !cli.answered("mcp-ready").await {
        return Err("the MCP initialized notification was not answered".into());
    }

    let len = script.steps.len();
    let steps: Vec<Step> = script.steps.into_iter().map(|s| within(s, len)).collect();
    let touched = touched_calls(&steps);
    for (step, action) in steps.into_iter().enumerate() {
        let tag = format!("c{case}-s{step}");
        match action {
            Step::Request { kind, id, delay_ms } => {
                let (body, expect, runs) = request(&kind, step, &tag, delay_ms, &touched);
                let id = match id {
                    Id::Fresh => Some(json!(format!("r{step}"))),
                    Id::SameAs(n) => {
                        let ids = cli.string_ids();
                        let id = ids
                            .get(n % ids.len().max(1))
                            .map(|key| serde_json::from_str::<Value>(key).unwrap());
                        Some(id.unwrap_or_else(|| json!(format!("r{step}"))))
                    }
                    Id::Missing => None,
                    Id::Number => Some(json!(step)),
                };
                cli.request(id, body, Some(step), tag, expect, runs).await;
            }
            Step::Cancel(target) => {
                let frame = match target {
                    CancelTarget::Earlier(n) => {
                        let ids = cli.string_ids();
                        let Some(key) = ids.get(n % ids.len().max(1)) else {
                            continue;
                        };
                        for sent in cli.transcript.sent.get_mut(key).into_iter().flatten() {
                            sent.cancelled = true;
                        }
                        let id: Value = serde_json::from_str(key).unwrap();
                        json!({"type": "control_cancel_request", "request_id": id})
                    }
                    CancelTarget::Unknown => {
                        json!({"type": "control_cancel_request", "request_id": format!("zz{step}")})
                    }
                    CancelTarget::WithoutId => json!({"type": "control_cancel_request"}),
                };
                cli.send_json(&frame).await;
            }
            Step::Call(call) => {
                let _ = calls.send((cli.transcript.outbound.len(), call));
                let request = tokio::time::timeout(HANG, cli.requests.recv())
                    .await
                    .map_err(|_| format!("the client's `{}` was never sent", call.subtype()))?
                    .ok_or("the SDK closed its input")?;
                if request["request"]["subtype"] != call.subtype() {
                    return Err(format!("expected `{}`, got {request}", call.subtype()));
                }
                let request_id = request["request_id"]
                    .as_str()
                    .ok_or_else(|| format!("a request without an id: {request}"))?
                    .to_owned();
                cli.transcript.outbound.push(Outbound {
                    call,
                    request_id,
                    effect: None,
                });
            }
            Step::Answer { target, how } => {
                let count = cli.transcript.outbound.len();
                if count == 0 {
                    continue;
                }
                let id = cli.transcript.outbound[target % count].request_id.clone();
                let (lines, effect) = how.lines(&id);
                if matches!(how, How::Late) {
                    tokio::time::sleep(CONTROL_TIMEOUT + Duration::from_millis(100)).await;
                }
                for line in &lines {
                    cli.send_json(line).await;
                }
                let outbound = &mut cli.transcript.outbound[target % count];
                if outbound.effect.is_none() {
                    outbound.effect = effect;
                }
            }
            Step::Message => {
                let text = format!("seq-{case}-{}", cli.transcript.messages.len());
                cli.send_json(
                    &json!({"type": "assistant", "message": {"model": "m", "role": "assistant",
                    "content": [{"type": "text", "text": text}]}, "session_id": "s"}),
                )
                .await;
                cli.transcript.messages.push(text);
            }
            Step::Garbage(line) => {
                if let Ok(value) = serde_json::from_slice::<Value>(&line)
                    && let Some(id) = value.get("request_id")
                {
                    cli.transcript.other_ids.insert(id.to_string());
                }
                cli.send(&line).await;
            }
            Step::Pause(ms) => tokio::time::sleep(Duration::from_millis(ms)).await,
        }
    }

    // Every request that was not withdrawn is answered.
    let needed: Vec<(String, usize)> = cli
        .transcript
        .sent
        .iter()
        .map(|(id, sent)| (id.clone(), sent.iter().filter(|s| !s.cancelled).count()))
        .collect();
    let all_answered = wait_until(&cli.written, &cli.progress, |w| {
        needed
            .iter()
            .all(|(id, n)| w.answers.get(id).map_or(0, Vec::len) >= *n)
    })
    .await;
    if !all_answered {
        let written = cli.written.lock().unwrap();
        let missing: Vec<_> = needed
            .iter()
            .filter(|(id, n)| written.answers.get(id).map_or(0, Vec::len) < *n)
            .map(|(id, n)| {
                format!(
                    "{id}: {} of {n} answers ({:?})",
                    written.answers.get(id).map_or(0, Vec::len),
                    cli.transcript.sent[id]
                )
            })
            .collect();
        return Err(format!("requests never answered: {missing:#?}"));
    }
    cli.send_json(&json!({"type": "result", "subtype": "success", "is_error": false, "session_id": "s", "result": "done"}))
        .await;
    drop(calls);
    let Cli {
        out,
        written,
        transcript,
        ..
    } = cli;
    if script.peer_exits {
        drop(out);
        let _ = exit.send(ProcessExit::code(0));
        tokio::time::timeout(HANG, reader)
            .await
            .map_err(|_| "the SDK never closed the CLI's stdin after it exited")?
            .map_err(|e| e.to_string())?;
    } else {
        tokio::time::timeout(HANG, reader)
            .await
            .map_err(|_| "the SDK never closed the CLI's stdin")?
            .map_err(|e| e.to_string())?;
        drop(out);
        let _ = exit.send(ProcessExit::code(0));
    }
    let written = std::mem::take(&mut *written.lock().unwrap());
    Ok(Transcript {
        written,
        ..transcript
    })
}

// ----- the checks -----

fn check_inbound(transcript: &Transcript) -> Result<(), String> {
    let written = &transcript.written;
    for (id, sent) in &transcript.sent {
        let answers = written
            .answers
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let live = sent.iter().filter(|s| !s.cancelled).count();
        if answers.len() < live || answers.len() > sent.len() {
            return Err(format!(
                "request {id}: {} answers to {} requests ({live} not withdrawn): {answers:#?} for {sent:#?}",
                answers.len(),
                sent.len()
            ));
        }
        for answer in answers {
            if !sent.iter().any(|s| s.expect.admits(answer)) {
                return Err(format!(
                    "request {id}: unexpected answer {answer} for {sent:#?}"
                ));
            }
        }
        for s in sent {
            let runs = if s.cancelled || !s.first {
                match s.runs {
                    Runs::Once => Runs::AtMostOnce,
                    other => other,
                }
            } else {
                s.runs
            };
            check_runs(&s.tag, runs)
                .map_err(|e| format!("request {id} (step {:?}): {e}", s.step))?;
        }
    }
    for tag in &transcript.loose {
        check_runs(tag, Runs::AtMostOnce)?;
    }
    for (id, answers) in &written.answers {
        if !transcript.sent.contains_key(id) && !transcript.other_ids.contains(id) {
            return Err(format!(
                "answers to a request never sent ({id}): {answers:?}"
            ));
        }
    }
    if !written.odd.is_empty() {
        return Err(format!("the SDK wrote odd lines: {:?}", written.odd));
    }
    Ok(())
}

fn check_runs(tag: &str, runs: Runs) -> Result<(), String> {
    let n = calls_of(tag);
    let ok = match runs {
        Runs::Once => n == 1,
        Runs::AtMostOnce => n <= 1,
        Runs::Never => n == 0,
        Runs::Untracked => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the handler of {tag} ran {n} times, expected {runs:?}"
        ))
    }
}

fn check_call(outbound: &Outbound, outcome: &Result<Option<Value>, Error>) -> Result<(), String> {
    let fits = match (&outbound.effect, outcome) {
        // The control timeout may pass first on a loaded machine.
        (_, Err(Error::Timeout { .. })) => true,
        (None, Err(Error::ProcessExited { .. } | Error::NotConnected(_))) => true,
        (Some(Effect::Success(payload)), Ok(raw)) => match outbound.call {
            Call::Raw => raw.as_ref() == Some(payload),
            _ => true,
        },
        (Some(Effect::Success(_)), Err(Error::Control { message, .. })) => {
            matches!(outbound.call, Call::Interrupt | Call::McpStatus)
                && message.starts_with("unexpected answer")
        }
        (Some(Effect::Error(expected)), Err(Error::Control { message, .. })) => message == expected,
        (Some(Effect::Error(expected)), Err(Error::Unsupported { detail, .. })) => {
            detail == expected
        }
        (Some(Effect::AnyError), Err(Error::Control { .. } | Error::Unsupported { .. })) => true,
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(format!(
            "the client's {outbound:?} resolved with {outcome:?}"
        ))
    }
}

fn check_messages(
    transcript: &Transcript,
    items: &[Result<Message, Error>],
    peer_exits: bool,
    case: u64,
) -> Result<(), String> {
    let prefix = format!("seq-{case}-");
    let texts: Vec<String> = items
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .filter_map(Message::as_assistant)
        .map(|a| a.text())
        .filter(|t| t.starts_with(&prefix))
        .collect();
    if texts != transcript.messages {
        return Err(format!(
            "messages {texts:?}, sent {:?}",
            transcript.messages
        ));
    }
    for (n, item) in items.iter().enumerate() {
        match item {
            Ok(_) | Err(Error::Decode { .. } | Error::LineTooLong { .. }) => {}
            Err(Error::ProcessExited { exit })
                if peer_exits && n + 1 == items.len() && exit.code == Some(0) => {}
            Err(other) => return Err(format!("item {n}: {other:?}")),
        }
    }
    Ok(())
}

/// Runs one case; an `Err` says which property failed.
async fn run_case(steps: Vec<Step>, peer_exits: bool) -> Result<(), String> {
    static CASES: AtomicU64 = AtomicU64::new(0);
    let case = CASES.fetch_add(1, Ordering::Relaxed);
    let (builder, mut peers) = support::in_memory();
    let (calls_tx, mut calls_rx) = mpsc::unbounded_channel::<(usize, Call)>();
    let script = Script {
        case,
        steps,
        peer_exits,
    };
    let cli = tokio::spawn(async move {
        let peer = peers.recv().await.ok_or("no CLI was started")?;
        play(peer, script, calls_tx).await
    });
    let mut client = ClaudeClient::new(options(builder));
    tokio::time::timeout(HANG, client.connect())
        .await
        .map_err(|_| "connect hung")?
        .map_err(|e| format!("connect failed: {e}"))?;
    let client = Arc::new(client);
    let receiver = tokio::spawn(client.receive_messages().collect::<Vec<_>>());
    let caller = {
        let client = client.clone();
        tokio::spawn(async move {
            let mut pending = Vec::new();
            while let Some((n, call)) = calls_rx.recv().await {
                let client = client.clone();
                let (done_tx, done_rx) = oneshot::channel();
                tokio::spawn(async move {
                    let outcome = tokio::time::timeout(HANG, call.run(&client)).await;
                    drop(client);
                    let _ = done_tx.send(outcome);
                });
                pending.push((n, done_rx));
            }
            pending
        })
    };
    let pending = tokio::time::timeout(SCRIPT_HANG, caller)
        .await
        .map_err(|_| "the script never ended")?
        .map_err(|e| e.to_string())?;
    let mut outcomes = Vec::new();
    for (n, done) in pending {
        let outcome = tokio::time::timeout(HANG, done)
            .await
            .map_err(|_| format!("the client's call {n} never resolved"))?
            .map_err(|_| format!("the client's call {n} was dropped"))?
            .map_err(|_| format!("the client's call {n} hung"))?;
        outcomes.push((n, outcome));
    }
    let mut client = Arc::try_unwrap(client).map_err(|_| "the client is still shared")?;
    tokio::time::timeout(HANG, client.disconnect())
        .await
        .map_err(|_| "disconnect hung")?
        .map_err(|e| format!("disconnect failed: {e}"))?;
    drop(client);
    let items = tokio::time::timeout(HANG, receiver)
        .await
        .map_err(|_| "the message stream never ended")?
        .map_err(|e| e.to_string())?;
    let transcript = tokio::time::timeout(HANG, cli)
        .await
        .map_err(|_| "the CLI never finished")?
        .map_err(|e| e.to_string())??;

    check_inbound(&transcript)?;
    for (n, outcome) in &outcomes {
        check_call(&transcript.outbound[*n], outcome)?;
    }
    check_messages(&transcript, &items, peer_exits, case)
}

// ----- the generators -----

fn base_kind() -> BoxedStrategy<Kind> {
    prop_oneof![
        3 => any::<bool>().prop_map(|deny| Kind::Hook { deny }),
        1 => Just(Kind::HookMisrouted),
        1 => Just(Kind::HookHangs),
        1 => prop_oneof![
            Just(json!("hook_2")),
            Just(json!("")),
            Just(json!("HOOK_0")),
            Just(json!(0)),
            Just(Value::Null),
            Just(json!(["hook_0"])),
        ]
        .prop_map(Kind::HookUnknownId),
        3 => any::<bool>().prop_map(|allow| Kind::Permission { allow }),
        1 => (0usize..4).prop_map(Kind::PermissionUnreadable),
        1 => Just(Kind::Elicitation),
        1 => Just(Kind::ElicitationUnreadable),
        3 => Just(Kind::ToolCall),
        3 => (mcp_hostile(), 0u64..3).prop_map(|(message, id)| Kind::McpHostile { message, id }),
        1 => Just(Kind::McpWithoutMessage),
        1 => Just(Kind::McpUnknownServer),
        1 => prop_oneof![
            Just("request_user_dialog"),
            Just("initialize"),
            Just("interrupt"),
            Just(""),
            Just("HOOK_CALLBACK"),
            Just("can_use_tool "),
        ]
        .prop_map(Kind::UnknownSubtype),
        1 => json_value().prop_map(Kind::ArbitraryBody),
    ]
    .boxed()
}

fn mcp_hostile() -> BoxedStrategy<McpHostile> {
    prop_oneof![
        json_value().prop_map(McpHostile::Arbitrary),
        prop_oneof![
            Just("bogus/method"),
            Just("ping"),
            Just("tools/list"),
            Just("resources/list"),
            Just("prompts/get"),
            Just("logging/setLevel"),
            Just("completion/complete"),
        ]
        .prop_map(McpHostile::Method),
        json_value().prop_map(McpHostile::BadArguments),
        Just(McpHostile::UnknownTool),
        Just(McpHostile::Reinitialize),
        Just(McpHostile::Initialized),
        any::<usize>().prop_map(McpHostile::CancelCall),
        any::<usize>().prop_map(McpHostile::ReuseId),
        Just(McpHostile::ClientResult),
        Just(McpHostile::ClientError),
        Just(McpHostile::Batch),
        Just(McpHostile::WrongVersion),
        prop_oneof![
            Just(json!({})),
            Just(json!([1])),
            Just(json!(1.5)),
            Just(Value::Null),
            Just(json!(true)),
        ]
        .prop_map(McpHostile::OddId),
    ]
    .boxed()
}

fn kind() -> BoxedStrategy<Kind> {
    prop_oneof![
        5 => base_kind(),
        1 => (base_kind(), any::<usize>(), json_value())
            .prop_map(|(kind, key, value)| Kind::Mutated(Box::new(kind), key, value)),
    ]
    .boxed()
}

fn how() -> BoxedStrategy<How> {
    prop_oneof![
        4 => json_value().prop_map(How::Success),
        2 => Just(How::Success(json!({}))),
        1 => Just(How::SuccessWithoutPayload),
        2 => ".{0,12}".prop_map(How::Error),
        1 => Just(How::Unsupported),
        1 => Just(How::WithoutResponse),
        1 => Just(How::WithoutRequestId),
        1 => Just(How::NumericRequestId),
        1 => Just(How::ResponseNotAnObject),
        1 => Just(How::OddSubtype),
        1 => Just(How::Twice),
        1 => Just(How::Late),
    ]
    .boxed()
}

fn step() -> BoxedStrategy<Step> {
    prop_oneof![
        10 => (
            kind(),
            prop_oneof![
                6 => Just(Id::Fresh),
                2 => any::<usize>().prop_map(Id::SameAs),
                1 => Just(Id::Missing),
                1 => Just(Id::Number),
            ],
            prop_oneof![15 => 0..=MAX_DELAY_MS, 1 => Just(EXPLODE)],
        )
            .prop_map(|(kind, id, delay_ms)| Step::Request { kind, id, delay_ms }),
        3 => prop_oneof![
            4 => any::<usize>().prop_map(CancelTarget::Earlier),
            1 => Just(CancelTarget::Unknown),
            1 => Just(CancelTarget::WithoutId),
        ]
        .prop_map(Step::Cancel),
        2 => prop_oneof![
            Just(Call::Interrupt),
            Just(Call::SetModel),
            Just(Call::McpStatus),
            Just(Call::PermissionMode),
            Just(Call::Raw),
        ]
        .prop_map(Step::Call),
        3 => (any::<usize>(), how()).prop_map(|(target, how)| Step::Answer { target, how }),
        2 => Just(Step::Message),
        2 => garbage_line(MAX_LINE).prop_map(Step::Garbage),
        1 => (0u64..20).prop_map(Step::Pause),
    ]
    .boxed()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    // About a quarter of a second a case; a failing case may wait `HANG`
    // for an answer, so shrinking is bounded in time.
    #![proptest_config(ProptestConfig {
        cases: 32,
        max_shrink_time: 60_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_router_answers_every_request_under_hostile_output(
        steps in prop::collection::vec(step(), 0..40),
        peer_exits in any::<bool>(),
    ) {
        runtime()
            .block_on(run_case(steps, peer_exits))
            .map_err(TestCaseError::fail)?;
    }
}

// ----- request ids the CLI reuses while a request is in flight -----

fn ask(command: &str, tool_use_id: &str) -> Value {
    json!({"type": "control_request", "request_id": "dup", "request": {"subtype": "can_use_tool",
           "tool_name": "Bash", "input": {"command": command}, "tool_use_id": tool_use_id}})
}

/// A session whose permission callback waits for `release` on `wait`, and
/// reports the tool use ids it starts and those whose cancellation fires.
fn waiting_permissions(
    builder: ClaudeAgentOptionsBuilder,
    release: Arc<Notify>,
) -> (
    ClaudeAgentOptions,
    mpsc::UnboundedReceiver<String>,
    mpsc::UnboundedReceiver<String>,
) {
    let (started_tx, started) = mpsc::unbounded_channel();
    let (cancelled_tx, cancelled) = mpsc::unbounded_channel();
    let options = builder
        .can_use_tool(move |request: ToolPermissionRequest| {
            let release = release.clone();
            let started_tx = started_tx.clone();
            let cancelled_tx = cancelled_tx.clone();
            async move {
                if request.input["command"] == "wait" {
                    let id = request.tool_use_id.clone();
                    let signal = request.cancellation().clone();
                    tokio::spawn(async move {
                        signal.cancelled().await;
                        let _ = cancelled_tx.send(id);
                    });
                    let _ = started_tx.send(request.tool_use_id.clone());
                    release.notified().await;
                }
                PermissionResult::allow()
            }
        })
        .build();
    (options, started, cancelled)
}

#[tokio::test]
async fn a_request_id_reused_while_in_flight_gets_an_answer_per_request() {
    let (builder, mut peers) = support::in_memory();
    let release = Arc::new(Notify::new());
    let (options, mut started, _) = waiting_permissions(builder, release.clone());
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.handshake_with(json!({"commands": []})).await;
        peer.send(ask("wait", "first")).await;
        assert_eq!(started.recv().await.as_deref(), Some("first"));
        // The same id again, for a request answered at once.
        peer.send(ask("ls", "second")).await;
        let answer = peer.recv().await.unwrap();
        assert_eq!(answer["response"]["request_id"], "dup", "{answer}");
        // The first request finishes: it is answered too.
        release.notify_one();
        let answer = tokio::time::timeout(Duration::from_secs(5), peer.recv())
            .await
            .expect("the first request with a reused id was never answered")
            .unwrap();
        assert_eq!(answer["type"], "control_response", "{answer}");
        assert_eq!(answer["response"]["request_id"], "dup", "{answer}");
    });
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    cli.await.unwrap();
    client.disconnect().await.unwrap();
}

#[tokio::test]
async fn cancelling_a_reused_request_id_cancels_the_first_request_too() {
    let (builder, mut peers) = support::in_memory();
    let (options, mut started, mut cancelled) =
        waiting_permissions(builder, Arc::new(Notify::new()));
    let cli = tokio::spawn(async move {
        let mut peer = peers.recv().await.unwrap();
        peer.handshake_with(json!({"commands": []})).await;
        peer.send(ask("wait", "first")).await;
        assert_eq!(started.recv().await.as_deref(), Some("first"));
        peer.send(ask("wait", "second")).await;
        // The CLI withdraws the id: whatever runs under it is stopped.
        peer.send(json!({"type": "control_cancel_request", "request_id": "dup"}))
            .await;
        let first_cancelled = tokio::time::timeout(Duration::from_secs(5), async {
            while let Some(id) = cancelled.recv().await {
                if id == "first" {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(
            first_cancelled,
            Ok(true),
            "the first request with the withdrawn id was not cancelled"
        );
        peer
    });
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    let peer = cli.await.unwrap();
    drop(peer);
    client.disconnect().await.unwrap();
}
