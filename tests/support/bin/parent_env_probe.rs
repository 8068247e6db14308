//! Starts the CLI the way an application inside a Claude Code session
//! would (this process is spawned with the parent session's variables), and
//! prints, as JSON, the variables of [`PARENT_SESSION_VARS`] the CLI process
//! really has (read from `/proc/<pid>/environ`).
//!
//! Usage: `parent-env-probe [--inherit]` with `CLAUDE_CLI_PATH` naming the
//! CLI; `--inherit` sets `inherit_parent_session_env(true)`. The variable
//! `CLAUDE_CODE_TASK_LIST_ID` is always set explicitly with `.env()`.

use std::collections::BTreeMap;
use std::time::Duration;

use claude_agent_sdk::options::PARENT_SESSION_VARS;
use claude_agent_sdk::testing::{self, CliEnv, ScriptedModel};
use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inherit = std::env::args().any(|arg| arg == "--inherit");
    let model = ScriptedModel::start().await?;
    let env = CliEnv::new(&model)?;
    let options = env
        .apply(ClaudeAgentOptions::builder().cli_path(testing::cli_path().await?))
        .env("CLAUDE_CODE_TASK_LIST_ID", "set-with-env")
        .inherit_parent_session_env(inherit)
        .initialize_timeout(Duration::from_secs(30))
        .build();
    let mut client = ClaudeClient::new(options);
    client.connect().await?;
    let pid = client.pid().ok_or("the CLI has no pid")?;
    let environ = std::fs::read(format!("/proc/{pid}/environ"))?;
    client.disconnect().await?;
    let mut seen = BTreeMap::new();
    for entry in environ.split(|&b| b == 0) {
        let entry = String::from_utf8_lossy(entry);
        if let Some((key, value)) = entry.split_once('=')
            && PARENT_SESSION_VARS.contains(&key)
        {
            seen.insert(key.to_owned(), value.to_owned());
        }
    }
    println!("{}", serde_json::to_string(&seen)?);
    Ok(())
}
