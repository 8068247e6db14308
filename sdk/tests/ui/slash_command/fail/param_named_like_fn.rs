use claude_agent_sdk::commands::Reply;
use claude_agent_sdk::slash_command;

/// The function becomes a unit struct of its name: no parameter may shadow
/// it.
#[slash_command]
async fn greet(greet: String) -> Reply {
    Reply(format!("hello {greet}"))
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .slash_command(greet)
        .build();
    // Call sites of `call` still compile.
    let _ = greet::call(String::new());
}
