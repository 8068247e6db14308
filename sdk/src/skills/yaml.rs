//! Reading the YAML of a front matter, strictly and the way the CLI
//! forgives it.
//!
//! Claude Code parses front matter with Bun's YAML parser. When that fails
//! it tries once more after quoting every `key: value` line whose plain value
//! holds a character YAML treats specially (`{}[]*&#!|>%@` and backquote, or
//! `": "`), and after turning leading tabs into two spaces each. If that
//! fails too, the skill loads with *every* field dropped.
//!
//! Before any parsing, a linear pre-scan refuses front matter larger than
//! [`MAX_FRONT_MATTER_BYTES`] or nested deeper than
//! [`MAX_FRONT_MATTER_DEPTH`]: YAML parsers take quadratic time (or worse)
//! on deeply nested input, and no real front matter comes near either
//! limit.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::error::FrontMatterLimit;

/// The largest front matter the SDK parses (64 KiB).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// How deeply the collections of a front matter may nest.
pub const MAX_FRONT_MATTER_DEPTH: usize = 32;

/// The outcome of reading a front matter's YAML.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum YamlOutcome {
    /// Valid YAML holding a mapping (or nothing at all).
    Mapping(Map<String, Value>),
    /// Not valid YAML, but the CLI's forgiving second pass reads it.
    Forgiven {
        /// What the second pass read.
        map: Map<String, Value>,
        /// The line of the strict parse error (1-based, within the file).
        line: Option<usize>,
        /// The strict parse error.
        message: String,
    },
    /// Not valid YAML even for the CLI: it drops every field.
    Invalid {
        /// The line of the error (1-based, within the file).
        line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// Valid YAML, but not a mapping (a list or a scalar).
    NotMapping {
        /// What it is instead.
        kind: &'static str,
    },
    /// Larger or deeper than the SDK parses: refused before parsing.
    Refused {
        /// The line where the limit was passed (1-based, within the file).
        line: usize,
        /// Which limit.
        limit: FrontMatterLimit,
    },
}

/// Reads `yaml`, the front matter that starts on line `first_line` of its
/// file.
pub(crate) fn read(yaml: &str, first_line: usize) -> YamlOutcome {
    if let Err((offset, limit)) = prescan(yaml) {
        return YamlOutcome::Refused {
            line: first_line + offset,
            limit,
        };
    }
    let normalized = yaml.replace("\r\n", "\n");
    match parse(&normalized) {
        Ok(value) => into_mapping(value).map_or_else(
            |kind| YamlOutcome::NotMapping { kind },
            YamlOutcome::Mapping,
        ),
        Err(strict) => {
            let (line, message) = located(&strict, first_line);
            let (forgiven, quoted) = forgive(&normalized);
            match parse(&forgiven).ok().map(into_mapping) {
                Some(Ok(map)) => YamlOutcome::Forgiven {
                    map,
                    // The line the CLI had to quote says more than where the
                    // parser gave up.
                    line: quoted.first().map(|i| first_line + i).or(line),
                    message,
                },
                _ => YamlOutcome::Invalid { line, message },
            }
        }
    }
}

