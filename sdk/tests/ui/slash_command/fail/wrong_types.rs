use claude_agent_sdk::commands::Reply;
use claude_agent_sdk::slash_command;

/// Returns a plain string: neither a reply nor a prompt.
#[slash_command]
async fn plain() -> String {
    String::new()
}

/// An argument type that cannot be parsed from text.
#[slash_command]
async fn listy(items: Vec<String>) -> Reply {
    Reply(items.join(","))
}

/// Not `Send`.
#[slash_command]
async fn not_send() -> Reply {
    let rc = std::rc::Rc::new(1);
    std::future::ready(()).await;
    Reply(rc.to_string())
}

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .slash_command(plain)
        .slash_command(listy)
        .slash_command(not_send)
        .build();
}
