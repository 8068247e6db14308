//! Slash commands against the real CLI: the SDK's registry (local and
//! expanding commands), commands passed through to the CLI, and Rust
//! commands served as MCP prompts that Claude Code runs itself.

use claude_agent_sdk::commands::{CommandContext, CommandOrigin, Prompt, Reply};
use claude_agent_sdk::messages::{Message, ResultMessage, last_result};
use claude_agent_sdk::{ClaudeClient, McpServerConfig, query, slash_command};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;

/// Reports the session; answered by the SDK.
#[slash_command]
async fn status(ctx: CommandContext) -> Reply {
    assert_eq!(ctx.origin(), CommandOrigin::Sdk);
    Reply(format!(
        "session {}",
        ctx.session_id().unwrap_or("not started")
    ))
}

/// Asks for a review (a directive for the scripted model).
#[slash_command]
async fn review(
    /// The file.
    file: String,
    /// What to look for.
    focus: Option<String>,
) -> Prompt {
    Prompt(format!(
        "SAY reviewing {file} for {}",
        focus.as_deref().unwrap_or("bugs")
    ))
}

async fn turn(client: &ClaudeClient) -> (Vec<Message>, ResultMessage) {
    let mut messages = Vec::new();
    let mut stream = client.receive_response();
    while let Some(message) = stream.next().await {
        messages.push(message.unwrap());
    }
    let result = last_result(&messages).cloned().expect("a result");
    (messages, result)
}

#[tokio::test]
async fn local_expanding_and_passthrough_commands_in_one_session() {
    let h = Harness::new().await;
    // A project command of the CLI's own (`.claude/commands/hello.md`).
    let commands = h.env.cwd().join(".claude/commands");
    std::fs::create_dir_all(&commands).unwrap();
    std::fs::write(
        commands.join("hello.md"),
        "---\ndescription: Says hello\n---\nSAY hello $ARGUMENTS from the project\n",
    )
    .unwrap();
    let mut client = ClaudeClient::new(
        h.options()
            .slash_command(status)
            .slash_command(review)
            .build(),
    );
    client.connect().await.unwrap();

    // Registered commands are listed first, then the CLI's.
    let listed = client.supported_commands().unwrap();
    assert_eq!(listed[0].name, "status");
    assert_eq!(
        listed[0].description,
        "Reports the session; answered by the SDK."
    );
    assert_eq!(listed[0].extra["source"], "sdk");
    assert_eq!(listed[1].name, "review");
    assert_eq!(listed[1].argument_hint, "<file> [focus]");
    assert!(listed.iter().any(|c| c.name == "compact"));
    assert!(listed.iter().any(|c| c.name == "hello"), "{listed:?}");

    // A local command: answered without any model request.
    client.query("/status").await.unwrap();
    let (messages, result) = turn(&client).await;
    assert_eq!(result.result(), Some("session not started"));
    assert_eq!(result.local_command(), Some("status"));
    assert!(result.is_sdk_command());
    assert!(!result.is_error());
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert_eq!(
        messages[0].as_assistant().unwrap().text(),
        "session not started"
    );
    assert!(h.model.requests().is_empty());

    // An expanding command: the model gets the prompt, not the command line.
    client.query("/review src/lib.rs panics").await.unwrap();
    let (_, result) = turn(&client).await;
    assert_eq!(result.result(), Some("reviewing src/lib.rs for panics"));
    let requests = h.model.requests();
    assert_eq!(requests.len(), 1);
    let sent = requests[0].user_texts().join("\n");
    assert!(
        sent.contains("SAY reviewing src/lib.rs for panics"),
        "{sent}"
    );
    assert!(!sent.contains("/review"), "{sent}");

    // A failure (a missing argument): local, no model request.
    client.query("/review").await.unwrap();
    let (_, result) = turn(&client).await;
    assert!(result.is_error());
    assert_eq!(
        result.result(),
        Some("missing required argument `file`; usage: /review <file> [focus]")
    );
    assert_eq!(h.model.requests().len(), 1);

    // The session id is known now, and reaches the command.
    let session = client.session_id().unwrap();
    client.query("/status").await.unwrap();
    let (_, result) = turn(&client).await;
    assert_eq!(result.result(), Some(format!("session {session}").as_str()));
    assert_eq!(result.session_id(), session);

    // A command the registry does not know goes to the CLI unchanged: the
    // CLI expands its project command.
    client.query("/hello world").await.unwrap();
    let (_, result) = turn(&client).await;
    assert_eq!(result.result(), Some("hello world from the project"));
    assert_eq!(result.local_command(), None);
    let requests = h.model.requests();
    assert_eq!(requests.len(), 2);
    let sent = requests[1].last_user_text().unwrap_or_default();
    assert!(sent.contains("SAY hello world from the project"), "{sent}");

    // A built-in local command of the CLI passes through too.
    client.query("/cost").await.unwrap();
    let (_, result) = turn(&client).await;
    assert_eq!(result.local_command(), Some("cost"));
    assert!(!result.is_sdk_command());
    assert_eq!(h.model.requests().len(), 2);

    // A local command sent while a turn runs is answered after that turn,
    // as the CLI answers its own local commands.
    client.query("SLOW 800; SAY slow answer").await.unwrap();
    client.query("/status").await.unwrap();
    let (_, first) = turn(&client).await;
    assert_eq!(first.result(), Some("slow answer"));
    let (_, second) = turn(&client).await;
    assert!(second.is_sdk_command(), "{second:?}");
    assert_eq!(second.result(), Some(format!("session {session}").as_str()));
    assert_eq!(h.model.requests().len(), 3);

    client.disconnect().await.unwrap();
}

