use claude_agent_sdk::agent;

/// Misspelt and repeated keys.
#[agent(promt = "p", prompt = "p", model = "a", model = "b", colour = "red")]
struct Keys;

/// Values of the wrong kind.
#[agent(prompt = "p", tools = "Read", disallowed_tools = ["Bash", 3], skills = ["x", "x"],
        max_turns = 0, background = "yes", model = "", name = "code reviewer")]
struct Kinds;

/// Values out of range.
#[agent(prompt = "p", effort = "extreme", permission_mode = "acceptedits", memory = "global",
        max_turns = -1)]
struct Ranges;

/// Two prompts, and a file that does not exist.
#[agent(prompt = "p", prompt_file = "no/such/file.md")]
struct TwoPrompts;

/// A missing file.
#[agent(prompt_file = "no/such/file.md", crate = 5)]
struct MissingFile;

/// A key without a value.
#[agent(prompt, tools)]
struct Bare;

fn main() {
    let _ = claude_agent_sdk::ClaudeAgentOptions::builder()
        .agent(Keys)
        .agent(Kinds)
        .agent(Ranges)
        .agent(TwoPrompts)
        .agent(MissingFile)
        .agent(Bare)
        .build();
}
