//! Serves a scripted model until killed, for trying the real CLI by hand.
//!
//! ```text
//! cargo run --example scripted_server -- [--error STATUS]... [--stream-error]... [--dump DIR]
//! ```
//!
//! Prints `PORT=<port>` on stdout and the `export ANTHROPIC_BASE_URL=...`
//! line to copy on stderr, then one line per request on stderr.
//! `--error STATUS` queues an API error (with `retry-after: 0`) and
//! `--stream-error` an `overloaded_error` event after `message_start`, before
//! the directives take over; `--dump DIR` writes each request body as JSON there.

use std::time::Duration;

use claude_agent_sdk::testing::{ApiErrorKind, ScriptedModel, Turn};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let model = ScriptedModel::start().await?;
    let mut dump = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--error" => {
                let status = args.next().and_then(|s| s.parse().ok()).unwrap_or(529);
                model.push(Turn::error(status).with_retry_after(Duration::ZERO));
            }
            "--stream-error" => model.push(Turn::stream_error(ApiErrorKind::Overloaded)),
            "--dump" => dump = args.next(),
            other => eprintln!("ignoring argument {other}"),
        }
    }
    println!("PORT={}", model.local_addr().port());
    // What to copy into the shell that runs the CLI.
    eprintln!(
        "Point the CLI at it with:\n  export ANTHROPIC_BASE_URL={} ANTHROPIC_API_KEY=sk-scripted \
         CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1",
        model.base_url()
    );

    let mut seen = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let all = model.all_requests();
        for (i, r) in all.iter().enumerate().skip(seen) {
            let last = r.last_user_text().unwrap_or_default();
            let last: String = last
                .chars()
                .rev()
                .take(80)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            eprintln!(
                "#{i} {} {}?{} stream={} model={:?} messages={} roles={:?} tools={} results={:?} ua={:?} last_user=…{last:?}",
                r.method(),
                r.path(),
                r.query().unwrap_or(""),
                r.is_streaming(),
                r.model(),
                r.messages().len(),
                r.messages()
                    .iter()
                    .map(|m| m["role"].as_str().unwrap_or("?"))
                    .collect::<Vec<_>>(),
                r.tool_names().len(),
                r.tool_results()
                    .iter()
                    .map(|t| (&t.text, t.is_error))
                    .collect::<Vec<_>>(),
                r.header("user-agent"),
            );
            if let Some(dir) = &dump {
                let path = format!("{dir}/request-{i:03}.json");
                let _ = std::fs::write(
                    path,
                    serde_json::to_vec_pretty(r.body()).unwrap_or_default(),
                );
            }
        }
        seen = all.len();
    }
}
