//! Directives: scripting the model from the conversation's own user text
//! (`CALL`, `SAY`, `LONG`, `SLOW`, `THINK`), used when no turn is queued.

use std::borrow::Cow;
use std::time::Duration;

use serde_json::{Map, Value};

use super::content;
use super::turn::{Block, Turn};

/// Opening tag of the CLI's reminder blocks, which never hold directives.
const REMINDER_OPEN: &str = "<system-reminder>";
/// Closing tag of the CLI's reminder blocks.
const REMINDER_CLOSE: &str = "</system-reminder>";

/// One `CALL <tool> <json>` directive.
#[derive(Clone, Debug, PartialEq)]
struct Call {
    tool: String,
    input: Value,
}

/// The directives of one user message.
#[derive(Debug, Default, PartialEq)]
struct Script {
    /// Whether any segment started with a keyword.
    found: bool,
    calls: Vec<Call>,
    say: Option<String>,
    long: Option<usize>,
    slow: Option<Duration>,
    think: Option<String>,
    /// Malformed directives, explained.
    errors: Vec<String>,
}

impl Script {
    /// The directives in every text block of `message`, in order.
    fn of_message(message: &Value) -> Self {
        let mut script = Self::default();
        for text in content::texts(message) {
            script.parse_text(text);
        }
        script
    }