/// Checks the size and nesting of `yaml` without parsing it, in one pass;
/// the error names the (0-based) line where a limit was passed.
///
/// Nesting counts block indentation levels, compact `- `/`? ` entries on a
/// line, and flow collections: a `[` or `{` opens one where a value starts
/// (or inside another flow collection); elsewhere it is text. Lines of
/// block scalars (`|`, `>`) are text. Quotes are not followed, so a quoted
/// value never hides brackets from the count.
fn prescan(yaml: &str) -> Result<(), (usize, FrontMatterLimit)> {
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        return Err((
            0,
            FrontMatterLimit::Size {
                bytes: yaml.len(),
                max: MAX_FRONT_MATTER_BYTES,
            },
        ));
    }
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut block_scalar: Option<usize> = None;
    for (index, line) in yaml.split('\n').enumerate() {
        let content = line.trim_start_matches([' ', '\t']);
        let indent: usize = line[..line.len() - content.len()]
            .chars()
            .map(|c| if c == '\t' { 2 } else { 1 })
            .sum();
        let content = content.trim_end();
        if let Some(parent) = block_scalar {
            if content.is_empty() || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        if flow == 0 {
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            while indents.last().is_some_and(|&last| last >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut depth = indents.len() + flow;
        let mut token_start = true;
        let mut previous = ' ';
        let mut code_end = content.len();
        let mut chars = content.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            match c {
                '#' if previous.is_whitespace() => {
                    code_end = at;
                    break;
                }
                '[' | '{' if token_start || flow > 0 => {
                    flow += 1;
                    depth += 1;
                }
                ']' | '}' if flow > 0 => {
                    flow -= 1;
                    depth = depth.saturating_sub(1);
                    token_start = false;
                }
                ',' if flow > 0 => token_start = true,
                ':' if next_is_space => token_start = true,
                '-' | '?' if token_start && flow == 0 && next_is_space => depth += 1,
                c if c.is_whitespace() => {}
                _ => token_start = false,
            }
            if depth > MAX_FRONT_MATTER_DEPTH {
                return Err((
                    index,
                    FrontMatterLimit::Depth {
                        max: MAX_FRONT_MATTER_DEPTH,
                    },
                ));
            }
            previous = c;
        }
        // `key: |`, `- >-`, `key: |2`: the more indented lines that follow
        // are text.
        let code = content[..code_end]
            .trim_end()
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
        if flow == 0
            && let Some(before) = code.strip_suffix(['|', '>'])
        {
            let before = before.trim_end();
            if before.is_empty() || before.ends_with([':', '-', '?']) {
                block_scalar = Some(indent);
            }
        }
    }
    Ok(())
}

fn parse(yaml: &str) -> Result<serde_norway::Value, serde_norway::Error> {
    if yaml.trim().is_empty() {
        return Ok(serde_norway::Value::Null);
    }
    serde_norway::from_str(yaml)
}

fn located(error: &serde_norway::Error, first_line: usize) -> (Option<usize>, String) {
    let line = error
        .location()
        .map(|location| first_line + location.line().saturating_sub(1));
    // The message repeats the position; the line number says it better.
    let message = error.to_string();
    let message = match message.split_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => message,
    };
    (line, message)
}

/// The CLI's forgiving rewrite (`2.1.330`): quote plain values that hold
/// YAML syntax, and expand leading tabs. Also returns the (0-based) lines it
/// quoted.
fn forgive(yaml: &str) -> (String, Vec<usize>) {
    let special =
        |value: &str| value.contains(": ") || value.chars().any(|c| "{}[]*&#!|>%@`".contains(c));
    let mut out = Vec::new();
    let mut quoted_lines = Vec::new();
    for (index, line) in yaml.split('\n').enumerate() {
        let rewritten = key_value(line).and_then(|(key, value)| {
            let quoted = (value.starts_with('"') && value.ends_with('"') && value.len() > 1)
                || (value.starts_with('\'') && value.ends_with('\'') && value.len() > 1);
            let flow_list = value.starts_with('[')
                && value.ends_with(']')
                && matches!(parse(value), Ok(serde_norway::Value::Sequence(_)));
            (!quoted && !flow_list && special(value)).then(|| {
                let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
                format!("{key}: \"{escaped}\"")
            })
        });
        if rewritten.is_some() {
            quoted_lines.push(index);
        }
        out.push(rewritten.unwrap_or_else(|| line.to_owned()));
    }
    let text = out
        .into_iter()
        .map(|line| {
            let tabs = line.len() - line.trim_start_matches('\t').len();
            format!("{}{}", "  ".repeat(tabs), &line[tabs..])
        })
        .collect::<Vec<_>>()
        .join("\n");
    (text, quoted_lines)
}

/// `^([a-zA-Z_-]+):\s+(\S.*)$` on one line.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once(':')?;
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-')
    {
        return None;
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let value = rest.trim_start();
    if value.is_empty() || value.contains('\r') {
        return None;
    }
    Some((key, value))
}

/// The top-level mapping, as JSON; `Err` names what it is instead.
fn into_mapping(value: serde_norway::Value) -> Result<Map<String, Value>, &'static str> {
    match untag(value) {
        serde_norway::Value::Null => Ok(Map::new()),
        serde_norway::Value::Mapping(mapping) => Ok(mapping
            .into_iter()
            .map(|(key, value)| (key_string(key), to_json(value)))
            .collect()),
        serde_norway::Value::Sequence(_) => Err("a list"),
        serde_norway::Value::String(_) => Err("a string"),
        serde_norway::Value::Number(_) => Err("a number"),
        serde_norway::Value::Bool(_) => Err("a boolean"),
        serde_norway::Value::Tagged(_) => Err("a tagged value"),
    }
}

