//! Which server and tool names Claude accepts.
//!
//! Claude sees an MCP tool as `mcp__<server>__<tool>`; the Messages API
//! accepts tool names of 1 to 64 characters from `[A-Za-z0-9_-]`.

use crate::error::{Error, NameKind};

/// The longest `mcp__<server>__<tool>` the API accepts.
pub const MAX_QUALIFIED_LEN: usize = 64;

/// The name Claude sees for `tool` of `server`: `mcp__<server>__<tool>`.
///
/// ```
/// assert_eq!(claude_agent_mcp::qualified_tool_name("calc", "add"), "mcp__calc__add");
/// ```
#[must_use]
pub fn qualified_tool_name(server: &str, tool: &str) -> String {
    format!("mcp__{server}__{tool}")
}

/// Checks a tool name: 1 to 64 characters from `[A-Za-z0-9_-]`.
///
/// ```
/// use claude_agent_mcp::validate_tool_name;
/// assert!(validate_tool_name("find_user").is_ok());
/// assert!(validate_tool_name("find user").is_err());
/// ```
pub fn validate_tool_name(name: &str) -> Result<(), Error> {
    check(NameKind::Tool, name)
}

/// Checks a slash command's name: 1 to 64 characters from
/// `[A-Za-z0-9_-]` (Claude Code offers a server's command as
/// `/mcp__<server>__<command>`).
///
/// ```
/// use claude_agent_mcp::validate_command_name;
/// assert!(validate_command_name("run-tests").is_ok());
/// assert!(validate_command_name("/status").is_err());
/// ```
pub fn validate_command_name(name: &str) -> Result<(), Error> {
    check(NameKind::Command, name)
}

/// Checks a server name: 1 to 64 characters from `[A-Za-z0-9_-]`.
pub fn validate_server_name(name: &str) -> Result<(), Error> {
    check(NameKind::Server, name)
}

/// Checks that `mcp__<server>__<tool>` fits the API's limit.
pub fn validate_qualified_name(server: &str, tool: &str) -> Result<(), Error> {
    let qualified = qualified_tool_name(server, tool);
    if qualified.len() > MAX_QUALIFIED_LEN {
        return Err(Error::NameTooLong {
            server: server.to_owned(),
            tool: tool.to_owned(),
            qualified,
        });
    }
    Ok(())
}

fn check(kind: NameKind, name: &str) -> Result<(), Error> {
    let reason = if name.is_empty() {
        Some("it is empty".to_owned())
    } else if name.len() > 64 {
        Some(format!("it is {} characters long (at most 64)", name.len()))
    } else {
        name.chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
            .map(|c| format!("{c:?} is not allowed (use letters, digits, `_` and `-`)"))
    };
    match reason {
        Some(reason) => Err(Error::InvalidName {
            kind,
            name: name.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_api_pattern() {
        assert!(validate_tool_name("add").is_ok());
        assert!(validate_tool_name("a-b_C9").is_ok());
        let err = validate_tool_name("add.two").unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid tool name `add.two`: '.' is not allowed (use letters, digits, `_` and `-`)"
        );
        assert!(validate_server_name("").is_err());
        assert!(validate_server_name(&"x".repeat(65)).is_err());
    }

    #[test]
    fn qualified_names_are_limited_to_64_characters() {
        let server = "s".repeat(20);
        let fits = "t".repeat(64 - "mcp____".len() - 20);
        assert!(validate_qualified_name(&server, &fits).is_ok());
        let err = validate_qualified_name(&server, &format!("{fits}x")).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("is 65 characters long"), "{text}");
        assert!(text.contains("at most 64"), "{text}");
    }
}
