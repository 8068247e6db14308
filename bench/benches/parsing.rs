//! Message parsing throughput: every CLI line of the recorded transcripts,
//! and one 5 MB assistant line (as a 5 MB answer arrives).

use std::path::Path;

use claude_agent_sdk::Message;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};

fn recorded_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sdk/tests/fixtures/protocol/2.1.330");
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("fixture");
        for line in text.lines() {
            let record: Value = serde_json::from_str(line).expect("record");
            if record["dir"] == "cli->sdk"
                && !record["msg"]["type"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("control")
            {
                lines.push(record["msg"].to_string());
            }
        }
    }
    lines
}

fn big_assistant_line() -> String {
    let text = "abcdefghij".repeat(500_000);
    json!({
        "type": "assistant",
        "message": {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude",
                    "content": [{"type": "text", "text": text}], "stop_reason": null,
                    "usage": {"input_tokens": 10, "output_tokens": 5}},
        "parent_tool_use_id": null, "session_id": "s", "uuid": "u"
    })
    .to_string()
}

fn parsing(c: &mut Criterion) {
    let lines = recorded_lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("recorded transcripts", |b| {
        b.iter(|| {
            for line in &lines {
                std::hint::black_box(Message::from_json(line).expect("decodes"));
            }
        });
    });
    let big = big_assistant_line();
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(20);
    group.bench_function("5 MB assistant line", |b| {
        b.iter(|| std::hint::black_box(Message::from_json(&big).expect("decodes")));
    });
    group.finish();
}

criterion_group!(benches, parsing);
criterion_main!(benches);
