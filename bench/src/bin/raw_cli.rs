//! The floor: the benchmark scenarios driven against the CLI with no SDK,
//! by the least code that can do it (write `initialize` and the prompt,
//! read lines until the result and `idle`, answer the calculator's
//! `mcp_message` requests by hand for S3).
//!
//! ```text
//! raw-cli S1|S2|S2x25|S3|S4|S5|S6|S7|S8
//! ```
//!
//! S6-S8 are the cold baselines of the SDK's warm scenarios: S6 is S1,
//! S7 20 sequential one-shot queries, S8 50 queries with 5 in flight.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Instant;

use claude_agent_sdk_bench::{
    Report, mean, mean_gap_ms, percentile, round, s3_expected, s3_prompt,
};
use serde_json::{Value, json};

struct Cli {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Cli {
    fn start(extra: &[&str]) -> Cli {
        let program = std::env::var_os("CLAUDE_CLI").unwrap_or_else(|| "claude".into());
        let mut child = Command::new(program)
            .args([
                "--output-format",
                "stream-json",
                "--verbose",
                "--system-prompt",
                "",
            ])
            .args(extra)
            .args(["--input-format", "stream-json"])
            .env_remove("CLAUDECODE")
            .env("CLAUDE_CODE_ENTRYPOINT", "sdk-rust")
            .env("CLAUDE_CODE_SDK_READS_SESSION_STATE", "1")
            .env("CLAUDE_CODE_EMIT_SESSION_STATE_EVENTS", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the CLI");
        let stdin = child.stdin.take();
        let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut cli = Cli {
            child,
            stdin,
            lines,
        };
        cli.send(&json!({"type": "control_request", "request_id": "req_1", "request": {"subtype": "initialize", "hooks": null}}));
        cli
    }

    fn send(&mut self, value: &Value) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{value}").expect("write to the CLI");
        stdin.flush().expect("flush");
    }

    fn prompt(&mut self, text: &str) {
        self.send(&json!({"type": "user", "session_id": "", "message": {"role": "user", "content": text}, "parent_tool_use_id": null}));
    }

    /// Reads until a result and then `idle`; answers `mcp_message` requests
    /// with `tool`. Returns the result text.
    fn turn(
        &mut self,
        mut tool: impl FnMut(&Value) -> Value,
        mut on_line: impl FnMut(&Value),
    ) -> Option<String> {
        let mut result = None;
        while let Some(Ok(line)) = self.lines.next() {
            let Ok(value) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            on_line(&value);
            match value["type"].as_str() {
                Some("control_request") if value["request"]["subtype"] == "mcp_message" => {
                    let reply = tool(&value["request"]["message"]);
                    self.send(&json!({"type": "control_response", "response": {"subtype": "success", "request_id": value["request_id"], "response": {"mcp_response": reply}}}));
                }
                Some("result") => result = value["result"].as_str().map(str::to_owned),
                Some("system")
                    if value["subtype"] == "session_state_changed"
                        && value["state"] == "idle"
                        && result.is_some() =>
                {
                    break;
                }
                _ => {}
            }
        }
        result
    }

