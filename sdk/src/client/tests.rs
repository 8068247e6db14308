//! The client and sessions over an in-memory stand-in for the CLI.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::StreamExt;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::watch;

use super::{ClaudeClient, Until};
use crate::messages::Message;
use crate::options::ClaudeAgentOptions;
use crate::session::Session;
use crate::transport::{CliCommand, Process, ProcessExit, Transport, TransportIo};

/// A CLI that answers every control request with success and every prompt
/// with a result whose text is the prompt; `bg` also gets a second result
/// (`late`, like a background agent's follow-up) and `die` makes it exit.
#[derive(Default)]
struct FakeCli {
    starts: AtomicUsize,
}

struct FakeProcess {
    done: watch::Receiver<bool>,
    stop: watch::Sender<bool>,
}

#[async_trait::async_trait]
impl Process for FakeProcess {
    fn id(&self) -> Option<u32> {
        None
    }
    async fn wait(&mut self) -> std::io::Result<ProcessExit> {
        let _ = self.done.wait_for(|done| *done).await;
        Ok(ProcessExit::code(0))
    }
    fn terminate(&mut self) -> std::io::Result<()> {
        let _ = self.stop.send(true);
        Ok(())
    }
    fn kill(&mut self) -> std::io::Result<()> {
        self.terminate()
    }
}

fn result_line(text: &str) -> String {
    let result = json!({"type": "result", "subtype": "success", "session_id": "s", "result": text});
    format!("{result}\n")
}

#[async_trait::async_trait]
impl Transport for FakeCli {
    async fn start(&self, _: &CliCommand) -> crate::Result<TransportIo> {
        self.starts.fetch_add(1, Ordering::SeqCst);
        let (sdk_in, cli_in) = tokio::io::duplex(1 << 16);
        let (mut cli_out, sdk_out) = tokio::io::duplex(1 << 16);
        let (stop, done) = watch::channel(false);
        let exit = stop.clone();
        tokio::spawn(async move {
            let mut input = BufReader::new(cli_in).lines();
            while let Ok(Some(line)) = input.next_line().await {
                let Ok(frame) = serde_json::from_str::<Value>(&line) else {
                    continue;
                };
                let out = match frame["type"].as_str() {
                    Some("control_request") => {
                        let answer = json!({"type": "control_response", "response": {
                            "subtype": "success", "request_id": frame["request_id"], "response": {}}});
                        format!("{answer}\n")
                    }
                    Some("user") => match frame["message"]["content"].as_str() {
                        Some("die") => break,
                        Some("bg") => result_line("bg") + &result_line("late"),
                        Some(text) => result_line(text),
                        None => continue,
                    },
                    _ => continue,
                };
                if cli_out.write_all(out.as_bytes()).await.is_err() {
                    break;
                }
            }
            drop(cli_out);
            let _ = exit.send(true);
        });
        Ok(TransportIo::new(
            Box::pin(sdk_in),
            Box::pin(sdk_out),
            None,
            Box::new(FakeProcess { done, stop }),
        ))
    }
}

fn options(cli: &Arc<FakeCli>) -> ClaudeAgentOptions {
    ClaudeAgentOptions::builder()
        .transport(cli.clone())
        .control_timeout(Duration::from_secs(5))
        .initialize_timeout(Duration::from_secs(5))
        .build()
}

/// Reads `stream` to its next result, with a time limit.
async fn next_result(stream: &mut super::ResponseStream) -> String {
    let read = async {
        while let Some(message) = stream.next().await {
            if let Message::Result(result) = message.unwrap() {
                return result.result().unwrap_or_default().to_owned();
            }
        }
        panic!("the stream ended without a result");
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("a result in time")
}

/// Waits until the client's reader has seen `n` results.
async fn results_seen(client: &ClaudeClient, n: u64) {
    let mut run = client.engine().unwrap().run_state();
    tokio::time::timeout(Duration::from_secs(10), run.wait_for(|s| s.results >= n))
        .await
        .expect("results in time")
        .unwrap();
}

#[tokio::test]
async fn a_finished_turn_lets_the_next_one_read_while_it_is_kept() {
    let cli = Arc::new(FakeCli::default());
    let mut client = ClaudeClient::new(options(&cli));
    client.connect().await.unwrap();
    client.query("one").await.unwrap();
    let mut first = client.receive_response();
    assert_eq!(next_result(&mut first).await, "one");
    client.query("two").await.unwrap();
    let mut second = client.receive_response();
    assert_eq!(next_result(&mut second).await, "two");
    assert!(first.next().await.is_none());
    client.disconnect().await.unwrap();
}

#[tokio::test]
async fn a_turn_skips_results_left_by_earlier_work() {
    let cli = Arc::new(FakeCli::default());
    let mut session = Session::create(options(&cli)).await.unwrap();
    let first = session.turn("bg").await.unwrap();
    assert_eq!(first.result(), Some("bg"));
    // The follow-up result is in the queue when the next prompt is sent.
    results_seen(session.client(), 2).await;
    let next = tokio::time::timeout(Duration::from_secs(10), session.turn("next"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.result(), Some("next"));
    session.close().await.unwrap();
}

#[tokio::test]
async fn a_prompts_result_is_expected_after_results_already_seen() {
    let cli = Arc::new(FakeCli::default());
    let mut client = ClaudeClient::new(options(&cli));
    client.connect().await.unwrap();
    let until = client.send_prompt("bg".into()).await.unwrap();
    assert_eq!(until, Until::CliResultAfter(0));
    results_seen(&client, 2).await;
    // Two results seen (one a follow-up): the next prompt's is the third.
    let until = client.send_prompt("next".into()).await.unwrap();
    assert_eq!(until, Until::CliResultAfter(2));
    let mut turn = client.receive_turn(until);
    assert_eq!(next_result(&mut turn).await, "next");
    client.disconnect().await.unwrap();
}

#[tokio::test]
async fn connect_after_the_cli_exited_starts_a_new_one() {
    let cli = Arc::new(FakeCli::default());
    let mut client = ClaudeClient::new(options(&cli));
    client.connect().await.unwrap();
    client.connect().await.unwrap();
    assert_eq!(cli.starts.load(Ordering::SeqCst), 1, "still running");
    client.query("die").await.unwrap();
    let mut run = client.engine().unwrap().run_state();
    tokio::time::timeout(Duration::from_secs(10), run.wait_for(|s| s.closed))
        .await
        .expect("the CLI exits")
        .unwrap();
    assert!(!client.is_connected());
    client.connect().await.unwrap();
    assert_eq!(cli.starts.load(Ordering::SeqCst), 2);
    assert!(client.is_connected());
    client.query("again").await.unwrap();
    let mut turn = client.receive_response();
    assert_eq!(next_result(&mut turn).await, "again");
    client.disconnect().await.unwrap();
}
