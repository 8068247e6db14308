//! Reading the JSON shapes of Messages API requests: roles, text blocks and
//! tool results. Shared by the directive engine and the request recorder.

use serde_json::Value;

/// The `role` of a message, if it has one.
pub(super) fn role(message: &Value) -> Option<&str> {
    message.get("role").and_then(Value::as_str)
}

/// The `type` of a content block, if it has one.
pub(super) fn block_type(block: &Value) -> Option<&str> {
    block.get("type").and_then(Value::as_str)
}

/// The content blocks of a message (empty for string or missing content).
pub(super) fn blocks(message: &Value) -> &[Value] {
    match message.get("content") {
        Some(Value::Array(blocks)) => blocks,
        _ => &[],
    }
}

/// The texts of a message's content: the content itself when it is a string,
/// else each `text` block's text, in order. Other blocks are skipped.
pub(super) fn texts(message: &Value) -> impl Iterator<Item = &str> {
    content_texts(message.get("content").unwrap_or(&Value::Null))
}

/// The texts of a `content` value (or of a `system` prompt, which has the
/// same shape): itself when it is a string, else its `text` blocks' texts.
fn content_texts(content: &Value) -> impl Iterator<Item = &str> {
    let (whole, blocks) = match content {
        Value::String(text) => (Some(text.as_str()), &[][..]),
        Value::Array(blocks) => (None, blocks.as_slice()),
        _ => (None, &[][..]),
    };
    whole.into_iter().chain(block_texts(blocks))
}

/// The texts of a `content` value joined with `"\n"`, or `None` without text.
pub(super) fn content_text(content: &Value) -> Option<String> {
    join(content_texts(content))
}

/// The text of every `text` block, in order.
fn block_texts(blocks: &[Value]) -> impl Iterator<Item = &str> {
    blocks.iter().filter_map(|block| {
        if block_type(block) == Some("text") {
            block.get("text").and_then(Value::as_str)
        } else {
            None
        }
    })
}

/// Texts joined with `"\n"`, or `None` when there is none.
fn join<'a>(mut texts: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut joined = texts.next()?.to_owned();
    for text in texts {
        joined.push('\n');
        joined.push_str(text);
    }
    Some(joined)
}

/// A message's texts joined with `"\n"`, or `None` when it has no text.
pub(super) fn joined_text(message: &Value) -> Option<String> {
    join(texts(message))
}

/// Whether the message contains at least one block of type `kind`.
pub(super) fn has_block(message: &Value, kind: &str) -> bool {
    blocks(message).iter().any(|b| block_type(b) == Some(kind))
}

/// Every `tool_result` block of the message, in order.
pub(super) fn tool_result_blocks(message: &Value) -> impl Iterator<Item = &Value> {
    blocks(message)
        .iter()
        .filter(|b| block_type(b) == Some("tool_result"))
}

/// The text of a `tool_result` block: its string content, or its `text`
/// blocks joined with `"\n"` (empty when there is none).
pub(super) fn tool_result_text(block: &Value) -> String {
    match block.get("content") {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(blocks)) => join(block_texts(blocks)).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn texts_of_string_and_blocks() {
        let m = json!({"role": "user", "content": "hello"});
        assert_eq!(texts(&m).collect::<Vec<_>>(), ["hello"]);
        let m = json!({"role": "user", "content": [
            {"type": "text", "text": "a"},
            {"type": "tool_result", "tool_use_id": "x", "content": "r"},
            {"type": "text", "text": "b"}
        ]});
        assert_eq!(texts(&m).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(joined_text(&m).as_deref(), Some("a\nb"));
        assert_eq!(joined_text(&json!({"role": "user", "content": []})), None);
    }

    #[test]
    fn tool_result_text_forms() {
        assert_eq!(tool_result_text(&json!({"content": "hi"})), "hi");
        assert_eq!(
            tool_result_text(&json!({"content": [
                {"type": "text", "text": "1"},
                {"type": "image", "source": {}},
                {"type": "text", "text": "2"}
            ]})),
            "1\n2"
        );
        assert_eq!(tool_result_text(&json!({"tool_use_id": "x"})), "");
    }
}
