//! `#[tool]` and `#[tools]` as a user of `claude-agent-mcp` alone sees them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use claude_agent_mcp::{Json, McpServer, ToolContext, ToolResult, tool, tools};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// Add two numbers.
///
/// Both are integers.
#[tool]
async fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

#[derive(Deserialize, JsonSchema)]
struct SearchArgs {
    /// What to look for.
    query: String,
    /// At most this many hits.
    limit: Option<u32>,
}

#[derive(Serialize, JsonSchema)]
struct Hit {
    title: String,
}

/// Search the notes.
#[tool(name = "search_notes", read_only, open_world = false)]
async fn search(args: SearchArgs, ctx: ToolContext) -> Result<Json<Vec<Hit>>, String> {
    if args.query.is_empty() {
        return Err("the query is empty".into());
    }
    let _ = ctx.tool_use_id();
    let limit = args.limit.unwrap_or(2) as usize;
    Ok(Json(
        (0..limit)
            .map(|i| Hit {
                title: format!("{} #{i}", args.query),
            })
            .collect(),
    ))
}

#[derive(Deserialize, JsonSchema)]
struct Range {
    from: i64,
    to: i64,
}

/// Sum a range, destructured.
#[tool(meta = r#"{"anthropic/maxResultSizeChars": 1000}"#)]
async fn sum_range(Range { from, to }: Range) -> String {
    (from..=to).sum::<i64>().to_string()
}

/// Greet someone.
#[tool]
async fn greet(
    /// Whom to greet.
    name: String,
    #[serde(default)]
    #[schemars(description = "Shout it.")]
    loud: bool,
    ctx: &ToolContext,
) -> String {
    let _ = ctx.is_cancelled();
    let text = format!("hello {name}");
    if loud { text.to_uppercase() } else { text }
}

/// A parameter named `args` among others is a plain property.
#[tool]
async fn tag(args: Vec<String>, sep: String) -> String {
    args.join(&sep)
}

/// A raw identifier as a tool name.
#[tool]
async fn r#loop(times: u8) -> String {
    "again ".repeat(times.into())
}

/// Always fails.
#[tool]
async fn broken() -> Result<String, std::io::Error> {
    Err(std::io::Error::other("the disk is on fire"))
}

/// Panics.
#[tool]
async fn explode(code: u8) -> String {
    panic!("boom {code}")
}

/// Returns a ready-made result.
#[tool(destructive, idempotent = true, title = "Raw")]
async fn raw() -> ToolResult {
    ToolResult::text("raw").with_content("second")
}

struct Counter {
    total: AtomicU64,
    log: Mutex<Vec<String>>,
}

#[tools]
impl Counter {
    /// Add to the counter and return the new total.
    #[tool]
    async fn bump(&self, by: u64) -> String {
        let total = self.total.fetch_add(by, Ordering::SeqCst) + by;
        self.log.lock().unwrap().push(format!("bump {by}"));
        total.to_string()
    }

    /// The counter's value.
    #[tool(name = "read_counter", read_only)]
    async fn read(&self) -> Result<String, <Self as HasError>::Error> {
        Ok(self.total.load(Ordering::SeqCst).to_string())
    }

    /// A raw identifier as a tool name.
    #[tool]
    async fn r#type(&self) -> &'static str {
        "counter"
    }

    /// Not a tool.
    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

trait HasError {
    type Error;
}

impl HasError for Counter {
    type Error = String;
}

