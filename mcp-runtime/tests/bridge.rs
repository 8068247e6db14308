//! The in-process bridge, driven the way Claude Code drives it: one
//! JSON-RPC message per `mcp_message` control request.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_mcp::schema::JsonObject;
use claude_agent_mcp::{Bridge, McpServer, SchemaError, Tool, ToolContext, ToolResult, tool};
use futures::future::BoxFuture;
use serde_json::{Value, json};
use tokio::sync::Notify;

/// Sleeps, reporting progress first.
#[tool]
async fn slow(ms: u64, ctx: ToolContext) -> String {
    ctx.report_progress(1.0, Some(2.0), Some("halfway")).await;
    let mut guard = StoppedEarly(true);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    guard.0 = false;
    format!("slept {ms} ms for {}", ctx.tool_use_id().unwrap_or("?"))
}

/// Says so when a call is stopped before it finishes.
struct StoppedEarly(bool);

impl Drop for StoppedEarly {
    fn drop(&mut self) {
        if self.0 {
            STOPPED.notify_one();
        }
    }
}

static STOPPED: Notify = Notify::const_new();

/// Answers at once.
#[tool]
async fn fast() -> &'static str {
    "fast"
}

fn bridge() -> (Bridge, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let bridge = McpServer::new("calc")
        .version("9.9.9")
        .instructions("Use it.")
        .tool(slow)
        .tool(fast)
        .bridge(move |notification| sink.lock().unwrap().push(notification));
    (bridge, seen)
}

fn initialize(id: u64, version: &str) -> Value {
    json!({
        "jsonrpc": "2.0", "id": id, "method": "initialize",
        "params": {
            "protocolVersion": version,
            "capabilities": {},
            "clientInfo": {"name": "claude-code", "version": "2.1.330"}
        }
    })
}

fn call(id: u64, name: &str, arguments: Value) -> Value {
    json!({
        "jsonrpc": "2.0", "id": id, "method": "tools/call",
        "params": {
            "name": name, "arguments": arguments,
            "_meta": {"claudecode/toolUseId": format!("toolu_{id}"), "progressToken": id}
        }
    })
}

async fn handshake(bridge: &Bridge) -> Value {
    let init = bridge.handle(initialize(0, "2025-11-25")).await;
    let ack = bridge
        .handle(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        .await;
    assert_eq!(ack, json!({"jsonrpc": "2.0", "result": {}}));
    init
}

#[tokio::test]
async fn handshake_reports_our_identity_and_caps_the_protocol_version() {
    let (bridge, _) = bridge();
    let init = handshake(&bridge).await;
    assert_eq!(init["id"], 0);
    assert_eq!(init["result"]["protocolVersion"], "2025-11-25");
    assert_eq!(
        init["result"]["serverInfo"],
        json!({"name": "calc", "version": "9.9.9"})
    );
    assert_eq!(init["result"]["instructions"], "Use it.");
    assert!(init["result"]["capabilities"]["tools"].is_object());

    // A second handshake on the live server (CLI 2.1.197 does this), asking
    // for a revision past the cap.
    let again = bridge.handle(initialize(5, "2026-07-28")).await;
    assert_eq!(again["id"], 5);
    assert_eq!(again["result"]["protocolVersion"], "2025-11-25");

    let older = McpServer::new("old").bridge(|_| {});
    let init = older.handle(initialize(0, "2024-11-05")).await;
    assert_eq!(init["result"]["protocolVersion"], "2024-11-05");
}

#[tokio::test]
async fn tools_are_listed_and_called_with_the_tool_use_id_and_progress() {
    let (bridge, notifications) = bridge();
    handshake(&bridge).await;
    let list = bridge
        .handle(json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .await;
    let names: Vec<&str> = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["slow", "fast"]);

    let result = bridge.handle(call(2, "slow", json!({"ms": 1}))).await;
    assert_eq!(result["id"], 2);
    assert_eq!(result["result"]["isError"], false);
    assert_eq!(
        result["result"]["content"][0]["text"],
        "slept 1 ms for toolu_2"
    );
    let progress = notifications.lock().unwrap().clone();
    assert_eq!(
        progress,
        [json!({
            "jsonrpc": "2.0",
            "method": "notifications/progress",
            "params": {"progressToken": 2, "progress": 1.0, "total": 2.0, "message": "halfway"}
        })]
    );

    let unknown = bridge.handle(call(3, "nope", json!({}))).await;
    assert_eq!(unknown["error"]["code"], -32602);
    let method = bridge
        .handle(json!({"jsonrpc": "2.0", "id": 4, "method": "prompts/list"}))
        .await;
    assert_eq!(method["error"]["code"], -32601);
}

#[tokio::test]
async fn calls_run_concurrently() {
    let (bridge, _) = bridge();
    handshake(&bridge).await;
    let started = std::time::Instant::now();
    let slow_call = bridge.handle(call(1, "slow", json!({"ms": 400})));
    let fast_call = async {
        let quick = bridge.handle(call(2, "fast", json!({}))).await;
        (quick, started.elapsed())
    };
    let (slow_result, (fast_result, fast_after)) = tokio::join!(slow_call, fast_call);
    assert_eq!(fast_result["result"]["content"][0]["text"], "fast");
    assert_eq!(
        slow_result["result"]["content"][0]["text"],
        "slept 400 ms for toolu_1"
    );
    assert!(
        fast_after < Duration::from_millis(300),
        "the fast call waited for the slow one: {fast_after:?}"
    );
}

#[tokio::test]
async fn dropping_a_request_cancels_the_call() {
    let (bridge, _) = bridge();
    handshake(&bridge).await;
    let pending = bridge.handle(call(7, "slow", json!({"ms": 60_000})));
    // Give the call time to start, then give up on it (what the SDK does
    // on `control_cancel_request`).
    let timed_out = tokio::time::timeout(Duration::from_millis(200), pending).await;
    assert!(timed_out.is_err());
    tokio::time::timeout(Duration::from_secs(5), STOPPED.notified())
        .await
        .expect("the call was stopped");
    // The id is free again and the server still answers.
    let again = bridge.handle(call(7, "slow", json!({"ms": 1}))).await;
    assert_eq!(
        again["result"]["content"][0]["text"],
        "slept 1 ms for toolu_7"
    );
}

#[tokio::test]
async fn a_duplicate_in_flight_id_is_refused() {
    let (bridge, _) = bridge();
    handshake(&bridge).await;
    let first = bridge.handle(call(9, "slow", json!({"ms": 300})));
    let second = async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        bridge.handle(call(9, "fast", json!({}))).await
    };
    let (first, second) = tokio::join!(first, second);
    assert_eq!(
        first["result"]["content"][0]["text"],
        "slept 300 ms for toolu_9"
    );
    assert_eq!(second["id"], 9);
    assert_eq!(second["error"]["code"], -32600);
    assert!(
        second["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already in flight")
    );
}

