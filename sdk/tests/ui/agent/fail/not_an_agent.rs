/// Not annotated.
struct Plain;

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder().agent(Plain).build();
}
