//! Tool results: [`ToolResult`], the [`IntoToolResult`] conversions a tool's
//! return type goes through, and [`Json`] for structured output.

use std::borrow::Cow;
use std::fmt::Display;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use crate::content::{Content, Image, ResourceLink};
use crate::error::SchemaError;
use crate::schema::{JsonObject, output_schema_for};

/// The result of one tool call, as the model will see it.
///
/// A failed call is a result too, with [`is_error`](Self::is_error) set: the
/// model reads the message and can react (retry, fix its input, give up).
///
/// ```
/// use claude_agent_mcp::ToolResult;
///
/// let ok = ToolResult::text("42");
/// let failed = ToolResult::error("division by zero");
/// assert!(!ok.is_error() && failed.is_error());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[must_use]
pub struct ToolResult {
    content: Vec<Content>,
    structured: Option<Value>,
    is_error: bool,
    meta: Option<JsonObject>,
}

impl ToolResult {
    /// A result with these content blocks.
    pub fn new(content: impl IntoIterator<Item = Content>) -> Self {
        Self {
            content: content.into_iter().collect(),
            ..Self::default()
        }
    }

    /// A result with one text block.
    pub fn text(text: impl Into<String>) -> Self {
        Self::new([Content::Text(text.into())])
    }

    /// A failed call: `isError: true` with the message as text.
    pub fn error(message: impl Into<String>) -> Self {
        Self::text(message).into_error()
    }

    /// Structured content: `value` as `structuredContent`, plus its JSON
    /// text as content (for clients that only read content).
    ///
    /// MCP requires structured content to be a JSON object: any other value
    /// (an array, a number, `null`, ...) is sent as JSON text only.
    ///
    /// ```
    /// use claude_agent_mcp::ToolResult;
    /// use serde_json::json;
    ///
    /// let object = ToolResult::structured(json!({"total": 42}));
    /// assert_eq!(object.structured_content(), Some(&json!({"total": 42})));
    /// let array = ToolResult::structured(json!([1, 2]));
    /// assert_eq!(array.structured_content(), None);
    /// assert_eq!(array.text_content(), "[1,2]");
    /// ```
    pub fn structured(value: Value) -> Self {
        let text = value.to_string();
        Self {
            content: vec![Content::Text(text)],
            structured: value.is_object().then_some(value),
            ..Self::default()
        }
    }

    /// Marks the result as a failed call.
    pub fn into_error(mut self) -> Self {
        self.is_error = true;
        self
    }

    /// Adds a content block.
    pub fn with_content(mut self, content: impl Into<Content>) -> Self {
        self.content.push(content.into());
        self
    }

    /// Sets the result's `_meta`.
    pub fn with_meta(mut self, meta: JsonObject) -> Self {
        self.meta = Some(meta);
        self
    }

    /// Whether the call failed.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.is_error
    }

    /// The content blocks.
    #[must_use]
    pub fn content(&self) -> &[Content] {
        &self.content
    }

    /// The structured content, if any (always a JSON object).
    #[must_use]
    pub fn structured_content(&self) -> Option<&Value> {
        self.structured.as_ref()
    }

    /// The text of every text block, joined with newlines.
    #[must_use]
    pub fn text_content(&self) -> String {
        self.content
            .iter()
            .filter_map(|c| match c {
                Content::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The result as MCP puts it on the wire (a `CallToolResult`).
    #[must_use]
    pub fn to_value(&self) -> Value {
        let mut value = json!({
            "content": self.content.iter().map(Content::to_value).collect::<Vec<_>>(),
            "isError": self.is_error,
        });
        if let Some(structured) = &self.structured {
            value["structuredContent"] = structured.clone();
        }
        if let Some(meta) = &self.meta {
            value["_meta"] = Value::Object(meta.clone());
        }
        value
    }
}

/// Structured output: the value is sent as `structuredContent` (and as JSON
/// text), and the tool declares `T`'s schema as its output schema.
///
/// MCP requires both to be objects, so only a `T` that serializes to a JSON
/// object (a struct, a map) gives structured output. Any other value (a
/// `Vec`, a number, an enum, ...) is sent as JSON text only, and its tool
/// declares no output schema: wrap it in a struct for structured output.
///
/// Claude Code shows the model the structured content *instead of* the text
/// when a result has both, so return `Json` only when JSON is what the model
/// should read.
///
/// ```
/// use claude_agent_mcp::{IntoToolResult, Json};
///
/// #[derive(serde::Serialize, schemars::JsonSchema)]
/// struct Sum { total: i64 }
///
/// let result = Json(Sum { total: 42 }).into_tool_result();
/// assert_eq!(result.structured_content().unwrap()["total"], 42);
/// assert_eq!(result.text_content(), r#"{"total":42}"#);
///
/// let list = Json(vec![1, 2]).into_tool_result();
/// assert_eq!(list.structured_content(), None);
/// assert_eq!(list.text_content(), "[1,2]");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

/// Anything a tool can return.
///
/// Implemented for text (`String`, `&'static str`, `Cow<'static, str>`),
/// [`Json<T>`] (structured output), [`Content`], `Vec<Content>`, [`Image`],
/// [`ResourceLink`], [`ToolResult`], `()` (no content) and
/// `Result<T, E>` where `T: IntoToolResult` and `E: Display`: an `Err`
/// becomes a result with `isError: true` and the error's message, which the
/// model reads.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned from a tool",
    label = "this type does not implement `IntoToolResult`",
    note = "return a `String`, `Json<T>`, `Content`, `Vec<Content>`, `ToolResult`, or a `Result<T, E>` of one of these with `E: Display`"
)]
pub trait IntoToolResult {
    /// Converts the value into a tool result.
    fn into_tool_result(self) -> ToolResult;

