//! In-process MCP tools (`#[tool]`, `#[tools]`) called by the real CLI,
//! with the scripted model playing Claude.

use std::sync::Mutex;
use std::time::Duration;

use claude_agent_sdk::mcp::{Content, Image, Json, McpServer, ResourceLink, ToolContext};
use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::testing::{Block, Turn};
use claude_agent_sdk::{ClaudeClient, Message, query, tool, tools};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;
use serde_json::json;

/// Add two numbers.
#[tool(meta = r#"{"anthropic/alwaysLoad": true}"#)]
async fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

/// Divide two numbers.
#[tool]
async fn divide(a: f64, b: f64) -> Result<String, String> {
    if b == 0.0 {
        return Err("cannot divide by zero".into());
    }
    Ok((a / b).to_string())
}

/// Say which tool use this is, reporting progress on the way.
#[tool]
async fn whoami(ctx: ToolContext) -> String {
    ctx.report_progress(1.0, Some(1.0), Some("looking")).await;
    ctx.tool_use_id().unwrap_or("no id").to_owned()
}

/// Summary statistics.
#[derive(serde::Serialize, schemars::JsonSchema)]
struct Stats {
    count: usize,
    mean: f64,
}

/// Summarize numbers.
#[tool]
async fn stats(values: Vec<f64>) -> Result<Json<Stats>, String> {
    if values.is_empty() {
        return Err("no values".into());
    }
    Ok(Json(Stats {
        count: values.len(),
        mean: values.iter().sum::<f64>() / values.len() as f64,
    }))
}

/// A 1×1 PNG.
const PIXEL: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// Draw a chart.
#[tool]
async fn chart() -> Vec<Content> {
    vec![
        Content::text("the chart:"),
        Image::from_base64(PIXEL, "image/png").into(),
        ResourceLink::new("file:///tmp/chart.csv", "chart.csv")
            .mime_type("text/csv")
            .into(),
    ]
}

/// Crash.
#[tool]
async fn crash() -> String {
    panic!("the tool fell over")
}

fn calc() -> McpServer {
    McpServer::new("calc")
        .version("1.0.0")
        .tool(add)
        .tool(divide)
        .tool(whoami)
        .tool(crash)
        .tool(stats)
        .tool(chart)
}

