//! Configurations of external MCP servers (stdio, SSE, HTTP).

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Value, json};

use crate::redact::{HiddenValues, redact_json, redact_url};

/// An MCP server the CLI connects to itself.
///
/// In-process servers (Rust tools served by this SDK) are added with
/// `ClaudeAgentOptionsBuilder::mcp_server`; this type describes servers that
/// run elsewhere.
///
/// ```
/// use claude_agent_sdk::McpServerConfig;
/// let files = McpServerConfig::stdio("npx").args(["-y", "@modelcontextprotocol/server-filesystem", "."]);
/// let remote = McpServerConfig::http("http://127.0.0.1:8080/mcp").header("Authorization", "Bearer t");
/// # let _ = (files, remote);
/// ```
///
/// `Debug` shows the names of environment variables and headers but not
/// their values, nor the user information and query of URLs (`Raw`
/// configurations lose the values of `env`, `headers` and keys that name a
/// secret). The SDK hands the configuration to the CLI in a private file,
/// never on its command line. A stdio server's `args` are not hidden: they
/// are on that server's own command line, where every local user can read
/// them, so keep secrets in `env`.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum McpServerConfig {
    /// A server the CLI starts as a child process and talks to over stdio.
    Stdio {
        /// The program.
        command: String,
        /// Its arguments.
        args: Vec<String>,
        /// Extra environment variables.
        env: BTreeMap<String, String>,
    },
    /// A server reached over the (legacy) SSE transport.
    Sse {
        /// The URL.
        url: String,
        /// Extra HTTP headers.
        headers: BTreeMap<String, String>,
    },
    /// A server reached over streamable HTTP.
    Http {
        /// The URL.
        url: String,
        /// Extra HTTP headers.
        headers: BTreeMap<String, String>,
    },
    /// Any other configuration, passed to the CLI verbatim.
    Raw(Value),
}

impl McpServerConfig {
    /// A stdio server.
    #[must_use]
    pub fn stdio(command: impl Into<String>) -> Self {
        Self::Stdio {
            command: command.into(),
            args: Vec::new(),
            env: BTreeMap::new(),
        }
    }

    /// A streamable-HTTP server.
    #[must_use]
    pub fn http(url: impl Into<String>) -> Self {
        Self::Http {
            url: url.into(),
            headers: BTreeMap::new(),
        }
    }

    /// An SSE server.
    #[must_use]
    pub fn sse(url: impl Into<String>) -> Self {
        Self::Sse {
            url: url.into(),
            headers: BTreeMap::new(),
        }
    }

    /// Adds arguments (stdio servers).
    #[must_use]
    pub fn args<I, S>(mut self, new: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if let Self::Stdio { args, .. } = &mut self {
            args.extend(new.into_iter().map(Into::into));
        }
        self
    }

    /// Adds an environment variable (stdio servers).
    #[must_use]
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        if let Self::Stdio { env, .. } = &mut self {
            env.insert(key.into(), value.into());
        }
        self
    }

    /// Adds an HTTP header (SSE and HTTP servers).
    #[must_use]
    pub fn header(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        if let Self::Sse { headers, .. } | Self::Http { headers, .. } = &mut self {
            headers.insert(key.into(), value.into());
        }
        self
    }

    /// The configuration as the CLI's `--mcp-config` expects it.
    #[must_use]
    pub fn to_value(&self) -> Value {
        match self {
            Self::Stdio { command, args, env } => {
                let mut value = json!({"type": "stdio", "command": command, "args": args});
                if !env.is_empty() {
                    value["env"] = json!(env);
                }
                value
            }
            Self::Sse { url, headers } => with_headers(json!({"type": "sse", "url": url}), headers),
            Self::Http { url, headers } => {
                with_headers(json!({"type": "http", "url": url}), headers)
            }
            Self::Raw(raw) => raw.clone(),
        }
    }
}

impl fmt::Debug for McpServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stdio { command, args, env } => f
                .debug_struct("Stdio")
                .field("command", command)
                .field("args", args)
                .field("env", &HiddenValues(env.keys().collect()))
                .finish(),
            Self::Sse { url, headers } => f
                .debug_struct("Sse")
                .field("url", &redact_url(url))
                .field("headers", &HiddenValues(headers.keys().collect()))
                .finish(),
            Self::Http { url, headers } => f
                .debug_struct("Http")
                .field("url", &redact_url(url))
                .field("headers", &HiddenValues(headers.keys().collect()))
                .finish(),
            Self::Raw(raw) => f.debug_tuple("Raw").field(&redact_json(raw)).finish(),
        }
    }
}

fn with_headers(mut value: Value, headers: &BTreeMap<String, String>) -> Value {
    if !headers.is_empty() {
        value["headers"] = json!(headers);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_serialise_like_the_cli_expects() {
        assert_eq!(
            McpServerConfig::stdio("node")
                .args(["s.js"])
                .env("K", "V")
                .to_value(),
            json!({"type": "stdio", "command": "node", "args": ["s.js"], "env": {"K": "V"}})
        );
        assert_eq!(
            McpServerConfig::http("http://127.0.0.1:1/mcp").to_value(),
            json!({"type": "http", "url": "http://127.0.0.1:1/mcp"})
        );
        assert_eq!(
            McpServerConfig::sse("http://x").header("A", "b").to_value(),
            json!({"type": "sse", "url": "http://x", "headers": {"A": "b"}})
        );
    }

    #[test]
    fn debug_hides_header_and_env_values() {
        let configs = [
            McpServerConfig::http("https://u:pw-secret@h/mcp?key=q-secret")
                .header("Authorization", "Bearer h-secret"),
            McpServerConfig::sse("http://h/sse").header("X-Api-Key", "s-secret"),
            McpServerConfig::stdio("node").env("TOKEN", "e-secret"),
            McpServerConfig::Raw(
                json!({"type": "http", "headers": {"A": "r-secret"}, "token": "t-secret"}),
            ),
        ];
        let shown = format!("{configs:?}");
        assert!(!shown.contains("secret"), "{shown}");
        for name in [
            "Authorization",
            "X-Api-Key",
            "TOKEN",
            "node",
            "https://",
            "\"A\"",
        ] {
            assert!(shown.contains(name), "{name} in {shown}");
        }
    }
}
