//! [`McpServer`]: a named set of tools, served in-process or standalone.

use std::fmt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use serde_json::{Value, json};

use crate::command::{Command, CommandArgument};
use crate::context::ToolContext;
use crate::error::Error;
use crate::names::{
    validate_command_name, validate_qualified_name, validate_server_name, validate_tool_name,
};
use crate::result::ToolResult;
use crate::schema::{JsonObject, check_input_schema, check_output_schema};
use crate::tool::{Tool, ToolSet};

/// An MCP server: a name, a version, tools, and slash commands (served as
/// MCP prompts).
///
/// Build it once; add it to a Claude session (with the `claude-agent-sdk`
/// crate's `ClaudeAgentOptionsBuilder::mcp_server`) or serve it standalone
/// with [`serve_stdio`](Self::serve_stdio) or `serve_http` (feature `http`).
/// Cloning is cheap: tools are shared.
///
/// ```
/// use claude_agent_mcp::{McpServer, tool};
///
/// /// Add two numbers.
/// #[tool]
/// async fn add(a: i64, b: i64) -> String {
///     (a + b).to_string()
/// }
///
/// let calc = McpServer::new("calc").version("1.0.0").tool(add);
/// assert_eq!(calc.tool_names().collect::<Vec<_>>(), ["add"]);
/// ```
#[derive(Clone)]
#[must_use]
pub struct McpServer {
    name: String,
    version: String,
    title: Option<String>,
    instructions: Option<String>,
    tools: Vec<Registered>,
    commands: Vec<RegisteredCommand>,
}

/// A slash command with its declared arguments, read once.
#[derive(Clone)]
pub(crate) struct RegisteredCommand {
    pub(crate) command: Arc<dyn Command>,
    pub(crate) arguments: Vec<CommandArgument>,
}

/// A tool with its definition, computed (and checked) once.
#[derive(Clone)]
pub(crate) struct Registered {
    pub(crate) tool: Arc<dyn Tool>,
    pub(crate) definition: Value,
}

