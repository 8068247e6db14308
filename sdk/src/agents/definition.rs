//! [`Agent`]: a named subagent definition.

use crate::options::AgentDefinition;

/// A subagent: a name and its [`AgentDefinition`].
///
/// `#[agent]` implements it for a unit struct; pass the struct to
/// [`ClaudeAgentOptionsBuilder::agent`](crate::ClaudeAgentOptionsBuilder::agent).
/// Implement it by hand for agents built at run time.
///
/// ```
/// use claude_agent_sdk::agents::Agent;
/// use claude_agent_sdk::{AgentDefinition, ClaudeAgentOptions};
///
/// struct Translator { language: String }
///
/// impl Agent for Translator {
///     fn name(&self) -> &str { "translator" }
///     fn definition(&self) -> AgentDefinition {
///         AgentDefinition::new(
///             "Translates text",
///             format!("You translate everything into {}.", self.language),
///         )
///         .tools(Vec::<String>::new())
///     }
/// }
///
/// let options = ClaudeAgentOptions::builder()
///     .agent(Translator { language: "French".into() })
///     .build();
/// # drop(options);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an agent",
    label = "this type does not implement `Agent`",
    note = "put `#[agent(prompt = \"...\")]` on a unit struct with a doc comment, implement `Agent` by hand, or use `agent_definition(name, AgentDefinition::new(..))`"
)]
pub trait Agent {
    /// The agent's name: what the model passes to the Agent tool as
    /// `subagent_type`, and what [`main_agent`](crate::ClaudeAgentOptionsBuilder::main_agent)
    /// takes.
    fn name(&self) -> &str;

    /// The agent's definition: description, prompt, tools, model, ...
    fn definition(&self) -> AgentDefinition;
}