#[tokio::test]
async fn a_one_shot_local_command_does_not_start_the_cli() {
    let h = Harness::new().await;
    let options = h
        .options()
        .cli_path("/nonexistent/claude")
        .slash_command(status)
        .build();
    let messages = query("/status", options).await.unwrap();
    let result = last_result(&messages).unwrap();
    assert_eq!(result.result(), Some("session not started"));
    assert!(result.is_sdk_command());
    assert!(h.model.requests().is_empty());

    // An expanding command does start it (and the prompt is the expansion).
    let options = h.options().slash_command(review).build();
    let messages = query("/review main.rs", options).await.unwrap();
    assert_eq!(
        last_result(&messages).unwrap().result(),
        Some("reviewing main.rs for bugs")
    );
}

#[tokio::test]
async fn rust_commands_served_as_mcp_prompts_run_inside_claude_code() {
    let h = Harness::new().await;
    let server = McpServerConfig::stdio(env!("CARGO_BIN_EXE_command-server"));
    let mut client = ClaudeClient::new(h.options().mcp_server_config("cmds", server).build());
    client.connect().await.unwrap();

    // Claude Code splits the arguments on whitespace, asks the server for
    // the prompt, and sends its text to the model.
    client.query("/mcp__cmds__greet Ada happy").await.unwrap();
    let (messages, result) = turn(&client).await;
    assert_eq!(result.result(), Some("hello Ada (happy)"));
    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert!(
        init.slash_commands.iter().any(|c| c == "mcp__cmds__greet"),
        "{:?}",
        init.slash_commands
    );
    let requests = h.model.requests();
    let sent = requests[0].user_texts().join("\n");
    assert!(
        sent.contains("<command-name>/mcp__cmds__greet</command-name>"),
        "{sent}"
    );
    assert!(sent.contains("SAY hello Ada (happy)"), "{sent}");

    // Once the server is connected, the CLI's `commands_changed` lists
    // the served commands under their display name.
    let listed = client.supported_commands().unwrap();
    let greet = listed
        .iter()
        .find(|c| c.name == "cmds:greet (MCP)")
        .unwrap_or_else(|| panic!("{listed:?}"));
    assert_eq!(
        greet.description,
        "Greets someone (a directive for the scripted model)."
    );

    // A missing required argument is refused by the CLI itself.
    client.query("/mcp__cmds__greet").await.unwrap();
    let (_, result) = turn(&client).await;
    assert_eq!(h.model.requests().len(), 1);
    assert!(
        result
            .result()
            .unwrap_or_default()
            .contains("Missing required argument: who"),
        "{result:?}"
    );

    // A reply is passed to the model too (as text of the prompt).
    client.query("/mcp__cmds__build-info").await.unwrap();
    let _ = turn(&client).await;
    let requests = h.model.requests();
    assert_eq!(requests.len(), 2);
    let sent = requests[1].user_texts().join("\n");
    assert!(sent.contains("build 7 reporting"), "{sent}");

    client.disconnect().await.unwrap();
}
