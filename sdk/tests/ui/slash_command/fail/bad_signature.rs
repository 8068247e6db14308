use claude_agent_sdk::commands::{CommandArgs, Prompt, Reply};
use claude_agent_sdk::slash_command;

/// Not async, no return type.
#[slash_command]
fn not_async() {}

/// Generic, with a pattern parameter.
#[slash_command]
async fn generic<T>((a, b): (String, String)) -> Reply {
    Reply(a + &b)
}

/// Required after optional, a borrowed argument, two `CommandArgs`.
#[slash_command]
async fn order(first: Option<String>, second: String, third: &str, a: CommandArgs, b: CommandArgs) -> Prompt {
    let _ = (first, second, third, a, b);
    Prompt::default()
}

/// `impl Trait` return type.
#[slash_command]
async fn opaque() -> impl Into<String> {
    String::new()
}

/// On a struct.
#[slash_command]
struct NotAFunction;

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .slash_command(not_async)
        .slash_command(generic)
        .slash_command(order)
        .slash_command(opaque)
        .build();
}