    /// The output schema results of this type conform to, if they carry
    /// structured content (only [`Json`] does).
    fn output_schema() -> Result<Option<JsonObject>, SchemaError>
    where
        Self: Sized,
    {
        Ok(None)
    }
}

impl IntoToolResult for ToolResult {
    fn into_tool_result(self) -> ToolResult {
        self
    }
}

impl IntoToolResult for String {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::text(self)
    }
}

impl IntoToolResult for &'static str {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::text(self)
    }
}

impl IntoToolResult for Cow<'static, str> {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::text(self.into_owned())
    }
}

impl IntoToolResult for Content {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::new([self])
    }
}

impl IntoToolResult for Vec<Content> {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::new(self)
    }
}

impl IntoToolResult for Image {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::new([Content::Image(self)])
    }
}

impl IntoToolResult for ResourceLink {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::new([Content::ResourceLink(self)])
    }
}

impl IntoToolResult for () {
    fn into_tool_result(self) -> ToolResult {
        ToolResult::default()
    }
}

impl<T: Serialize + JsonSchema> IntoToolResult for Json<T> {
    fn into_tool_result(self) -> ToolResult {
        match serde_json::to_value(&self.0) {
            Ok(value) => ToolResult::structured(value),
            Err(err) => {
                ToolResult::error(format!("the tool's result could not be serialized: {err}"))
            }
        }
    }

    fn output_schema() -> Result<Option<JsonObject>, SchemaError> {
        output_schema_for::<T>()
    }
}

impl<T: IntoToolResult, E: Display> IntoToolResult for Result<T, E> {
    fn into_tool_result(self) -> ToolResult {
        match self {
            Ok(value) => value.into_tool_result(),
            Err(err) => ToolResult::error(err.to_string()),
        }
    }

    fn output_schema() -> Result<Option<JsonObject>, SchemaError> {
        T::output_schema()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, JsonSchema)]
    struct Hit {
        title: String,
    }

    #[test]
    fn errors_become_is_error_results_with_the_message() {
        let result: Result<String, std::io::Error> = Err(std::io::Error::other("disk on fire"));
        let result = result.into_tool_result();
        assert!(result.is_error());
        assert_eq!(
            result.to_value(),
            json!({"content": [{"type": "text", "text": "disk on fire"}], "isError": true})
        );
    }

    #[test]
    fn json_results_are_structured_with_a_text_copy_and_an_output_schema() {
        let result = Json(Hit { title: "x".into() }).into_tool_result();
        assert_eq!(
            result.to_value(),
            json!({
                "content": [{"type": "text", "text": "{\"title\":\"x\"}"}],
                "isError": false,
                "structuredContent": {"title": "x"}
            })
        );
        let schema = <Result<Json<Hit>, String>>::output_schema()
            .unwrap()
            .unwrap();
        assert_eq!(schema["type"], "object");
        assert!(<Json<Vec<Hit>>>::output_schema().unwrap().is_none());
        assert!(String::output_schema().unwrap().is_none());
    }

    #[test]
    fn json_results_that_are_not_objects_are_text_only_without_an_output_schema() {
        let hits = Json(vec![Hit { title: "x".into() }]).into_tool_result();
        assert_eq!(
            hits.to_value(),
            json!({
                "content": [{"type": "text", "text": "[{\"title\":\"x\"}]"}],
                "isError": false
            })
        );
        assert_eq!(hits.structured_content(), None);
        let number = Json(42_i64).into_tool_result();
        assert_eq!(number.text_content(), "42");
        assert_eq!(number.structured_content(), None);
        let nothing = Json(None::<Hit>).into_tool_result();
        assert_eq!(nothing.text_content(), "null");
        assert_eq!(nothing.structured_content(), None);
        assert!(<Json<i64>>::output_schema().unwrap().is_none());
        assert!(<Json<Option<Hit>>>::output_schema().unwrap().is_none());
        assert!(<Json<Value>>::output_schema().unwrap().is_none());
        // Any value that is an object is structured, schema or not.
        let object = Json(json!({"a": 1})).into_tool_result();
        assert_eq!(object.to_value()["structuredContent"], json!({"a": 1}));
    }

    #[test]
    fn structured_keeps_only_objects_as_structured_content() {
        assert_eq!(
            ToolResult::structured(json!({"a": 1})).structured_content(),
            Some(&json!({"a": 1}))
        );
        for value in [json!([1]), json!(1), json!("a"), json!(true), Value::Null] {
            let result = ToolResult::structured(value.clone());
            assert_eq!(result.structured_content(), None, "{value}");
            assert!(result.to_value().get("structuredContent").is_none());
            assert_eq!(result.text_content(), value.to_string());
        }
    }
}
