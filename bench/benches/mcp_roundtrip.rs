//! The in-process MCP round trip without a CLI: one `tools/call` through the
//! bridge (JSON-RPC in, rmcp, the tool, JSON-RPC out), in µs per call.

use std::time::Instant;

use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::tool;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

/// Add two numbers.
#[tool]
async fn add(a: f64, b: f64) -> String {
    (a + b).to_string()
}

fn roundtrip(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let bridge = McpServer::new("calc").tool(add).bridge(|_| {});
    runtime.block_on(async {
        let init = bridge
            .handle(
                json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
                "protocolVersion": "2025-11-25", "capabilities": {},
                "clientInfo": {"name": "bench", "version": "1"}}}),
            )
            .await;
        assert!(init.get("result").is_some(), "{init}");
        bridge
            .handle(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
            .await;
    });
    c.bench_function("mcp tools/call round trip", |b| {
        b.iter_custom(|iterations| {
            runtime.block_on(async {
                let started = Instant::now();
                for i in 0..iterations {
                    let reply = bridge
                        .handle(json!({"jsonrpc": "2.0", "id": i + 1, "method": "tools/call",
                            "params": {"name": "add", "arguments": {"a": 1, "b": 2},
                                       "_meta": {"claudecode/toolUseId": "toolu_1", "progressToken": i + 1}}}))
                        .await;
                    debug_assert_eq!(reply["result"]["content"][0]["text"], "3");
                    std::hint::black_box(reply);
                }
                started.elapsed()
            })
        });
    });
}

criterion_group!(benches, roundtrip);
criterion_main!(benches);