fn untag(value: serde_norway::Value) -> serde_norway::Value {
    match value {
        serde_norway::Value::Tagged(tagged) => untag(tagged.value),
        other => other,
    }
}

/// A mapping key as JavaScript would name the property.
fn key_string(key: serde_norway::Value) -> String {
    match untag(key) {
        serde_norway::Value::String(s) => s,
        serde_norway::Value::Null => "null".to_owned(),
        serde_norway::Value::Bool(b) => b.to_string(),
        serde_norway::Value::Number(n) => n.to_string(),
        other => serde_norway::to_string(&other)
            .map(|s| s.trim().to_owned())
            .unwrap_or_default(),
    }
}

/// A YAML value as JSON: tags are dropped, keys become strings, and
/// non-finite numbers become strings.
pub(crate) fn to_json(value: serde_norway::Value) -> Value {
    match untag(value) {
        serde_norway::Value::Null => Value::Null,
        serde_norway::Value::Bool(b) => Value::Bool(b),
        serde_norway::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(n.to_string()), Value::Number)
            }
        }
        serde_norway::Value::String(s) => Value::String(s),
        serde_norway::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(to_json).collect())
        }
        serde_norway::Value::Mapping(mapping) => Value::Object(
            mapping
                .into_iter()
                .map(|(key, value)| (key_string(key), to_json(value)))
                .collect(),
        ),
        serde_norway::Value::Tagged(_) => Value::Null,
    }
}

/// The line (1-based, within the file) of every top-level key of `yaml`,
/// which starts on line `first_line`. Keys are found on lines that start
/// without indentation; the first occurrence of a key wins.
pub(crate) fn key_lines(yaml: &str, first_line: usize) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (offset, line) in yaml.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || "#-".contains(first) {
            continue;
        }
        let key = if let Some(rest) = line.strip_prefix('"') {
            rest.split_once('"').map(|(key, _)| key)
        } else if let Some(rest) = line.strip_prefix('\'') {
            rest.split_once('\'').map(|(key, _)| key)
        } else {
            line.split_once(':').map(|(key, _)| key.trim_end())
        };
        if let Some(key) = key {
            lines.entry(key.to_owned()).or_insert(first_line + offset);
        }
    }
    lines
}