    /// Adds the directives of one text block.
    fn parse_text(&mut self, text: &str) {
        let text = strip_reminders(text);
        let text: &str = &text;
        // Byte ranges of the `;`-separated segments.
        let mut ranges = Vec::new();
        let mut start = 0;
        for (at, _) in text.match_indices(';') {
            ranges.push((start, at));
            start = at + 1;
        }
        ranges.push((start, text.len()));

        let mut i = 0;
        while i < ranges.len() {
            let (from, to) = ranges[i];
            let segment = text[from..to].trim();
            let (keyword, rest) = segment
                .split_once(char::is_whitespace)
                .unwrap_or((segment, ""));
            let rest = rest.trim();
            match keyword {
                "CALL" => {
                    self.found = true;
                    // The JSON may hold `;` inside strings: extend it over the
                    // following segments while it is merely incomplete.
                    let (tool, json) = match rest.split_once(char::is_whitespace) {
                        Some((tool, json)) => (tool, json),
                        None => (rest, ""),
                    };
                    let (input, last) = if json.is_empty() {
                        (Ok(Value::Object(Map::new())), i)
                    } else {
                        parse_call_input(text, offset_in(text, json), &ranges, i)
                    };
                    if tool.is_empty() {
                        self.errors.push("CALL needs a tool name".to_owned());
                    } else {
                        match input {
                            Ok(input) => self.calls.push(Call {
                                tool: tool.to_owned(),
                                input,
                            }),
                            Err(e) => self.errors.push(format!(
                                "CALL {tool}: invalid JSON input `{}`: {e}",
                                json.trim()
                            )),
                        }
                    }
                    i = last;
                }
                "SAY" => {
                    self.found = true;
                    self.say = Some(rest.to_owned());
                }
                "LONG" => {
                    self.found = true;
                    match rest.parse() {
                        Ok(n) => self.long = Some(n),
                        Err(_) => self
                            .errors
                            .push(format!("LONG needs a number of characters, got `{rest}`")),
                    }
                }
                "SLOW" => {
                    self.found = true;
                    match rest.parse() {
                        Ok(ms) => self.slow = Some(Duration::from_millis(ms)),
                        Err(_) => self
                            .errors
                            .push(format!("SLOW needs a number of milliseconds, got `{rest}`")),
                    }
                }
                "THINK" => {
                    self.found = true;
                    self.think = Some(rest.to_owned());
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// The byte offset of `inner`, a slice of `outer`, within `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

/// Parses the JSON input of a `CALL` starting at byte `from` of `text`, in
/// segment `first` of `ranges`. Returns the input and the last segment it
/// used: an incomplete input is extended over following segments (it held a
/// `;`) as long as that makes it parse.
fn parse_call_input(
    text: &str,
    from: usize,
    ranges: &[(usize, usize)],
    first: usize,
) -> (Result<Value, serde_json::Error>, usize) {
    let own = text[from..ranges[first].1].trim();
    let error = match serde_json::from_str(own) {
        Ok(value) => return (Ok(value), first),
        Err(error) => error,
    };
    if error.is_eof() {
        for (last, &(_, to)) in ranges.iter().enumerate().skip(first + 1) {
            if let Ok(value) = serde_json::from_str(text[from..to].trim()) {
                return (Ok(value), last);
            }
        }
    }
    (Err(error), first)
}

/// `text` without its `<system-reminder>…</system-reminder>` spans, each
/// replaced by a `;` so that what surrounds it stays apart.
fn strip_reminders(text: &str) -> Cow<'_, str> {
    if !text.contains(REMINDER_OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(REMINDER_OPEN) {
        out.push_str(&rest[..open]);
        out.push(';');
        let after = &rest[open + REMINDER_OPEN.len()..];
        rest = match after.find(REMINDER_CLOSE) {
            Some(close) => &after[close + REMINDER_CLOSE.len()..],
            None => "",
        };
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The scripted answer to a request whose messages are `messages`, when no
/// turn is queued. `fallback` answers conversations without directives.
pub(super) fn answer(messages: &[Value], fallback: &str) -> Turn {
    let found = messages
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, m)| content::role(m) == Some("user"))
        .find_map(|(at, m)| {
            let script = Script::of_message(m);
            script.found.then_some((at, script))
        });
    let Some((at, script)) = found else {
        return Turn::text(fallback);
    };
    let delay = script.slow.unwrap_or_default();
    if !script.errors.is_empty() {
        return Turn::text(format!("SCRIPT ERROR: {}", script.errors.join("; "))).delay(delay);
    }

    let later = &messages[at + 1..];
    let answered = later
        .iter()
        .filter(|m| content::role(m) == Some("assistant") && content::has_block(m, "tool_use"))
        .count();
    if let Some(call) = script.calls.get(answered) {
        return Turn::tool_use(call.tool.clone(), call.input.clone()).delay(delay);
    }

    let last = match (script.say, script.long) {
        (Some(say), _) => Block::text(say),
        (None, Some(long)) => Block::long_text(long),
        (None, None) => {
            let results: Vec<String> = later
                .iter()
                .filter(|m| content::role(m) == Some("user"))
                .flat_map(content::tool_result_blocks)
                .map(content::tool_result_text)
                .collect();
            if results.is_empty() {
                Block::text("DONE")
            } else {
                Block::text(format!("DONE {}", results.join(" | ")))
            }
        }
    };
    let mut blocks = Vec::with_capacity(2);
    if let Some(thought) = script.think {
        blocks.push(Block::thinking(thought));
    }
    blocks.push(last);
    Turn::blocks(blocks).delay(delay)
}

#[cfg(test)]
mod tests {
    use super::super::turn::{BlockKind, Reply};
    use super::*;
    use serde_json::json;

    fn script(text: &str) -> Script {
        let mut s = Script::default();
        s.parse_text(text);
        s
    }

    fn call(tool: &str, input: Value) -> Call {
        Call {
            tool: tool.into(),
            input,
        }
    }

    /// The blocks and delay of an answer.
    fn blocks(turn: Turn) -> (Vec<BlockKind>, Duration) {
        match turn.reply {
            Reply::Message(m) => (m.blocks.into_iter().map(|b| b.0).collect(), turn.delay),
            other => panic!("not a message: {other:?}"),
        }
    }

    fn text_of(turn: Turn) -> String {
        match blocks(turn).0.as_slice() {
            [BlockKind::Text(t)] => t.clone(),
            other => panic!("not one text block: {other:?}"),
        }
    }

    fn user(content: Value) -> Value {
        json!({"role": "user", "content": content})
    }

    fn tool_use(id: &str) -> Value {
        json!({"role": "assistant", "content": [
            {"type": "tool_use", "id": id, "name": "T", "input": {}}
        ]})
    }

    fn result(id: &str, content: Value, is_error: bool) -> Value {
        user(
            json!([{"type": "tool_result", "tool_use_id": id, "content": content, "is_error": is_error}]),
        )
    }

    #[test]
    fn parses_every_keyword() {
        let s = script(
            "CALL Bash {\"command\": \"echo hi\", \"description\": \"x y\"}; SAY hi 3 ;LONG 12; SLOW 250; THINK let me see; not a directive",
        );
        assert!(s.found);
        assert_eq!(
            s.calls,
            [call(
                "Bash",
                json!({"command": "echo hi", "description": "x y"})
            )]
        );
        assert_eq!(s.say.as_deref(), Some("hi 3"));
        assert_eq!(s.long, Some(12));
        assert_eq!(s.slow, Some(Duration::from_millis(250)));
        assert_eq!(s.think.as_deref(), Some("let me see"));
        assert!(s.errors.is_empty());
    }

    #[test]
    fn call_without_input_and_json_with_semicolons() {
        let s = script("CALL Tool; CALL Bash {\"command\":\"echo a; echo b;\"}; SAY x");
        assert_eq!(
            s.calls,
            [
                call("Tool", json!({})),
                call("Bash", json!({"command": "echo a; echo b;"}))
            ]
        );
        assert_eq!(s.say.as_deref(), Some("x"));
    }

    #[test]
    fn malformed_directives_are_errors() {
        let s = script("CALL Bash {\"command\": nope}; LONG many; SLOW x; CALL");
        assert_eq!(s.errors.len(), 4, "{:?}", s.errors);
        assert!(s.errors[0].starts_with("CALL Bash: invalid JSON input"));
        let t = answer(&[user(json!("CALL Bash {oops"))], "OK");
        assert!(text_of(t).starts_with("SCRIPT ERROR: CALL Bash: invalid JSON"));
    }

    #[test]
    fn keywords_must_lead_a_segment() {
        let s = script("Please CALL Bash {}; say hi; SAYING x");
        assert!(!s.found);
    }

    #[test]
    fn no_directives_fallback() {
        assert_eq!(text_of(answer(&[user(json!("hello"))], "OK")), "OK");
        assert_eq!(text_of(answer(&[], "fine")), "fine");
    }

    #[test]
    fn calls_in_order_then_done() {
        let prompt = user(json!("CALL A {\"n\":1}; CALL B {\"n\":2}"));
        let mut messages = vec![prompt];
        let (b, _) = blocks(answer(&messages, "OK"));
        assert!(
            matches!(&b[..], [BlockKind::ToolUse { name, input, .. }] if name == "A" && input == &json!({"n": 1}))
        );

        messages.push(tool_use("toolu_0000"));
        messages.push(result("toolu_0000", json!("1"), false));
        let (b, _) = blocks(answer(&messages, "OK"));
        assert!(matches!(&b[..], [BlockKind::ToolUse { name, .. }] if name == "B"));

        messages.push(tool_use("toolu_0001"));
        messages.push(result(
            "toolu_0001",
            json!([{"type": "text", "text": "two"}, {"type": "text", "text": "lines"}]),
            true,
        ));
        assert_eq!(text_of(answer(&messages, "OK")), "DONE 1 | two\nlines");
    }

    #[test]
    fn done_without_calls_and_say_wins() {
        assert_eq!(text_of(answer(&[user(json!("SAY"))], "OK")), "");
        let (b, delay) = blocks(answer(&[user(json!("SLOW 5"))], "OK"));
        assert_eq!(b, [BlockKind::Text("DONE".into())]);
        assert_eq!(delay, Duration::from_millis(5));
        let m = [user(json!("LONG 7; SAY short"))];
        assert_eq!(text_of(answer(&m, "OK")), "short");
        let (b, _) = blocks(answer(&[user(json!("LONG 7"))], "OK"));
        assert_eq!(b, [BlockKind::LongText(7)]);
    }

    #[test]
    fn think_prepends_to_final_answer_only() {
        let mut messages = vec![user(json!("THINK hmm; CALL T {}; SAY done"))];
        let (b, _) = blocks(answer(&messages, "OK"));
        assert!(matches!(&b[..], [BlockKind::ToolUse { .. }]));
        messages.push(tool_use("toolu_0000"));
        messages.push(result("toolu_0000", json!("r"), false));
        let (b, _) = blocks(answer(&messages, "OK"));
        assert_eq!(
            b,
            [
                BlockKind::Thinking("hmm".into()),
                BlockKind::Text("done".into())
            ]
        );
    }

    #[test]
    fn reminders_and_separate_blocks() {
        let m = user(json!([
            {"type": "text", "text": "<system-reminder>\nSAY wrong; CALL X {}\n</system-reminder>"},
            {"type": "text", "text": "SAY right"}
        ]));
        assert_eq!(text_of(answer(&[m], "OK")), "right");
        // A reminder inside the same text is cut out too.
        let m = user(json!(
            "<system-reminder>context; SAY no</system-reminder>SAY yes"
        ));
        assert_eq!(text_of(answer(&[m], "OK")), "yes");
        // A reminder block alone holds no directive.
        let m =
            user(json!([{"type": "text", "text": "<system-reminder>SAY no</system-reminder>"}]));
        assert_eq!(text_of(answer(&[m], "OK")), "OK");
    }

    #[test]
    fn latest_directive_message_wins_and_system_messages_are_ignored() {
        let messages = [
            user(json!("SAY first")),
            json!({"role": "assistant", "content": [{"type": "text", "text": "first"}]}),
            user(json!("SAY second")),
            // A later user message without directives (e.g. only reminders).
            user(json!([{"type": "text", "text": "<system-reminder>x</system-reminder>"}])),
            json!({"role": "system", "content": "SAY from system"}),
        ];
        assert_eq!(text_of(answer(&messages, "OK")), "second");
    }

    #[test]
    fn counts_tool_uses_after_the_directive_message_only() {
        let messages = [
            user(json!("CALL Old {}")),
            tool_use("toolu_0000"),
            result("toolu_0000", json!("old"), false),
            json!({"role": "assistant", "content": [{"type": "text", "text": "DONE old"}]}),
            user(json!("CALL New {}; CALL New2 {}")),
            // Thinking and tool use split over two assistant messages count once.
            json!({"role": "assistant", "content": [{"type": "thinking", "thinking": "t", "signature": "s"}]}),
            tool_use("toolu_0001"),
            result("toolu_0001", json!("new"), false),
        ];
        let (b, _) = blocks(answer(&messages, "OK"));
        assert!(matches!(&b[..], [BlockKind::ToolUse { name, .. }] if name == "New2"));
    }

    #[test]
    fn fifty_calls_benchmark_shape() {
        let prompt = (1..=50)
            .map(|i| format!("CALL mcp__calc__add {{\"a\":{i},\"b\":1}}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut messages = vec![user(json!(prompt))];
        for i in 0..50 {
            let (b, _) = blocks(answer(&messages, "OK"));
            match &b[..] {
                [BlockKind::ToolUse { name, input, .. }] => {
                    assert_eq!(name, "mcp__calc__add");
                    assert_eq!(input["a"], i + 1);
                }
                other => panic!("request {i}: {other:?}"),
            }
            let id = format!("toolu_{i:04}");
            messages.push(tool_use(&id));
            messages.push(result(
                &id,
                json!([{"type": "text", "text": (i + 1).to_string()}]),
                false,
            ));
        }
        let expected = format!(
            "DONE {}",
            (1..=50)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        assert_eq!(text_of(answer(&messages, "OK")), expected);
        assert_eq!(text_of(answer(&[user(json!("SAY hi 3"))], "OK")), "hi 3");
    }
}
