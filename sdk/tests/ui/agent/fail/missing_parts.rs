use claude_agent_sdk::agent;

/// No prompt.
#[agent(tools = ["Read"])]
struct NoPrompt;

#[agent(prompt = "A prompt, but no doc comment.")]
struct NoDescription;

#[agent]
struct Nothing;

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .agent(NoPrompt)
        .agent(NoDescription)
        .agent(Nothing)
        .build();
}