/// Renders keys and values, in this order, as block YAML.
pub(crate) fn render(entries: &[(String, Value)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut mapping = serde_norway::Mapping::new();
    for (key, value) in entries {
        let value = serde_norway::to_value(value).unwrap_or(serde_norway::Value::Null);
        mapping.insert(serde_norway::Value::String(key.clone()), value);
    }
    serde_norway::to_string(&mapping).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_mapping_reads_as_json() {
        let outcome = read(
            "name: pdf\nallowed-tools: [Read, Grep]\nmetadata:\n  version: 1.0\n  tags: [a]\n",
            2,
        );
        let YamlOutcome::Mapping(map) = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(
            Value::Object(map),
            json!({"name": "pdf", "allowed-tools": ["Read", "Grep"],
                   "metadata": {"version": 1.0, "tags": ["a"]}})
        );
    }

    #[test]
    fn empty_front_matter_is_an_empty_mapping() {
        assert_eq!(read("", 2), YamlOutcome::Mapping(Map::new()));
        assert_eq!(
            read("# only a comment\n", 2),
            YamlOutcome::Mapping(Map::new())
        );
    }

    #[test]
    fn errors_point_at_the_file_line() {
        // Line 2 of the YAML is line 3 of the file.
        let outcome = read("name: x\ndescription: \"open\n", 2);
        let YamlOutcome::Invalid { line, message } = outcome else {
            panic!("{outcome:?}");
        };
        assert!(line.is_some_and(|l| (3..=4).contains(&l)), "{line:?}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn the_cli_forgives_unquoted_special_values() {
        // Observed: the CLI 2.1.330 lists this skill with the description
        // "[unclosed".
        let outcome = read("name: x\ndescription: [unclosed\n", 2);
        let YamlOutcome::Forgiven { map, line, .. } = outcome else {
            panic!("{outcome:?}");
        };
        assert_eq!(map["description"], "[unclosed");
        assert_eq!(line, Some(3));
        let colon = read("description: Use it: now\n", 2);
        assert!(matches!(colon, YamlOutcome::Forgiven { .. }), "{colon:?}");
    }

    #[test]
    fn what_the_cli_cannot_forgive_is_invalid() {
        let outcome = read("name: worse\ndescription: a: b: c\n  - x\n ]]\n", 2);
        assert!(
            matches!(outcome, YamlOutcome::Invalid { .. }),
            "{outcome:?}"
        );
    }

    #[test]
    fn lists_and_scalars_are_not_mappings() {
        assert_eq!(
            read("- a\n- b\n", 2),
            YamlOutcome::NotMapping { kind: "a list" }
        );
        assert_eq!(
            read("just text\n", 2),
            YamlOutcome::NotMapping { kind: "a string" }
        );
    }

    #[test]
    fn key_lines_skip_nested_and_comment_lines() {
        let yaml = "name: x\n# c\nmetadata:\n  name: nested\n\"quoted key\": 1\ndescription: d\nname: again\n";
        let lines = key_lines(yaml, 2);
        assert_eq!(lines["name"], 2);
        assert_eq!(lines["metadata"], 4);
        assert_eq!(lines["quoted key"], 6);
        assert_eq!(lines["description"], 7);
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        let outcome = read("name: a\nname: b\n", 2);
        assert!(
            matches!(
                outcome,
                YamlOutcome::Invalid { .. } | YamlOutcome::Forgiven { .. }
            ),
            "{outcome:?}"
        );
    }

    #[test]
    fn hostile_yaml_fails_fast() {
        // An alias bomb: a billion `lol`s if expanded.
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, next) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!("{next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        let outcome = read(&bomb, 2);
        // Refused strictly ("repetition limit exceeded"); the CLI's second
        // pass reads the values as plain strings.
        assert!(
            matches!(&outcome, YamlOutcome::Forgiven { message, .. } if message.contains("repetition")),
            "{outcome:?}"
        );
        // Deep nesting is refused before parsing, on the line where it
        // passes the limit.
        let deep = format!("name: x\na: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(
            read(&deep, 2),
            YamlOutcome::Refused {
                line: 3,
                limit: FrontMatterLimit::Depth {
                    max: MAX_FRONT_MATTER_DEPTH
                }
            }
        );
        let large = format!("a: \"{}\"\n", "x".repeat(MAX_FRONT_MATTER_BYTES));
        assert!(matches!(
            read(&large, 2),
            YamlOutcome::Refused {
                limit: FrontMatterLimit::Size { .. },
                ..
            }
        ));
    }

    #[test]
    fn nesting_is_counted_the_way_yaml_nests() {
        let depth_ok = |yaml: &str| prescan(yaml).is_ok();
        let nest = |n: usize| format!("a: {}{}", "[".repeat(n), "]".repeat(n));
        // One level for the top mapping, one per bracket.
        assert!(depth_ok(&nest(MAX_FRONT_MATTER_DEPTH - 1)));
        assert!(!depth_ok(&nest(MAX_FRONT_MATTER_DEPTH)));
        // Brackets inside values, quoted or not, are text.
        assert!(depth_ok(&format!(
            "a: x{}\nb: 'y{}'\n",
            "[".repeat(99),
            "{".repeat(99)
        )));
        // Brackets after a comment are not counted.
        assert!(depth_ok(&format!("a: 1 # {}\n", "[".repeat(99))));
        // Block scalars are text, however indented.
        let scalar: String = (0..60).map(|i| format!("  {}x\n", " ".repeat(i))).collect();
        assert!(depth_ok(&format!("a: |\n{scalar}b: 1\n")));
        // Block mappings and compact sequences nest.
        let block: String = (0..40)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(prescan(&block).unwrap_err().0, MAX_FRONT_MATTER_DEPTH);
        assert!(!depth_ok(&format!("a:\n  {}x\n", "- ".repeat(40))));
        // A flow collection over several lines keeps its depth.
        assert!(!depth_ok(&format!(
            "a: {}\n{}\n",
            "[".repeat(20),
            "[".repeat(20)
        )));
    }

    #[test]
    fn render_round_trips() {
        let entries = vec![
            ("name".to_owned(), json!("x")),
            ("description".to_owned(), json!("a: b")),
            ("n".to_owned(), json!([1, 2])),
        ];
        let text = render(&entries);
        assert!(text.starts_with("name: x\ndescription:"), "{text}");
        let YamlOutcome::Mapping(back) = read(&text, 2) else {
            panic!()
        };
        assert_eq!(back, entries.into_iter().collect::<Map<_, _>>());
    }
}