fn server() -> McpServer {
    McpServer::new("t")
        .version("1.2.3")
        .tool(add)
        .tool(search)
        .tool(sum_range)
        .tool(greet)
        .tool(tag)
        .tool(broken)
        .tool(explode)
        .tool(raw)
        .tool(r#loop)
}

async fn call(server: &McpServer, name: &str, arguments: Value) -> ToolResult {
    server
        .call_tool(name, arguments, ToolContext::detached())
        .await
        .expect("the tool exists")
}

#[tokio::test]
async fn functions_stay_callable() {
    assert_eq!(add::call(40, 2).await, "42");
    let hits = search::call(
        SearchArgs {
            query: "q".into(),
            limit: Some(1),
        },
        ToolContext::detached(),
    )
    .await
    .unwrap();
    assert_eq!(hits.0.len(), 1);
    assert_eq!(sum_range::call(Range { from: 1, to: 4 }).await, "10");
}

#[tokio::test]
async fn named_parameters_struct_parameters_and_context() {
    let server = server();
    assert_eq!(
        call(&server, "add", json!({"a": 40, "b": 2}))
            .await
            .text_content(),
        "42"
    );
    assert_eq!(
        call(&server, "sum_range", json!({"from": 1, "to": 3}))
            .await
            .text_content(),
        "6"
    );
    assert_eq!(
        call(&server, "greet", json!({"name": "Ada"}))
            .await
            .text_content(),
        "hello Ada"
    );
    assert_eq!(
        call(&server, "greet", json!({"name": "Ada", "loud": true}))
            .await
            .text_content(),
        "HELLO ADA"
    );
    assert_eq!(
        call(&server, "tag", json!({"args": ["a", "b"], "sep": "+"}))
            .await
            .text_content(),
        "a+b"
    );
    let hits = call(&server, "search_notes", json!({"query": "rust"})).await;
    assert!(!hits.is_error());
    // An array is no structured content in MCP: it is sent as text.
    assert_eq!(hits.structured_content(), None);
    assert_eq!(
        serde_json::from_str::<Value>(&hits.text_content()).unwrap(),
        json!([{"title": "rust #0"}, {"title": "rust #1"}])
    );
}

#[tokio::test]
async fn failures_are_error_results() {
    let server = server();
    let bad = call(&server, "add", json!({"a": "forty", "b": 2})).await;
    assert!(bad.is_error());
    assert_eq!(
        bad.text_content(),
        "invalid arguments for the tool `add`: `a`: invalid type: string \"forty\", expected i64"
    );
    let missing = call(&server, "add", json!({"a": 1})).await;
    assert_eq!(
        missing.text_content(),
        "invalid arguments for the tool `add`: missing field `b`"
    );
    let nested = call(&server, "search_notes", json!({"query": "x", "limit": -1})).await;
    assert!(nested.text_content().contains("`limit`"), "{nested:?}");
    let err = call(&server, "search_notes", json!({"query": ""})).await;
    assert!(err.is_error());
    assert_eq!(err.text_content(), "the query is empty");
    let failed = call(&server, "broken", json!({})).await;
    assert!(failed.is_error());
    assert_eq!(failed.text_content(), "the disk is on fire");
    let panicked = call(&server, "explode", json!({"code": 7})).await;
    assert!(panicked.is_error());
    assert_eq!(
        panicked.text_content(),
        "the tool `explode` panicked: boom 7"
    );
    assert_eq!(
        call(&server, "loop", json!({"times": 2}))
            .await
            .text_content(),
        "again again "
    );
    let not_object = call(&server, "add", json!([1, 2])).await;
    assert!(not_object.is_error());
}

#[tokio::test]
async fn stateful_tools_share_their_state() {
    let counter = std::sync::Arc::new(Counter {
        total: AtomicU64::new(0),
        log: Mutex::new(Vec::new()),
    });
    let server = McpServer::new("counter").tools(counter.clone());
    assert_eq!(
        server.tool_names().collect::<Vec<_>>(),
        ["bump", "read_counter", "type"]
    );
    assert_eq!(
        call(&server, "bump", json!({"by": 2})).await.text_content(),
        "2"
    );
    assert_eq!(
        call(&server, "bump", json!({"by": 3})).await.text_content(),
        "5"
    );
    assert_eq!(
        call(&server, "read_counter", json!({}))
            .await
            .text_content(),
        "5"
    );
    assert_eq!(counter.log(), ["bump 2", "bump 3"]);
    // By value works too.
    let owned = McpServer::new("counter").tools(Counter {
        total: AtomicU64::new(7),
        log: Mutex::new(Vec::new()),
    });
    assert_eq!(
        call(&owned, "read_counter", json!(null))
            .await
            .text_content(),
        "7"
    );
}

#[test]
fn definitions_carry_docs_annotations_and_meta() {
    let definitions: Vec<Value> = server().tool_definitions();
    let by_name = |name: &str| {
        definitions
            .iter()
            .find(|d| d["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        by_name("add"),
        json!({
            "name": "add",
            "description": "Add two numbers.\n\nBoth are integers.",
            "inputSchema": {
                "type": "object",
                "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}},
                "required": ["a", "b"]
            }
        })
    );
    assert_eq!(
        by_name("greet")["inputSchema"],
        json!({
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": "Whom to greet."},
                "loud": {"type": "boolean", "description": "Shout it.", "default": false}
            },
            "required": ["name"]
        })
    );
    let notes = by_name("search_notes");
    assert_eq!(notes["description"], "Search the notes.");
    assert_eq!(
        notes["annotations"],
        json!({"readOnlyHint": true, "openWorldHint": false})
    );
    assert_eq!(
        notes["inputSchema"]["properties"]["query"]["description"],
        "What to look for."
    );
    // `Json<Vec<_>>` has no object output schema.
    assert!(notes.get("outputSchema").is_none());
    assert_eq!(
        by_name("sum_range")["_meta"],
        json!({"anthropic/maxResultSizeChars": 1000})
    );
    assert_eq!(
        by_name("raw")["annotations"],
        json!({"destructiveHint": true, "idempotentHint": true})
    );
    assert_eq!(by_name("raw")["title"], "Raw");
}

#[test]
#[should_panic(expected = "the server `t` already has a tool named `add`")]
fn duplicate_tools_panic_at_the_call_site() {
    let _ = McpServer::new("t").tool(add).tool(add);
}

#[test]
fn long_names_are_refused_when_added() {
    let server = McpServer::new("a_server_name_that_is_rather_long_indeed_and_more");
    let err = server.try_tool(sum_range).unwrap_err().to_string();
    assert!(err.contains("mcp__a_server_name_that_is_rather_long_indeed_and_more__sum_range"));
    assert!(err.contains("at most 64"), "{err}");
}
