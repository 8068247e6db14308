//! The calculator example served standalone, over stdio and over HTTP, and
//! used by the real CLI through `--mcp-config`.

use std::process::Stdio;
use std::time::Duration;

use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::{McpServerConfig, Message, query};
use claude_agent_sdk_e2e::{Harness, example_binary};
use tokio::io::{AsyncBufReadExt, BufReader};

const PROMPT: &str = concat!(
    r#"CALL mcp__calc__add {"a":40,"b":2}; "#,
    r#"CALL mcp__calc__divide {"dividend":1,"divisor":0}; "#,
    r#"CALL mcp__calc__add {"a":"forty","b":2}"#
);

/// What the model got back from the three calls of [`PROMPT`].
fn assert_calculator_results(h: &Harness, messages: &[Message]) {
    let status = messages
        .iter()
        .find_map(Message::as_init)
        .and_then(|init| init.mcp_servers.iter().find(|s| s.name == "calc"))
        .map(|s| s.status.clone());
    assert_eq!(status.as_deref(), Some("connected"), "{messages:?}");
    let requests = h.model.requests();
    let results = requests.last().unwrap().tool_results();
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].text, "42");
    assert!(!results[0].is_error);
    assert!(
        results[1].text.starts_with("cannot divide 1 by zero"),
        "{results:?}"
    );
    assert!(results[1].is_error);
    assert!(
        results[2]
            .text
            .starts_with("invalid arguments for the tool `add`: `a`: invalid type"),
        "{results:?}"
    );
    assert!(results[2].is_error);
    assert!(
        last_result(messages)
            .unwrap()
            .result()
            .unwrap()
            .starts_with("DONE 42 | ")
    );
}

#[tokio::test]
async fn the_cli_runs_the_example_as_a_stdio_server() {
    let server = example_binary("mcp_stdio_server");
    let h = Harness::new().await;
    let options = h
        .options()
        .mcp_server_config("calc", McpServerConfig::stdio(server.display().to_string()))
        .allowed_tools(["mcp__calc__add", "mcp__calc__divide"])
        .build();
    let messages = query(PROMPT, options).await.unwrap();
    assert_calculator_results(&h, &messages);
}

#[tokio::test]
async fn the_cli_uses_the_example_over_http() {
    let server = example_binary("mcp_http_server");
    let mut child = tokio::process::Command::new(&server)
        .arg("127.0.0.1:0")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = tokio::time::timeout(Duration::from_secs(30), stdout.next_line())
        .await
        .expect("the server printed its URL")
        .unwrap()
        .expect("a URL line");
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/mcp"),
        "{url}"
    );

    let h = Harness::new().await;
    let options = h
        .options()
        .mcp_server_config("calc", McpServerConfig::http(&url))
        .allowed_tools(["mcp__calc__add", "mcp__calc__divide"])
        .build();
    let messages = query(PROMPT, options).await.unwrap();
    assert_calculator_results(&h, &messages);
    child.kill().await.unwrap();
}