#[tokio::test]
async fn the_model_calls_in_process_tools_and_reads_results_and_errors() {
    let h = Harness::new().await;
    let server = calc();
    let options = h
        .options()
        .allowed_tools(server.qualified_tool_names())
        .mcp_server(server)
        .build();
    let prompt = concat!(
        r#"CALL mcp__calc__add {"a":40,"b":2}; "#,
        r#"CALL mcp__calc__divide {"a":1,"b":0}; "#,
        r#"CALL mcp__calc__add {"a":"forty","b":2}; "#,
        r#"CALL mcp__calc__whoami {}; "#,
        r#"CALL mcp__calc__crash {}; "#,
        r#"CALL mcp__calc__stats {"values":[1,2,6]}; "#,
        r#"CALL mcp__calc__stats {"values":[]}; "#,
        r#"CALL mcp__calc__chart {}; "#,
        "SAY finished"
    );
    let messages = query(prompt, options).await.unwrap();

    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert!(
        init.tools.iter().any(|t| t == "mcp__calc__add"),
        "{:?}",
        init.tools
    );
    let result = last_result(&messages).unwrap();
    assert!(!result.is_error(), "{result:?}");
    assert_eq!(result.result(), Some("finished"));

    // `_meta` reached the CLI: `anthropic/alwaysLoad` puts `add` in the
    // prompt with its schema, while the other tools stay deferred.
    let requests = h.model.requests();
    let offered = requests[0].tools();
    let add_tool = offered.iter().find(|t| t.name == "mcp__calc__add");
    let add_tool = add_tool.unwrap_or_else(|| panic!("add is not offered: {offered:?}"));
    assert_eq!(add_tool.description.as_deref(), Some("Add two numbers."));
    assert_eq!(
        add_tool.input_schema["properties"],
        json!({"a": {"type": "integer"}, "b": {"type": "integer"}})
    );
    assert!(
        !offered.iter().any(|t| t.name == "mcp__calc__divide"),
        "{offered:?}"
    );

    // What the model was sent back, tool result by tool result.
    let results = requests.last().unwrap().tool_results();
    assert_eq!(results.len(), 8, "{results:?}");
    assert_eq!(results[0].text, "42");
    assert!(!results[0].is_error);
    // CLI 2.1.330 appends a hint about deferred tools' schemas to errors.
    assert!(
        results[1].text.starts_with("cannot divide by zero"),
        "{results:?}"
    );
    assert!(results[1].is_error);
    assert!(
        results[2].text.starts_with(
            "invalid arguments for the tool `add`: `a`: invalid type: string \"forty\", expected i64"
        ),
        "{results:?}"
    );
    assert!(results[2].is_error);
    // The tool saw the id of the tool_use block it answers.
    assert_eq!(results[3].text, results[3].tool_use_id);
    assert!(results[3].tool_use_id.starts_with("toolu_"));
    assert!(!results[3].is_error);
    assert!(
        results[4]
            .text
            .starts_with("the tool `crash` panicked: the tool fell over"),
        "{results:?}"
    );
    assert!(results[4].is_error);
    // Structured content (with an output schema) reaches the model as JSON.
    let structured: serde_json::Value = serde_json::from_str(&results[5].text).unwrap();
    assert_eq!(structured["count"], 3);
    assert_eq!(structured["mean"].as_f64(), Some(3.0));
    assert!(!results[5].is_error);
    assert!(results[6].text.starts_with("no values"), "{results:?}");
    assert!(results[6].is_error);
    // Images reach the model as image blocks; resource links as text.
    assert!(results[7].text.starts_with("the chart:"), "{results:?}");
    let chart_result = requests
        .last()
        .unwrap()
        .messages()
        .iter()
        .flat_map(|m| m["content"].as_array().cloned().unwrap_or_default())
        .find(|block| block["tool_use_id"] == results[7].tool_use_id.as_str())
        .unwrap();
    let blocks = chart_result["content"].as_array().unwrap();
    let image = blocks.iter().find(|b| b["type"] == "image").unwrap();
    assert_eq!(image["source"]["data"], PIXEL);
    assert_eq!(image["source"]["media_type"], "image/png");
    assert!(
        results[7].text.contains("file:///tmp/chart.csv"),
        "{results:?}"
    );
}

/// A notebook whose tools share its state.
struct Notebook {
    notes: Mutex<Vec<String>>,
}

#[tools]
impl Notebook {
    /// Remember a note.
    #[tool]
    async fn remember(&self, note: String) -> String {
        let mut notes = self.notes.lock().unwrap();
        notes.push(note);
        format!("{} note(s)", notes.len())
    }

    /// Recall every note.
    #[tool(read_only)]
    async fn recall(&self) -> String {
        self.notes.lock().unwrap().join(", ")
    }
}

#[tokio::test]
async fn tools_of_two_servers_and_a_stateful_impl_in_one_session() {
    let h = Harness::new().await;
    let notebook = std::sync::Arc::new(Notebook {
        notes: Mutex::new(vec!["milk".to_owned()]),
    });
    let calc = McpServer::new("calc").tool(add);
    let notes = McpServer::new("notes").tools(notebook.clone());
    let options = h
        .options()
        .allowed_tools(
            calc.qualified_tool_names()
                .into_iter()
                .chain(notes.qualified_tool_names()),
        )
        .mcp_server(calc)
        .mcp_server(notes)
        .build();
    let prompt = concat!(
        r#"CALL mcp__notes__remember {"note":"eggs"}; "#,
        r#"CALL mcp__calc__add {"a":2,"b":3}; "#,
        r#"CALL mcp__notes__recall {}"#,
    );
    let messages = query(prompt, options).await.unwrap();
    let result = last_result(&messages).unwrap();
    assert_eq!(result.result(), Some("DONE 2 note(s) | 5 | milk, eggs"));
    // The state outlives the session and saw the calls.
    assert_eq!(*notebook.notes.lock().unwrap(), ["milk", "eggs"]);
}

