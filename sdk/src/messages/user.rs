//! User messages: prompts, tool results and replayed input.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::content::{ContentBlock, ToolResultBlock};
use crate::wire::Extra;

/// The content of a user message: a string or a list of blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum UserContent {
    /// Plain text.
    Text(String),
    /// Content blocks (text, images, tool results, ...).
    Blocks(Vec<ContentBlock>),
}

impl From<String> for UserContent {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for UserContent {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<Vec<ContentBlock>> for UserContent {
    fn from(blocks: Vec<ContentBlock>) -> Self {
        Self::Blocks(blocks)
    }
}

/// A user message: a prompt, tool results, or input the CLI replays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserMessage {
    /// The API message.
    pub message: ApiUserMessage,
    /// The tool use of the Agent tool this message belongs to, for a subagent.
    #[serde(default)]
    pub parent_tool_use_id: Option<String>,
    /// The session id (empty on messages the SDK sends).
    #[serde(default)]
    pub session_id: String,
    /// The message's uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The structured result of the tool, as the CLI reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_use_result: Option<Value>,
    /// Set on input the CLI echoes back (`--replay-user-messages`).
    #[serde(rename = "isReplay", default, skip_serializing_if = "Option::is_none")]
    pub is_replay: Option<bool>,
    /// Set on messages the CLI made up (skill bodies, summaries).
    #[serde(
        rename = "isSynthetic",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_synthetic: Option<bool>,
    /// Fields this SDK does not model (`timestamp`, `tool_result_meta`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The Anthropic API message inside a [`UserMessage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiUserMessage {
    /// Always `user`.
    #[serde(default = "user_role")]
    pub role: String,
    /// The content.
    pub content: UserContent,
    /// Fields this SDK does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

fn user_role() -> String {
    "user".to_owned()
}

impl UserMessage {
    /// A user message as the SDK sends it to the CLI.
    #[must_use]
    pub fn new(content: impl Into<UserContent>) -> Self {
        Self {
            message: ApiUserMessage {
                role: user_role(),
                content: content.into(),
                extra: Extra::new(),
            },
            parent_tool_use_id: None,
            session_id: String::new(),
            uuid: None,
            tool_use_result: None,
            is_replay: None,
            is_synthetic: None,
            extra: Extra::new(),
        }
    }

    /// The text of the message (string content, or its text blocks joined).
    #[must_use]
    pub fn text(&self) -> String {
        match &self.message.content {
            UserContent::Text(text) => text.clone(),
            UserContent::Blocks(blocks) => {
                blocks.iter().filter_map(ContentBlock::as_text).collect()
            }
        }
    }

    /// The tool results this message carries.
    pub fn tool_results(&self) -> impl Iterator<Item = &ToolResultBlock> {
        let blocks: &[ContentBlock] = match &self.message.content {
            UserContent::Blocks(blocks) => blocks,
            UserContent::Text(_) => &[],
        };
        blocks.iter().filter_map(ContentBlock::as_tool_result)
    }
}
