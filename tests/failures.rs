//! Bad input never panics and never hangs: a missing CLI, a CLI that dies,
//! undecodable output, over-long lines, a dropped stream.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use claude_agent_sdk::transport::{CliCommand, SubprocessTransport, Transport, TransportIo};
use claude_agent_sdk::{ClaudeAgentOptions, Error, Message, query, query_stream};
use claude_agent_sdk_e2e::{Harness, wait_process_gone};
use futures::StreamExt;
use tokio::io::AsyncReadExt;

#[tokio::test]
async fn a_cli_path_that_does_not_exist_is_a_typed_error() {
    let options = ClaudeAgentOptions::builder()
        .cli_path("/nonexistent/claude")
        .build();
    match query("hi", options).await {
        Err(Error::CliNotFound { searched }) => {
            assert_eq!(searched, [std::path::PathBuf::from("/nonexistent/claude")]);
        }
        other => panic!("expected CliNotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn a_cli_killed_mid_stream_gives_a_typed_error_within_seconds() {
    let h = Harness::new().await;
    let mut stream = query_stream("SLOW 20000; SAY too late", h.options().build())
        .await
        .unwrap();
    let pid = stream.pid().unwrap();
    loop {
        let message = stream.next().await.unwrap().unwrap();
        if message.as_init().is_some() {
            break;
        }
    }
    assert!(claude_agent_sdk_e2e::is_child_of_this_process(pid));
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match stream.next().await {
                Some(Ok(_)) => continue,
                other => return other,
            }
        }
    })
    .await
    .expect("no hang after the CLI died");
    match outcome {
        Some(Err(Error::ProcessExited { exit })) => assert_eq!(exit.signal, Some(9)),
        other => panic!("expected ProcessExited, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(stream.next().await.is_none());
}

/// Runs the real CLI and puts extra lines in front of its stdout.
struct InjectLines {
    lines: &'static str,
}

#[claude_agent_sdk::async_trait]
impl Transport for InjectLines {
    async fn start(&self, command: &CliCommand) -> claude_agent_sdk::Result<TransportIo> {
        let mut io = SubprocessTransport::new().start(command).await?;
        let injected = std::io::Cursor::new(self.lines.as_bytes());
        io.stdout = Box::pin(injected.chain(io.stdout));
        Ok(io)
    }
}

#[tokio::test]
async fn non_json_and_unknown_lines_on_stdout_are_kept_and_nothing_is_lost() {
    let h = Harness::new().await;
    let cli = h.cli.clone();
    let options = h
        .options()
        .cli_path(cli)
        .transport(Arc::new(InjectLines {
            lines: "[SandboxDebug] this is not JSON\n{\"type\":\"brand_new_frame\",\"payload\":[1,2,3]}\n",
        }))
        .build();
    let items: Vec<_> = query_stream("SAY still fine", options)
        .await
        .unwrap()
        .collect()
        .await;
    match &items[0] {
        Err(Error::Decode { line, .. }) => assert_eq!(line, "[SandboxDebug] this is not JSON"),
        other => panic!("expected a decode error first, got {other:?}"),
    }
    match &items[1] {
        Ok(Message::Unknown(raw)) => {
            assert_eq!(raw["type"], "brand_new_frame");
            assert_eq!(raw["payload"], serde_json::json!([1, 2, 3]));
        }
        other => panic!("expected the unknown message, got {other:?}"),
    }
    let rest: Vec<&Message> = items[2..].iter().map(|i| i.as_ref().unwrap()).collect();
    assert!(rest.iter().any(|m| m.as_init().is_some()));
    let result = rest.iter().find_map(|m| m.as_result()).unwrap();
    assert_eq!(result.result(), Some("still fine"));
}

#[tokio::test]
async fn dropping_a_stream_mid_way_reaps_the_cli() {
    let h = Harness::new().await;
    let mut stream = query_stream("SLOW 30000; SAY never read", h.options().build())
        .await
        .unwrap();
    let pid = stream.pid().unwrap();
    while let Some(message) = stream.next().await {
        if message.unwrap().as_init().is_some() {
            break;
        }
    }
    drop(stream);
    assert!(
        wait_process_gone(pid, Duration::from_secs(15)).await,
        "the CLI (pid {pid}) is still there"
    );
}

#[tokio::test]
async fn a_line_over_the_limit_is_a_typed_error_naming_the_limit() {
    let h = Harness::new().await;
    let options = h.options().max_buffer_size(64 * 1024).build();
    let items: Vec<_> = tokio::time::timeout(
        Duration::from_secs(60),
        query_stream("LONG 200000", options)
            .await
            .unwrap()
            .collect(),
    )
    .await
    .expect("no hang");
    let too_long = items
        .iter()
        .find_map(|item| match item {
            Err(Error::LineTooLong { limit, prefix }) => Some((*limit, prefix.clone())),
            _ => None,
        })
        .expect("a LineTooLong error");
    assert_eq!(too_long.0, 64 * 1024);
    assert!(too_long.1.starts_with('{'), "{}", too_long.1);
    assert!(
        items
            .iter()
            .filter_map(|i| i.as_ref().ok())
            .any(|m| m.as_init().is_some()),
        "the lines under the limit still arrive"
    );
}

#[tokio::test]
async fn an_option_the_cli_does_not_know_is_reported_as_unsupported_with_stderr() {
    let h = Harness::new().await;
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = lines.clone();
    let options = h
        .options()
        .extra_arg("no-such-flag-for-this-cli", None)
        .stderr(move |line| seen.lock().unwrap().push(line.to_owned()))
        .build();
    match query_stream("SAY hi", options).await {
        Err(Error::Unsupported { feature, detail }) => {
            assert_eq!(feature, "the option `--no-such-flag-for-this-cli`");
            assert!(detail.contains("unknown option"), "{detail}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
    assert!(
        lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("no-such-flag-for-this-cli")),
        "the stderr callback saw the CLI's error"
    );
}
