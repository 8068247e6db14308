//! Every accepted form of an agent.

#![deny(missing_docs)]
//! (crate docs)

use claude_agent_sdk::agents::Agent;
use claude_agent_sdk::options::Effort;
use claude_agent_sdk::{ClaudeAgentOptions, PermissionMode, agent};

/// Reviews Rust code.
///
/// Use it after editing Rust files.
#[agent(
    prompt = "You review code.",
    tools = ["Read", "Grep"],
    disallowed_tools = ["Bash"],
    model = "sonnet",
    mcp_servers = ["calc"],
    skills = ["pdf"],
    max_turns = 5,
    effort = "high",
    permission_mode = "acceptEdits",
    background,
    memory = "project",
    initial_prompt = "Start with src/lib.rs.",
)]
pub struct CodeReviewer;

/// Overridden name and description, no tools, explicit crate path.
#[agent(name = "helper_2", description = "Helps.", prompt = "Help.", tools = [],
        background = false, crate = "::claude_agent_sdk")]
pub(crate) struct Helper;

#[agent(prompt = "Plan.")]
#[doc = "Plans."]
#[derive(Debug, Clone, Copy)]
struct HTTPPlanner;

fn main() {
    assert_eq!(CodeReviewer::NAME, "code-reviewer");
    assert_eq!(Helper::NAME, "helper_2");
    assert_eq!(HTTPPlanner::NAME, "http-planner");
    assert_eq!(HTTPPlanner.name(), "http-planner");
    let _ = format!("{:?}", HTTPPlanner.clone());

    let reviewer = CodeReviewer.definition();
    assert_eq!(reviewer.description, "Reviews Rust code.\n\nUse it after editing Rust files.");
    assert_eq!(reviewer.prompt, "You review code.");
    assert_eq!(reviewer.tools, Some(vec!["Read".to_owned(), "Grep".to_owned()]));
    assert_eq!(reviewer.disallowed_tools, Some(vec!["Bash".to_owned()]));
    assert_eq!(reviewer.model.as_deref(), Some("sonnet"));
    assert_eq!(reviewer.mcp_servers, Some(vec![serde_json::json!("calc")]));
    assert_eq!(reviewer.skills, Some(vec!["pdf".to_owned()]));
    assert_eq!(reviewer.max_turns, Some(5));
    assert_eq!(reviewer.effort, Some(Effort::High));
    assert_eq!(reviewer.permission_mode, Some(PermissionMode::AcceptEdits));
    assert_eq!(reviewer.background, Some(true));
    assert_eq!(reviewer.memory.as_deref(), Some("project"));
    assert_eq!(reviewer.initial_prompt.as_deref(), Some("Start with src/lib.rs."));

    let helper = Helper.definition();
    assert_eq!(helper.description, "Helps.");
    assert_eq!(helper.tools, Some(Vec::new()));
    assert_eq!(helper.background, Some(false));
    assert_eq!(helper.model, None);

    let options = ClaudeAgentOptions::builder()
        .agent(CodeReviewer)
        .agent(Helper)
        .agent(HTTPPlanner)
        .main_agent(HTTPPlanner::NAME)
        .build();
    assert_eq!(options.agents().len(), 3);
    assert_eq!(options.main_agent(), Some("http-planner"));
}