    fn finish(mut self) {
        drop(self.stdin.take());
        for _ in self.lines.by_ref() {}
        let _ = self.child.wait();
    }
}

fn no_tools(_: &Value) -> Value {
    json!({"jsonrpc": "2.0", "result": {}})
}

fn calculator(calls: &mut Vec<Instant>) -> impl FnMut(&Value) -> Value + '_ {
    move |message| {
        let id = message.get("id").cloned().unwrap_or(Value::Null);
        match message["method"].as_str() {
            Some("initialize") => {
                json!({"jsonrpc": "2.0", "id": id, "result": {"protocolVersion": message["params"]["protocolVersion"], "capabilities": {"tools": {}}, "serverInfo": {"name": "calc", "version": "1.0.0"}}})
            }
            Some("tools/list") => {
                json!({"jsonrpc": "2.0", "id": id, "result": {"tools": [{"name": "add", "description": "Add two numbers.", "inputSchema": {"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}}]}})
            }
            Some("tools/call") => {
                calls.push(Instant::now());
                let args = &message["params"]["arguments"];
                let sum = args["a"].as_f64().unwrap_or(0.0) + args["b"].as_f64().unwrap_or(0.0);
                json!({"jsonrpc": "2.0", "id": id, "result": {"content": [{"type": "text", "text": format!("{}", sum as i64)}], "isError": false}})
            }
            _ if id.is_null() => json!({"jsonrpc": "2.0", "result": {}}),
            _ => {
                json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "method not found"}})
            }
        }
    }
}

fn one(prompt: &str, extra: &[&str]) -> Option<String> {
    one_timed(prompt, extra).0
}

/// Like [`one`], with the milliseconds from the start to the result line.
fn one_timed(prompt: &str, extra: &[&str]) -> (Option<String>, f64) {
    let started = Instant::now();
    let mut answered = None;
    let mut cli = Cli::start(extra);
    cli.prompt(prompt);
    let result = cli.turn(no_tools, |value| {
        if value["type"] == "result" && answered.is_none() {
            answered = Some(started.elapsed().as_secs_f64() * 1000.0);
        }
    });
    cli.finish();
    (result, answered.unwrap_or(f64::NAN))
}

fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    let mut report = Report::start("raw-cli", &scenario);
    let ok = match scenario.as_str() {
        "S1" => one("SAY hi", &[]).as_deref() == Some("hi"),
        "S6" => {
            let (answer, answered) = one_timed("SAY hi", &[]);
            report.set("query_ms", round(answered));
            answer.as_deref() == Some("hi")
        }
        "S7" | "S7p" => {
            let mut latencies = Vec::new();
            let mut ok = true;
            for i in 0..20 {
                if i > 0 && scenario == "S7p" {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
                let (answer, answered) = one_timed(&format!("SAY hi {i}"), &[]);
                ok &= answer == Some(format!("hi {i}"));
                latencies.push(answered);
            }
            report.set("query_mean_ms", round(mean(&latencies)));
            report.set("query_p95_ms", round(percentile(&latencies, 95.0)));
            ok
        }
        "S8" => {
            let started = Instant::now();
            let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let workers: Vec<_> = (0..5)
                .map(|_| {
                    let next = next.clone();
                    std::thread::spawn(move || {
                        let mut ok = true;
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            if i >= 50 {
                                return ok;
                            }
                            ok &= one(&format!("SAY hi {i}"), &[]) == Some(format!("hi {i}"));
                        }
                    })
                })
                .collect();
            let ok = workers.into_iter().all(|w| w.join().unwrap_or(false));
            report.set(
                "queries_ms",
                round(started.elapsed().as_secs_f64() * 1000.0),
            );
            ok
        }
        "S2" | "S2x25" => {
            let n = if scenario == "S2" { 10 } else { 25 };
            let handles: Vec<_> = (0..n)
                .map(|i| {
                    std::thread::spawn(move || {
                        one(&format!("SAY hi {i}"), &[]) == Some(format!("hi {i}"))
                    })
                })
                .collect();
            handles.into_iter().all(|h| h.join().unwrap_or(false))
        }
        "S3" => {
            let mut calls = Vec::new();
            let config = r#"{"mcpServers":{"calc":{"type":"sdk","name":"calc"}}}"#;
            let mut cli = Cli::start(&["--allowedTools", "mcp__calc__add", "--mcp-config", config]);
            cli.prompt(&s3_prompt());
            let result = cli.turn(calculator(&mut calls), |_| {});
            cli.finish();
            report.set("tool_calls", calls.len());
            report.set("rt_mean_ms", round(mean_gap_ms(&calls)));
            result.as_deref() == Some(s3_expected().as_str()) && calls.len() == 50
        }
        "S4" => {
            let mut cli = Cli::start(&["--include-partial-messages"]);
            cli.prompt("LONG 5000000");
            let mut deltas = 0usize;
            let result = cli.turn(no_tools, |value| {
                if value["type"] == "stream_event"
                    && value["event"]["delta"]["type"] == "text_delta"
                {
                    deltas += value["event"]["delta"]["text"]
                        .as_str()
                        .map_or(0, |t| t.chars().count());
                }
            });
            cli.finish();
            report.set("delta_chars", deltas);
            deltas == 5_000_000 && result.map_or(0, |r| r.chars().count()) == 5_000_000
        }
        "S5" => {
            let mut cli = Cli::start(&[]);
            let mut ok = true;
            let mut turn_ms = Vec::new();
            for i in 0..20 {
                let started = Instant::now();
                cli.prompt(&format!("SAY turn {i}"));
                ok &= cli.turn(no_tools, |_| {}) == Some(format!("turn {i}"));
                turn_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            cli.finish();
            let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len().max(1) as f64;
            report.set("first_turn_ms", round(turn_ms[0]));
            report.set("turn_mean_ms", round(mean(&turn_ms)));
            report.set("turn_mean_after_first_ms", round(mean(&turn_ms[1..])));
            ok
        }
        other => {
            eprintln!("unknown scenario {other:?}");
            std::process::exit(2);
        }
    };
    std::process::exit(report.finish(ok));
}
