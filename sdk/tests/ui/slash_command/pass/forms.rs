//! Every accepted form of a slash command.

#![deny(missing_docs)]
//! (crate docs)

use claude_agent_sdk::commands::{
    Command, CommandArgs, CommandContext, CommandOrigin, CommandOutput, CommandRegistry, Prompt,
    Reply,
};
use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::{ClaudeAgentOptions, slash_command};

/// No arguments, a local reply.
#[slash_command]
pub async fn status() -> Reply {
    Reply::new("ok")
}

/// Typed arguments, docs on them, a prompt.
#[slash_command(name = "run-tests")]
pub(crate) async fn run_tests_cmd(
    /// The package.
    package: String,
    /// How many times.
    times: Option<u32>,
    /// The seed.
    r#seed: Option<u64>,
) -> Prompt {
    Prompt(format!("test {package} x{} seed {:?}", times.unwrap_or(1), r#seed))
}

/// All the arguments and the context, by reference, a run-time choice.
#[slash_command(description = "Echoes.", crate = "::claude_agent_sdk::commands")]
async fn echo(args: &CommandArgs, ctx: &CommandContext) -> CommandOutput {
    match ctx.origin() {
        CommandOrigin::Sdk => CommandOutput::Reply(args.raw().to_owned()),
        _ => CommandOutput::Prompt(args.raw().to_owned()),
    }
}

/// A fallible command with the context by value and an argument named `args`.
#[slash_command]
async fn fallible_one(args: String, ctx: CommandContext, rest: CommandArgs) -> Result<Reply, std::io::Error> {
    let _ = (ctx, rest);
    Ok(Reply(args))
}

fn main() {
    assert_eq!(status::NAME, "status");
    assert_eq!(run_tests_cmd::NAME, "run-tests");
    assert_eq!(fallible_one::NAME, "fallible-one");
    assert_eq!(echo.description(), Some("Echoes."));
    assert_eq!(run_tests_cmd.description(), Some("Typed arguments, docs on them, a prompt."));
    let declared = run_tests_cmd.arguments();
    assert_eq!(declared.len(), 3);
    assert_eq!(declared[0].name(), "package");
    assert!(declared[0].is_required());
    assert_eq!(declared[1].description_text(), Some("How many times."));
    assert_eq!(declared[2].name(), "seed");
    assert!(!declared[2].is_required());
    assert_eq!(echo.arguments().len(), 0);
    assert_eq!(fallible_one.arguments().len(), 1);

    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(async {
        let mut registry = CommandRegistry::new();
        registry.register(status);
        registry.register(run_tests_cmd);
        registry.register(echo);
        registry.register(fallible_one);
        let ctx = CommandContext::default;
        let run = registry.dispatch("/run-tests core 2", ctx()).await.unwrap();
        assert_eq!(run.output, CommandOutput::Prompt("test core x2 seed None".into()));
        let run = registry.dispatch("/run-tests core two", ctx()).await.unwrap();
        assert!(run.output.is_failed());
        let run = registry.dispatch("/echo a  b", ctx()).await.unwrap();
        assert_eq!(run.output, CommandOutput::Reply("a  b".into()));
        let run = registry.dispatch("/fallible-one x", ctx()).await.unwrap();
        assert_eq!(run.output, CommandOutput::Reply("x".into()));
    });

    let _ = ClaudeAgentOptions::builder()
        .slash_command(status)
        .slash_command(run_tests_cmd)
        .build();
    let server = McpServer::new("cmds").slash_command(echo).slash_command(status);
    assert_eq!(server.command_names().collect::<Vec<_>>(), ["echo", "status"]);
}
