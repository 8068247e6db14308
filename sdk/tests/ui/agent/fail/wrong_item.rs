use claude_agent_sdk::agent;

/// A function.
#[agent(prompt = "p")]
fn not_a_struct() {}

/// An enum.
#[agent(prompt = "p")]
enum NotAStruct {
    A,
}

/// Fields.
#[agent(prompt = "p")]
struct WithFields {
    name: String,
}

/// A tuple.
#[agent(prompt = "p")]
struct Tuple(u8);

/// Generic.
#[agent(prompt = "p")]
struct Generic<T>;

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .agent(WithFields { name: String::new() })
        .agent(Tuple(1))
        .build();
}
