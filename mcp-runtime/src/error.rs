//! The error types of this crate.

use std::fmt;

/// A tool's JSON schema breaks the schema policy (see [`crate::schema`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct SchemaError {
    /// What is wrong, in words.
    pub message: String,
}

impl SchemaError {
    /// A schema error with this message.
    #[must_use]
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

/// Everything that can go wrong while building or serving an MCP server.
///
/// Errors *of a tool call* are not here: they are tool results with
/// `isError: true`, which the model reads (see [`ToolResult::error`](crate::ToolResult::error)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A server, tool or slash command name is not valid.
    #[error("invalid {kind} name `{name}`: {reason}")]
    InvalidName {
        /// Whose name it is: a server's, a tool's or a slash command's.
        kind: NameKind,
        /// The name.
        name: String,
        /// Why it is refused.
        reason: String,
    },

    /// `mcp__<server>__<tool>`, the name Claude sees, is longer than the
    /// API's limit of 64 characters.
    #[error(
        "the tool name `{qualified}` is {} characters long; Claude accepts at most {} \
         (`mcp__<server>__<tool>`): shorten the server name `{server}` or the tool name `{tool}`",
        qualified.chars().count(), crate::names::MAX_QUALIFIED_LEN
    )]
    NameTooLong {
        /// The server name.
        server: String,
        /// The tool name.
        tool: String,
        /// `mcp__<server>__<tool>`.
        qualified: String,
    },

    /// Two tools of one server have the same name.
    #[error("the server `{server}` already has a tool named `{tool}`")]
    DuplicateTool {
        /// The server name.
        server: String,
        /// The tool name.
        tool: String,
    },

    /// Two slash commands (prompts) of one server have the same name.
    #[error("the server `{server}` already has a slash command named `{command}`")]
    DuplicateCommand {
        /// The server name.
        server: String,
        /// The command name.
        command: String,
    },

    /// A tool's input or output schema breaks the schema policy.
    #[error("the {which} schema of the tool `{tool}` is not usable: {source}")]
    Schema {
        /// The tool name.
        tool: String,
        /// `input` or `output`.
        which: &'static str,
        /// What is wrong.
        #[source]
        source: SchemaError,
    },

    /// Serving failed: the transport closed before the handshake, or the
    /// handshake was refused.
    #[error("serving the MCP server `{server}` failed: {reason}")]
    Serve {
        /// The server name.
        server: String,
        /// What went wrong.
        reason: String,
    },

    /// A standalone HTTP server was asked to serve a non-loopback address
    /// (reachable from other machines) without authentication (feature
    /// `http`). Configure `HttpServer::bearer_token` or
    /// `HttpServer::authorize`, or opt in with
    /// `HttpServer::allow_unauthenticated_remote`.
    #[error(
        "refusing to serve MCP over HTTP on the non-loopback address {addr} without \
         authentication: set a bearer token or an authorize check, or call \
         `allow_unauthenticated_remote()` to serve it unauthenticated anyway"
    )]
    UnauthenticatedRemote {
        /// The bound address.
        addr: std::net::SocketAddr,
    },

    /// An option of a standalone HTTP server (feature `http`) is out of
    /// range. The message never contains a secret (a bearer token's value,
    /// for instance).
    #[error("invalid HTTP server option `{option}`: {reason}")]
    InvalidHttpOption {
        /// The option, as its builder method is named.
        option: &'static str,
        /// What is wrong with it.
        reason: String,
    },

    /// An I/O error (binding a port, for instance).
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// What kind of name an [`Error::InvalidName`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameKind {
    /// A server name.
    Server,
    /// A tool name.
    Tool,
    /// A slash command (prompt) name.
    Command,
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameKind::Server => "server",
            NameKind::Tool => "tool",
            NameKind::Command => "command",
        })
    }
}