#[tokio::test]
async fn bad_messages_get_json_rpc_errors() {
    let (bridge, _) = bridge();
    let before_init = bridge
        .handle(json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .await;
    assert_eq!(before_init["id"], 1);
    assert_eq!(before_init["error"]["code"], -32600);
    assert!(
        before_init["error"]["message"]
            .as_str()
            .unwrap()
            .contains("send `initialize` first")
    );
    let garbage = bridge.handle(json!({"id": 3, "what": true})).await;
    assert_eq!(garbage["id"], 3);
    assert_eq!(garbage["error"]["code"], -32600);
    let not_even_an_object = bridge.handle(json!(42)).await;
    assert_eq!(not_even_an_object["error"]["code"], -32600);
}

/// A hand-written tool holding state, which panics before it returns its
/// future when asked to.
struct Stateful {
    state: Arc<()>,
}

impl Tool for Stateful {
    fn name(&self) -> &str {
        "stateful"
    }

    fn input_schema(&self) -> Result<JsonObject, SchemaError> {
        let schema = json!({"type": "object", "properties": {"panic": {"type": "boolean"}}});
        Ok(schema.as_object().cloned().unwrap_or_default())
    }

    fn call<'a>(&'a self, arguments: JsonObject, _ctx: ToolContext) -> BoxFuture<'a, ToolResult> {
        assert!(
            arguments.get("panic") != Some(&Value::Bool(true)),
            "no future for you"
        );
        let holders = Arc::strong_count(&self.state);
        Box::pin(async move { ToolResult::text(format!("{holders} holders")) })
    }
}

#[tokio::test]
async fn a_tool_panicking_before_its_future_gets_an_error_result() {
    let bridge = McpServer::new("s")
        .tool(Stateful {
            state: Arc::default(),
        })
        .bridge(|_| {});
    handshake(&bridge).await;
    let result = tokio::time::timeout(
        Duration::from_secs(5),
        bridge.handle(call(1, "stateful", json!({"panic": true}))),
    )
    .await
    .expect("the call is answered");
    assert_eq!(result["id"], 1);
    assert_eq!(result["result"]["isError"], true);
    assert_eq!(
        result["result"]["content"][0]["text"],
        "the tool `stateful` panicked: no future for you"
    );
    // The server still answers.
    let again = bridge.handle(call(2, "stateful", json!({}))).await;
    assert_eq!(again["result"]["isError"], false);
}

#[tokio::test]
async fn dropping_the_bridge_stops_the_server_and_drops_the_tools() {
    let state = Arc::new(());
    let bridge = McpServer::new("s")
        .tool(Stateful {
            state: state.clone(),
        })
        .bridge(|_| {});
    let twin = bridge.clone();
    handshake(&bridge).await;
    let result = bridge.handle(call(1, "stateful", json!({}))).await;
    assert_eq!(result["result"]["content"][0]["text"], "2 holders");
    drop(bridge);
    // A clone keeps the server running.
    let result = twin.handle(call(2, "stateful", json!({}))).await;
    assert_eq!(result["result"]["content"][0]["text"], "2 holders");
    drop(twin);
    tokio::time::timeout(Duration::from_secs(5), async {
        while Arc::strong_count(&state) > 1 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the tool's state is dropped with the bridge");
}
