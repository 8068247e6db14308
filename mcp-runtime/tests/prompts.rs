//! Slash commands served as MCP prompts: `prompts/list` and `prompts/get`
//! as an MCP client (Claude Code) asks for them, through the in-process
//! bridge that speaks the same JSON-RPC as the stdio and HTTP transports.

use claude_agent_mcp::{
    Bridge, CommandArgs, CommandContext, CommandOrigin, CommandOutput, McpServer, Prompt,
    PromptTemplate, Reply, slash_command,
};
use serde_json::{Value, json};

/// Greets someone.
#[slash_command]
async fn greet(
    /// Whom to greet.
    who: String,
    /// How they feel.
    mood: Option<String>,
    ctx: CommandContext,
) -> Prompt {
    assert_eq!(ctx.origin(), CommandOrigin::McpPrompt);
    Prompt(format!(
        "SAY hello {who} ({})",
        mood.as_deref().unwrap_or("fine")
    ))
}

/// Reports the build.
#[slash_command(name = "build-info")]
async fn build_info() -> Reply {
    Reply::new("build 7")
}

/// Counts.
#[slash_command]
async fn count(n: u32, all: CommandArgs) -> Result<CommandOutput, String> {
    if n == 0 {
        return Err("zero is not a count".into());
    }
    Ok(CommandOutput::Prompt(format!(
        "count {n} of [{}]",
        all.raw()
    )))
}

fn bridge() -> Bridge {
    McpServer::new("cmds")
        .slash_command(greet)
        .slash_command(build_info)
        .slash_command(count)
        .slash_command(PromptTemplate::new("explain", "Explain $ARGUMENTS"))
        .bridge(|_| {})
}

async fn handshake(bridge: &Bridge) -> Value {
    let init = bridge
        .handle(json!({
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                       "clientInfo": {"name": "claude-code", "version": "2.1.330"}}
        }))
        .await;
    bridge
        .handle(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        .await;
    init
}

async fn get(bridge: &Bridge, id: u64, name: &str, arguments: Value) -> Value {
    bridge
        .handle(json!({"jsonrpc": "2.0", "id": id, "method": "prompts/get",
                       "params": {"name": name, "arguments": arguments}}))
        .await
}

#[tokio::test]
async fn commands_are_listed_as_prompts_with_their_arguments() {
    let bridge = bridge();
    let init = handshake(&bridge).await;
    assert!(
        init["result"]["capabilities"]["prompts"].is_object(),
        "{init}"
    );
    let list = bridge
        .handle(json!({"jsonrpc": "2.0", "id": 1, "method": "prompts/list"}))
        .await;
    let prompts = list["result"]["prompts"].as_array().unwrap();
    let names: Vec<&str> = prompts
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["greet", "build-info", "count", "explain"]);
    assert_eq!(prompts[0]["description"], "Greets someone.");
    assert_eq!(
        prompts[0]["arguments"],
        json!([
            {"name": "who", "description": "Whom to greet.", "required": true},
            {"name": "mood", "description": "How they feel.", "required": false}
        ])
    );
    assert!(prompts[1].get("arguments").is_none());
}

#[tokio::test]
async fn prompts_expand_replies_are_assistant_text_and_failures_are_errors() {
    let bridge = bridge();
    handshake(&bridge).await;

    let greeting = get(&bridge, 2, "greet", json!({"who": "Ada", "mood": "happy"})).await;
    assert_eq!(
        greeting["result"]["messages"],
        json!([{"role": "user", "content": {"type": "text", "text": "SAY hello Ada (happy)"}}])
    );
    assert_eq!(greeting["result"]["description"], "Greets someone.");

    let build = get(&bridge, 3, "build-info", json!({})).await;
    assert_eq!(build["result"]["messages"][0]["role"], "assistant");
    assert_eq!(build["result"]["messages"][0]["content"]["text"], "build 7");

    let counted = get(&bridge, 4, "count", json!({"n": "3"})).await;
    assert_eq!(
        counted["result"]["messages"][0]["content"]["text"],
        "count 3 of [3]"
    );

    let zero = get(&bridge, 5, "count", json!({"n": "0"})).await;
    assert_eq!(zero["error"]["message"], "zero is not a count", "{zero}");

    let bad = get(&bridge, 6, "count", json!({"n": "many"})).await;
    assert_eq!(
        bad["error"]["message"],
        "invalid value `many` for the argument `n` of /count: invalid digit found in string"
    );

    let missing = get(&bridge, 7, "greet", json!({})).await;
    assert_eq!(
        missing["error"]["message"],
        "missing required argument `who`; usage: /greet <who> [mood]"
    );

    let unknown = get(&bridge, 8, "nope", json!({})).await;
    assert_eq!(
        unknown["error"]["message"],
        "the server `cmds` has no prompt named `nope`"
    );

    let explained = get(&bridge, 9, "explain", json!({})).await;
    assert_eq!(
        explained["result"]["messages"][0]["content"]["text"],
        "Explain "
    );
}

#[tokio::test]
async fn a_server_without_commands_announces_no_prompts() {
    let bridge = McpServer::new("plain").bridge(|_| {});
    let init = handshake(&bridge).await;
    assert!(
        init["result"]["capabilities"].get("prompts").is_none(),
        "{init}"
    );
}

#[test]
fn command_names_are_checked_and_unique() {
    let server = McpServer::new("cmds").slash_command(greet);
    let err = server.clone().try_slash_command(greet).err().unwrap();
    assert_eq!(
        err.to_string(),
        "the server `cmds` already has a slash command named `greet`"
    );
    let err = server
        .try_slash_command(PromptTemplate::new("two words", "x"))
        .err()
        .unwrap();
    assert!(
        err.to_string()
            .starts_with("invalid command name `two words`"),
        "{err}"
    );
}

#[tokio::test]
async fn the_generated_function_can_be_called_directly() {
    assert_eq!(greet::NAME, "greet");
    assert_eq!(build_info::NAME, "build-info");
    let prompt = greet::call(
        "Bo".into(),
        None,
        CommandContext::new(CommandOrigin::McpPrompt),
    )
    .await;
    assert_eq!(prompt, Prompt("SAY hello Bo (fine)".into()));
}
