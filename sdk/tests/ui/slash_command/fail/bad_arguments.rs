use claude_agent_sdk::commands::Reply;
use claude_agent_sdk::slash_command;

/// Slash in the name.
#[slash_command(name = "/status")]
async fn slashed() -> Reply {
    Reply::default()
}

/// A space in the name, and an unknown argument.
#[slash_command(name = "two words", colour = "red")]
async fn spaced() -> Reply {
    Reply::default()
}

/// Given twice, and a bad crate path.
#[slash_command(name = "a", name = "b", crate = "not a path")]
async fn twice() -> Reply {
    Reply::default()
}

/// Docs on a parameter that is not an argument.
#[slash_command]
async fn documented_context(
    /// Not an argument.
    ctx: claude_agent_sdk::commands::CommandContext,
) -> Reply {
    let _ = ctx;
    Reply::default()
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .slash_command(slashed)
        .slash_command(spaced)
        .slash_command(twice)
        .slash_command(documented_context)
        .build();
}
