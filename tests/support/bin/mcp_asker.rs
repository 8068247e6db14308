//! A minimal stdio MCP server for the elicitation tests: its tool `ask`
//! asks the user a question (`elicitation/create`) and returns the answer
//! as its result.
//!
//! Newline-delimited JSON-RPC on stdin/stdout; just enough of MCP for the
//! Claude Code CLI to list and call the tool.

use std::io::{BufRead, Write};

use serde_json::{Value, json};

fn main() {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut next_id = 0u64;
    while let Some(Ok(line)) = lines.next() {
        let Ok(message) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let id = message.get("id").cloned();
        let method = message["method"].as_str().unwrap_or_default();
        let result = match method {
            "initialize" => json!({
                "protocolVersion": message["params"]["protocolVersion"].as_str().unwrap_or("2025-06-18"),
                "capabilities": {"tools": {}},
                "serverInfo": {"name": "asker", "version": "1.0.0"},
            }),
            "tools/list" => json!({"tools": [{
                "name": "ask",
                "description": "Ask the user a question.",
                "inputSchema": {
                    "type": "object",
                    "properties": {"question": {"type": "string"}},
                    "required": ["question"],
                },
            }]}),
            "tools/call" => {
                next_id += 1;
                let request_id = format!("elicit-{next_id}");
                send(&json!({
                    "jsonrpc": "2.0",
                    "id": request_id,
                    "method": "elicitation/create",
                    "params": {
                        "message": message["params"]["arguments"]["question"],
                        "requestedSchema": {
                            "type": "object",
                            "properties": {"name": {"type": "string", "title": "Your name"}},
                            "required": ["name"],
                        },
                    },
                }));
                // Wait for the answer (other traffic is answered on the way).
                let mut answer = Value::Null;
                for line in lines.by_ref() {
                    let Ok(line) = line else { break };
                    let Ok(reply) = serde_json::from_str::<Value>(&line) else {
                        continue;
                    };
                    if reply["id"] == request_id.as_str() && reply.get("method").is_none() {
                        answer = reply.get("result").cloned().unwrap_or(reply);
                        break;
                    }
                    if let Some(id) = reply.get("id").filter(|_| reply.get("method").is_some()) {
                        send(&json!({"jsonrpc": "2.0", "id": id, "result": {}}));
                    }
                }
                json!({"content": [{"type": "text", "text": format!("answer: {answer}")}]})
            }
            _ if id.is_none() => continue,
            "ping" => json!({}),
            _ => {
                send(
                    &json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "method not found"}}),
                );
                continue;
            }
        };
        if let Some(id) = id {
            send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        }
    }
}

fn send(message: &Value) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{message}");
    let _ = stdout.flush();
}
