//! Subagent transcripts: `<session>/subagents/**/agent-<id>.jsonl`, each
//! with an `agent-<id>.meta.json` sidecar naming the agent type, the task
//! description and the `Agent` tool call that started it.

use std::path::{Path, PathBuf};

use super::jsonl::{parse_line, parse_lines, str_field};
use super::message::SessionMessage;
use super::paths::{file_error, jsonl_files, session_dir};
use super::safe_files::read_regular;
use super::transcript::{is_visible_subagent_message, subagent_chain};
use crate::error::Result;

/// A subagent that ran in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SubagentInfo {
    /// The subagent's id (`agent-<id>.jsonl`).
    pub agent_id: String,
    /// Its type (`general-purpose`, `Explore`, a custom agent's name).
    pub agent_type: Option<String>,
    /// The task description the main agent gave it.
    pub description: Option<String>,
    /// The id of the `Agent` tool call that started it.
    pub parent_tool_use_id: Option<String>,
    /// Its transcript file.
    pub path: PathBuf,
}

/// The subagents of the session stored in `session_file`, sorted by path.
pub(crate) fn subagents(session_file: &Path) -> Vec<SubagentInfo> {
    let mut files = jsonl_files(&session_dir(session_file).join("subagents"));
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let agent_id = name
                .strip_prefix("agent-")?
                .strip_suffix(".jsonl")?
                .to_owned();
            let meta = read_regular(&path.with_extension("meta.json"))
                .ok()
                .and_then(|bytes| parse_line(&bytes));
            let field = |key: &str| {
                meta.as_ref()
                    .and_then(|m| str_field(m, key))
                    .map(str::to_owned)
            };
            Some(SubagentInfo {
                agent_id,
                agent_type: field("agentType"),
                description: field("description"),
                parent_tool_use_id: field("toolUseId"),
                path,
            })
        })
        .collect()
}

/// The messages of one subagent's transcript, paged.
pub(crate) fn messages(
    agent: &SubagentInfo,
    limit: Option<usize>,
    offset: usize,
) -> Result<Vec<SessionMessage>> {
    let bytes = read_regular(&agent.path).map_err(file_error(&agent.path))?;
    let parsed = parse_lines(&bytes);
    super::warn_skipped(&agent.path, &parsed.skipped_line_numbers());
    let entries = parsed.entries;
    Ok(subagent_chain(&entries, &parsed.skipped)
        .into_iter()
        .map(|i| &entries[i])
        .filter(|e| is_visible_subagent_message(e))
        .filter_map(SessionMessage::from_entry)
        .map(|mut message| {
            message.parent_tool_use_id = agent.parent_tool_use_id.clone();
            message
        })
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_transcripts_and_their_sidecars() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.jsonl");
        let agents = dir.path().join("s/subagents");
        std::fs::create_dir_all(agents.join("workflows/run-1")).unwrap();
        std::fs::write(
            agents.join("agent-a1.jsonl"),
            concat!(
                r#"{"type":"user","uuid":"u","parentUuid":null,"isSidechain":true,"message":{"role":"user","content":"task"}}"#,
                "\n",
                r#"{"type":"assistant","uuid":"a","parentUuid":"u","isSidechain":true,"message":{"role":"assistant","content":[{"type":"text","text":"done"}]}}"#,
                "\n{broken\n",
            ),
        )
        .unwrap();
        std::fs::write(
            agents.join("agent-a1.meta.json"),
            r#"{"agentType":"general-purpose","description":"check","toolUseId":"toolu_1"}"#,
        )
        .unwrap();
        std::fs::write(agents.join("workflows/run-1/agent-b2.jsonl"), "").unwrap();
        std::fs::write(agents.join("notes.txt"), "x").unwrap();

        let found = subagents(&file);
        let ids: Vec<&str> = found.iter().map(|a| a.agent_id.as_str()).collect();
        assert_eq!(ids, ["a1", "b2"]);
        assert_eq!(found[0].agent_type.as_deref(), Some("general-purpose"));
        assert_eq!(found[1].parent_tool_use_id, None, "no sidecar");
        let texts: Vec<String> = messages(&found[0], None, 0)
            .unwrap()
            .iter()
            .map(|m| m.text())
            .collect();
        assert_eq!(texts, ["task", "done"]);
        assert_eq!(
            messages(&found[0], None, 1).unwrap()[0]
                .parent_tool_use_id
                .as_deref(),
            Some("toolu_1")
        );
        assert!(messages(&found[1], None, 0).unwrap().is_empty());
        assert!(subagents(&dir.path().join("none.jsonl")).is_empty());
    }
}
