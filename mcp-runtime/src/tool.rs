//! The [`Tool`] trait, its annotations, and [`ToolSet`] for tools that share
//! state.

use std::sync::Arc;

use futures::future::BoxFuture;
use serde_json::{Value, json};

use crate::context::ToolContext;
use crate::error::SchemaError;
use crate::result::ToolResult;
use crate::schema::JsonObject;

/// A tool an MCP server offers.
///
/// `#[tool]` implements it for you; implement it by hand for tools whose
/// name or schema is only known at run time. The trait is object safe:
/// servers hold `Arc<dyn Tool>`.
///
/// ```
/// use claude_agent_mcp::{McpServer, SchemaError, Tool, ToolContext, ToolResult};
/// use claude_agent_mcp::schema::JsonObject;
/// use futures::future::BoxFuture;
/// use serde_json::json;
///
/// struct Echo;
///
/// impl Tool for Echo {
///     fn name(&self) -> &str { "echo" }
///     fn description(&self) -> Option<&str> { Some("Echoes its input.") }
///     fn input_schema(&self) -> Result<JsonObject, SchemaError> {
///         let schema = json!({"type": "object", "properties": {"text": {"type": "string"}}});
///         Ok(schema.as_object().cloned().unwrap_or_default())
///     }
///     fn call<'a>(&'a self, arguments: JsonObject, _ctx: ToolContext) -> BoxFuture<'a, ToolResult> {
///         Box::pin(async move {
///             match arguments.get("text").and_then(|t| t.as_str()) {
///                 Some(text) => ToolResult::text(text),
///                 None => ToolResult::error("`text` is missing"),
///             }
///         })
///     }
/// }
///
/// let server = McpServer::new("echo").tool(Echo);
/// assert_eq!(server.tool_names().collect::<Vec<_>>(), ["echo"]);
/// ```
pub trait Tool: Send + Sync + 'static {
    /// The tool's name (`[A-Za-z0-9_-]{1,64}`).
    fn name(&self) -> &str;

    /// What the tool does, for the model.
    fn description(&self) -> Option<&str> {
        None
    }

    /// A human-readable title.
    fn title(&self) -> Option<&str> {
        None
    }

    /// The JSON schema of the tool's input; see [`crate::schema`].
    fn input_schema(&self) -> Result<JsonObject, SchemaError>;

    /// The JSON schema of the tool's structured output, if it has one. Its
    /// root must be `"type": "object"` (MCP allows no other), and the
    /// tool's structured content must then be an object of that schema.
    fn output_schema(&self) -> Result<Option<JsonObject>, SchemaError> {
        Ok(None)
    }

    /// Hints about the tool's behaviour.
    fn annotations(&self) -> ToolAnnotations {
        ToolAnnotations::default()
    }

    /// The tool's `_meta` (for example `anthropic/maxResultSizeChars`).
    fn meta(&self) -> Option<JsonObject> {
        None
    }

    /// Runs the tool. Failures are results with `isError: true` (see
    /// [`ToolResult::error`]); input that does not match the schema should
    /// be one too, naming the field.
    fn call<'a>(&'a self, arguments: JsonObject, ctx: ToolContext) -> BoxFuture<'a, ToolResult>;
}

/// Several tools that share state: what `#[tools]` implements for the type
/// of an `impl` block. Pass the state (or an `Arc` of it) to
/// [`McpServer::tools`](crate::McpServer::tools).
pub trait ToolSet {
    /// The tools, each holding a share of the state.
    fn into_tools(self) -> Vec<Arc<dyn Tool>>;
}

/// A type whose tools are methods on `&self`: `#[tools]` implements it, and
/// [`ToolSet`] follows for both the type and `Arc` of it.
pub trait SharedTools: Send + Sync + 'static {
    /// The tools, each holding a clone of `self`.
    fn shared_tools(self: Arc<Self>) -> Vec<Arc<dyn Tool>>;
}

impl<T: SharedTools> ToolSet for Arc<T> {
    fn into_tools(self) -> Vec<Arc<dyn Tool>> {
        self.shared_tools()
    }
}

impl ToolSet for Vec<Arc<dyn Tool>> {
    fn into_tools(self) -> Vec<Arc<dyn Tool>> {
        self
    }
}

/// Hints about a tool's behaviour, for the client (MCP tool annotations).
///
/// ```
/// use claude_agent_mcp::ToolAnnotations;
/// let hints = ToolAnnotations::new().read_only(true).open_world(false);
/// assert_eq!(hints.is_read_only(), Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct ToolAnnotations {
    title: Option<String>,
    read_only: Option<bool>,
    destructive: Option<bool>,
    idempotent: Option<bool>,
    open_world: Option<bool>,
}

impl ToolAnnotations {
    /// No hints.
    pub fn new() -> Self {
        Self::default()
    }

    /// A human-readable title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The tool does not change its environment.
    pub fn read_only(mut self, value: bool) -> Self {
        self.read_only = Some(value);
        self
    }

    /// The tool may destroy data (meaningful when not read-only).
    pub fn destructive(mut self, value: bool) -> Self {
        self.destructive = Some(value);
        self
    }

    /// Calling the tool twice with the same input has no extra effect.
    pub fn idempotent(mut self, value: bool) -> Self {
        self.idempotent = Some(value);
        self
    }

    /// The tool talks to the outside world (the web, say).
    pub fn open_world(mut self, value: bool) -> Self {
        self.open_world = Some(value);
        self
    }

    /// The read-only hint, if set.
    #[must_use]
    pub fn is_read_only(&self) -> Option<bool> {
        self.read_only
    }

    /// Whether no hint is set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The annotations as MCP puts them on the wire.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let mut value = json!({});
        let fields = [
            ("title", self.title.clone().map(Value::String)),
            ("readOnlyHint", self.read_only.map(Value::Bool)),
            ("destructiveHint", self.destructive.map(Value::Bool)),
            ("idempotentHint", self.idempotent.map(Value::Bool)),
            ("openWorldHint", self.open_world.map(Value::Bool)),
        ];
        for (key, field) in fields {
            if let Some(field) = field {
                value[key] = field;
            }
        }
        value
    }
}
