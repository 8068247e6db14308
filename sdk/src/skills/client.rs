//! Telling a connected CLI to pick up skill changes.

use serde_json::{Value, json};

use crate::client::ClaudeClient;
use crate::control::SlashCommand;
use crate::error::{Error, Result};

impl ClaudeClient {
    /// Tells the CLI to rescan its skill folders now (the `reload_skills`
    /// control request), and returns the skills and commands it then offers:
    /// `name`, `description` (project skills end with ` (project)`),
    /// `argument_hint`, and in `extra` `builtin` and `aliases`.
    ///
    /// The next turn sees new and changed skills; a skill the model already
    /// loaded in this conversation is loaded again with its new body when
    /// called again. Without this request the CLI notices new skill folders
    /// by itself after a few seconds (observed with CLI 2.1.330: missing
    /// after 3 s, present after 10 s).
    ///
    /// ```no_run
    /// use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient};
    /// use claude_agent_sdk::options::Skills;
    /// use claude_agent_sdk::skills::{Installer, SkillSpec};
    ///
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let mut client = ClaudeClient::new(ClaudeAgentOptions::builder().cwd(".").skills(Skills::All).build());
    /// client.connect().await?;
    /// Installer::project(".").install(&SkillSpec::new("late", "Added mid-session.").body("Hi."))?;
    /// let offered = client.reload_skills().await?;
    /// assert!(offered.iter().any(|skill| skill.name == "late"));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] on a CLI without the request; the usual
    /// control errors otherwise.
    pub async fn reload_skills(&self) -> Result<Vec<SlashCommand>> {
        let answer = self.control_request("reload_skills", json!({})).await?;
        let skills = answer
            .get("skills")
            .cloned()
            .unwrap_or(Value::Array(Vec::new()));
        serde_json::from_value(skills).map_err(|e| Error::Control {
            subtype: "reload_skills".to_owned(),
            message: format!("unexpected answer: {e}"),
            code: None,
        })
    }
}