/// Calls of `meet` in progress.
static MEETING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Waits (up to 20 s) for a second call to arrive while this one runs.
#[tool(read_only)]
async fn meet(who: String) -> String {
    use std::sync::atomic::Ordering;
    MEETING.fetch_add(1, Ordering::SeqCst);
    let together = tokio::time::timeout(Duration::from_secs(20), async {
        while MEETING.load(Ordering::SeqCst) < 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .is_ok();
    if together {
        format!("{who} met")
    } else {
        format!("{who} alone")
    }
}

#[tokio::test]
async fn parallel_tool_calls_run_concurrently() {
    let h = Harness::new().await;
    let server = McpServer::new("meeting").tool(meet);
    h.model.push(Turn::blocks(vec![
        Block::tool_use("mcp__meeting__meet", json!({"who": "ann"})),
        Block::tool_use("mcp__meeting__meet", json!({"who": "bob"})),
    ]));
    h.model.push(Turn::text("done"));
    let options = h
        .options()
        .allowed_tools(server.qualified_tool_names())
        .mcp_server(server)
        .build();
    let messages = query("meet", options).await.unwrap();
    assert_eq!(last_result(&messages).unwrap().result(), Some("done"));
    let requests = h.model.requests();
    let mut results: Vec<_> = requests
        .last()
        .unwrap()
        .tool_results()
        .into_iter()
        .map(|r| r.text)
        .collect();
    results.sort();
    // Each call saw the other one running: they were in flight together.
    assert_eq!(results, ["ann met", "bob met"]);
}

#[tokio::test]
async fn in_process_tools_work_on_cli_2_1_197() {
    let h = Harness::with_version("2.1.197").await;
    let server = calc();
    let options = h
        .options()
        .allowed_tools(server.qualified_tool_names())
        .mcp_server(server)
        .build();
    let messages = query(
        r#"CALL mcp__calc__add {"a":1,"b":2}; CALL mcp__calc__divide {"a":1,"b":0}"#,
        options,
    )
    .await
    .unwrap();
    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert_eq!(init.claude_code_version.as_deref(), Some("2.1.197"));
    let requests = h.model.requests();
    let results = requests.last().unwrap().tool_results();
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].text, "3");
    assert!(!results[0].is_error);
    assert_eq!(results[1].text, "cannot divide by zero");
    assert!(results[1].is_error);
}

/// Sleeps for a minute unless stopped; says when it starts and when it is
/// stopped before the end.
#[tool]
async fn long_job() -> String {
    JOB_STARTED.notify_one();
    let _stopped = StoppedEarly;
    tokio::time::sleep(Duration::from_secs(60)).await;
    std::mem::forget(_stopped);
    "finished".into()
}

static JOB_STARTED: tokio::sync::Notify = tokio::sync::Notify::const_new();
static JOB_STOPPED: tokio::sync::Notify = tokio::sync::Notify::const_new();

struct StoppedEarly;

impl Drop for StoppedEarly {
    fn drop(&mut self) {
        JOB_STOPPED.notify_one();
    }
}

#[tokio::test]
async fn interrupting_the_turn_stops_a_running_tool() {
    let h = Harness::new().await;
    let server = McpServer::new("jobs").tool(long_job);
    let options = h
        .options()
        .allowed_tools(server.qualified_tool_names())
        .mcp_server(server)
        .build();
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    client
        .query(r#"CALL mcp__jobs__long_job {}; SAY never"#)
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(30), JOB_STARTED.notified())
        .await
        .expect("the tool started");
    let started = std::time::Instant::now();
    client.interrupt().await.unwrap();
    // The CLI withdraws the `mcp_message` request; the bridge cancels the MCP
    // call and the tool's future is dropped.
    tokio::time::timeout(Duration::from_secs(10), JOB_STOPPED.notified())
        .await
        .expect("the tool was stopped");
    let mut stream = client.receive_response();
    let mut result = None;
    while let Some(message) = stream.next().await {
        if let Message::Result(r) = message.unwrap() {
            result = Some(r);
        }
    }
    drop(stream);
    let result = result.expect("the turn ended");
    assert!(result.is_error(), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(20));
    // The server still answers in a new turn of the same process.
    client
        .query(r#"CALL mcp__jobs__long_job {}"#)
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(30), JOB_STARTED.notified())
        .await
        .expect("the tool started again");
    client.interrupt().await.unwrap();
    client.disconnect().await.unwrap();
}