impl McpServer {
    /// A server named `name`, with version `0.0.0` and no tools.
    ///
    /// The name is part of every tool's name as Claude sees it
    /// (`mcp__<name>__<tool>`), so keep it short.
    ///
    /// # Panics
    ///
    /// If `name` is not 1 to 64 characters from `[A-Za-z0-9_-]`.
    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        if let Err(err) = validate_server_name(&name) {
            panic!("{err}");
        }
        Self {
            name,
            version: "0.0.0".to_owned(),
            title: None,
            instructions: None,
            tools: Vec::new(),
            commands: Vec::new(),
        }
    }

    /// The version reported to clients (`serverInfo.version`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// A human-readable title (`serverInfo.title`).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Instructions for the client about how to use the server's tools.
    pub fn instructions(mut self, instructions: impl Into<String>) -> Self {
        self.instructions = Some(instructions.into());
        self
    }

    /// Adds a tool.
    ///
    /// # Panics
    ///
    /// If the tool breaks a rule [`try_tool`](Self::try_tool) checks; the
    /// message says which.
    #[track_caller]
    pub fn tool(self, tool: impl Tool) -> Self {
        self.try_tool(tool).unwrap_or_else(|err| panic!("{err}"))
    }

    /// Adds a tool, or says why it cannot be added: another tool has its
    /// name, the name is invalid, `mcp__<server>__<tool>` is longer than 64
    /// characters, or a schema breaks the [schema policy](crate::schema).
    pub fn try_tool(mut self, tool: impl Tool) -> Result<Self, Error> {
        self.register(Arc::new(tool))?;
        Ok(self)
    }

    /// Adds every tool of a [`ToolSet`] (a type with a `#[tools]` impl, or
    /// an `Arc` of one).
    ///
    /// # Panics
    ///
    /// Like [`tool`](Self::tool), for each tool.
    #[track_caller]
    pub fn tools(self, set: impl ToolSet) -> Self {
        self.try_tools(set).unwrap_or_else(|err| panic!("{err}"))
    }

    /// Adds every tool of a [`ToolSet`], or says why one cannot be added.
    pub fn try_tools(mut self, set: impl ToolSet) -> Result<Self, Error> {
        for tool in set.into_tools() {
            self.register(tool)?;
        }
        Ok(self)
    }

    fn register(&mut self, tool: Arc<dyn Tool>) -> Result<(), Error> {
        let name = tool.name().to_owned();
        validate_tool_name(&name)?;
        validate_qualified_name(&self.name, &name)?;
        if self.tools.iter().any(|r| r.tool.name() == name) {
            return Err(Error::DuplicateTool {
                server: self.name.clone(),
                tool: name,
            });
        }
        let definition = definition(tool.as_ref())?;
        self.tools.push(Registered { tool, definition });
        Ok(())
    }

    /// Adds a slash command, served as an MCP prompt of the same name.
    ///
    /// Claude Code offers the prompts of its stdio and HTTP servers as
    /// slash commands, `/mcp__<server>__<command> args`: it splits the
    /// arguments on whitespace, assigns them to the declared arguments in
    /// order, checks that required ones are there, and asks the server for
    /// the prompt. What the command returns is then sent to the model:
    ///
    /// - a [`Prompt`](crate::Prompt) as a `user` message;
    /// - a [`Reply`](crate::Reply) as an `assistant` message (Claude Code
    ///   sends the text of every message of a prompt to the model, so a
    ///   local command cannot stay local there);
    /// - a failure as a JSON-RPC error, which Claude Code shows to the user
    ///   without asking the model.
    ///
    /// (The CLI never asks in-process `sdk` servers for prompts: serve the
    /// server standalone, with [`serve_stdio`](Self::serve_stdio) or
    /// `serve_http`, for its commands to appear in Claude Code.)
    ///
    /// ```
    /// use claude_agent_mcp::{McpServer, PromptTemplate};
    ///
    /// let server = McpServer::new("notes")
    ///     .slash_command(PromptTemplate::new("summarize", "Summarize $ARGUMENTS"));
    /// assert_eq!(server.command_names().collect::<Vec<_>>(), ["summarize"]);
    /// ```
    ///
    /// # Panics
    ///
    /// If the name is invalid or another command has it; see
    /// [`try_slash_command`](Self::try_slash_command).
    #[track_caller]
    pub fn slash_command(self, command: impl Command) -> Self {
        self.try_slash_command(command)
            .unwrap_or_else(|err| panic!("{err}"))
    }

    /// Adds a slash command, or says why it cannot be added: its name is not
    /// 1 to 64 characters from `[A-Za-z0-9_-]`, or another command has it.
    pub fn try_slash_command(mut self, command: impl Command) -> Result<Self, Error> {
        let name = command.name().to_owned();
        validate_command_name(&name)?;
        if self.commands.iter().any(|c| c.command.name() == name) {
            return Err(Error::DuplicateCommand {
                server: self.name.clone(),
                command: name,
            });
        }
        let arguments = command.arguments();
        self.commands.push(RegisteredCommand {
            command: Arc::new(command),
            arguments,
        });
        Ok(self)
    }

    /// The names of the slash commands, in the order they were added.
    pub fn command_names(&self) -> impl Iterator<Item = &str> {
        self.commands.iter().map(|c| c.command.name())
    }

    /// The slash commands as `prompts/list` describes them (`name`,
    /// `description`, `arguments`), in the order they were added.
    #[must_use]
    pub fn prompt_definitions(&self) -> Vec<Value> {
        self.commands.iter().map(prompt_definition).collect()
    }

    pub(crate) fn commands(&self) -> &[RegisteredCommand] {
        &self.commands
    }

    /// The server's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The server's version.
    #[must_use]
    pub fn server_version(&self) -> &str {
        &self.version
    }

    /// The server's instructions, if any.
    #[must_use]
    pub fn server_instructions(&self) -> Option<&str> {
        self.instructions.as_deref()
    }

    /// The names of the tools, in the order they were added.
    pub fn tool_names(&self) -> impl Iterator<Item = &str> {
        self.tools.iter().map(|r| r.tool.name())
    }

    /// The names Claude sees for the tools, `mcp__<server>__<tool>`: what
    /// to allow with `allowed_tools`.
    ///
    /// ```
    /// use claude_agent_mcp::{McpServer, tool};
    ///
    /// #[tool]
    /// async fn add(a: i64, b: i64) -> String { (a + b).to_string() }
    ///
    /// assert_eq!(McpServer::new("calc").tool(add).qualified_tool_names(), ["mcp__calc__add"]);
    /// ```
    #[must_use]
    pub fn qualified_tool_names(&self) -> Vec<String> {
        self.tool_names()
            .map(|tool| crate::names::qualified_tool_name(&self.name, tool))
            .collect()
    }

    /// The tools as `tools/list` describes them (`name`, `description`,
    /// `inputSchema`, ...), in the order they were added.
    #[must_use]
    pub fn tool_definitions(&self) -> Vec<Value> {
        self.tools.iter().map(|r| r.definition.clone()).collect()
    }

    /// Calls a tool directly, as a client would (input checked, panics
    /// caught). `None` if there is no tool with that name.
    ///
    /// ```
    /// use claude_agent_mcp::{McpServer, ToolContext, tool};
    /// use serde_json::json;
    ///
    /// #[tool]
    /// async fn add(a: i64, b: i64) -> String { (a + b).to_string() }
    ///
    /// # tokio_test_block_on(async {
    /// let calc = McpServer::new("calc").tool(add);
    /// let ok = calc.call_tool("add", json!({"a": 40, "b": 2}), ToolContext::detached()).await.unwrap();
    /// assert_eq!(ok.text_content(), "42");
    /// let bad = calc.call_tool("add", json!({"a": "x", "b": 2}), ToolContext::detached()).await.unwrap();
    /// assert!(bad.is_error());
    /// # });
    /// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
    /// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    /// # }
    /// ```
    pub async fn call_tool(
        &self,
        name: &str,
        arguments: Value,
        ctx: ToolContext,
    ) -> Option<ToolResult> {
        let tool = self.find(name)?;
        let arguments = match arguments {
            Value::Object(map) => map,
            Value::Null => JsonObject::new(),
            other => {
                return Some(ToolResult::error(format!(
                    "the arguments of `{name}` must be an object, not {other}"
                )));
            }
        };
        Some(run(tool, arguments, ctx).await)
    }

    pub(crate) fn find(&self, name: &str) -> Option<&Arc<dyn Tool>> {
        self.tools
            .iter()
            .find(|r| r.tool.name() == name)
            .map(|r| &r.tool)
    }

    pub(crate) fn registered(&self) -> &[Registered] {
        &self.tools
    }

    pub(crate) fn title_ref(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

/// Runs a tool; a panic becomes an error result.
pub(crate) async fn run(
    tool: &Arc<dyn Tool>,
    arguments: JsonObject,
    ctx: ToolContext,
) -> ToolResult {
    // `call` runs inside the caught future, so that a hand-written tool
    // panicking before it returns its future is caught too.
    match AssertUnwindSafe(async move { tool.call(arguments, ctx).await })
        .catch_unwind()
        .await
    {
        Ok(result) => result,
        Err(panic) => {
            let message = crate::panic_message::panic_message(panic.as_ref());
            tracing::error!(tool = tool.name(), %message, "tool panicked");
            ToolResult::error(format!("the tool `{}` panicked: {message}", tool.name()))
        }
    }
}

fn definition(tool: &dyn Tool) -> Result<Value, Error> {
    let name = tool.name();
    let schema_error = |which, source| Error::Schema {
        tool: name.to_owned(),
        which,
        source,
    };
    let input = tool
        .input_schema()
        .and_then(|schema| check_input_schema(&schema).map(|()| schema))
        .map_err(|e| schema_error("input", e))?;
    let mut value = json!({"name": name, "inputSchema": input});
    if let Some(title) = tool.title() {
        value["title"] = json!(title);
    }
    if let Some(description) = tool.description() {
        value["description"] = json!(description);
    }
    if let Some(output) = tool
        .output_schema()
        .and_then(|schema| match schema {
            Some(schema) => check_output_schema(&schema).map(|()| Some(schema)),
            None => Ok(None),
        })
        .map_err(|e| schema_error("output", e))?
    {
        value["outputSchema"] = Value::Object(output);
    }
    let annotations = tool.annotations();
    if !annotations.is_empty() {
        value["annotations"] = annotations.to_value();
    }
    if let Some(meta) = tool.meta() {
        value["_meta"] = Value::Object(meta);
    }
    Ok(value)
}

fn prompt_definition(registered: &RegisteredCommand) -> Value {
    let mut value = json!({"name": registered.command.name()});
    if let Some(description) = registered.command.description() {
        value["description"] = json!(description);
    }
    if !registered.arguments.is_empty() {
        let arguments: Vec<Value> = registered
            .arguments
            .iter()
            .map(|argument| {
                let mut value =
                    json!({"name": argument.name(), "required": argument.is_required()});
                if let Some(description) = argument.description_text() {
                    value["description"] = json!(description);
                }
                value
            })
            .collect();
        value["arguments"] = Value::Array(arguments);
    }
    value
}

impl fmt::Debug for McpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("McpServer")
            .field("name", &self.name)
            .field("version", &self.version)
            .field("tools", &self.tool_names().collect::<Vec<_>>())
            .field("commands", &self.command_names().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use futures::future::BoxFuture;

    use super::*;
    use crate::error::SchemaError;

    /// A hand-written tool with a chosen output schema, which panics before
    /// it returns its future.
    struct Odd {
        output: Option<Value>,
    }

    impl Tool for Odd {
        fn name(&self) -> &str {
            "odd"
        }

        fn input_schema(&self) -> Result<JsonObject, SchemaError> {
            Ok(json!({"type": "object"})
                .as_object()
                .cloned()
                .unwrap_or_default())
        }

        fn output_schema(&self) -> Result<Option<JsonObject>, SchemaError> {
            Ok(self.output.as_ref().and_then(Value::as_object).cloned())
        }

        fn call<'a>(&'a self, _: JsonObject, _: ToolContext) -> BoxFuture<'a, ToolResult> {
            panic!("no future")
        }
    }

    #[test]
    fn output_schemas_must_be_objects() {
        let array = Odd {
            output: Some(json!({"type": "array"})),
        };
        let err = McpServer::new("s").try_tool(array).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Schema {
                    which: "output",
                    ..
                }
            ),
            "{err}"
        );
        let object = Odd {
            output: Some(json!({"type": "object"})),
        };
        let server = McpServer::new("s").try_tool(object).unwrap();
        assert_eq!(
            server.tool_definitions()[0]["outputSchema"],
            json!({"type": "object"})
        );
    }

    #[tokio::test]
    async fn a_panic_before_the_future_is_an_error_result() {
        let server = McpServer::new("s").tool(Odd { output: None });
        let result = server
            .call_tool("odd", json!({}), ToolContext::detached())
            .await
            .unwrap();
        assert!(result.is_error());
        assert_eq!(result.text_content(), "the tool `odd` panicked: no future");
    }
}
