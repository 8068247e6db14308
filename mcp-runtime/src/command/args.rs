//! A command's declared arguments and the values it was invoked with.

use std::fmt;

use serde_json::Value;

use crate::schema::JsonObject;

/// An argument a command declares: a name, a description, and whether it
/// is required.
///
/// Arguments are positional: `/greet Ada happy` gives the first declared
/// argument `Ada` and the second `happy`, as Claude Code does for MCP
/// prompts.
///
/// ```
/// use claude_agent_mcp::CommandArgument;
///
/// let who = CommandArgument::required("who").description("Whom to greet");
/// assert!(who.is_required());
/// assert_eq!(who.name(), "who");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommandArgument {
    name: String,
    description: Option<String>,
    required: bool,
}

impl CommandArgument {
    /// A required argument.
    #[must_use]
    pub fn required(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            required: true,
        }
    }

    /// An optional argument.
    #[must_use]
    pub fn optional(name: impl Into<String>) -> Self {
        Self {
            required: false,
            ..Self::required(name)
        }
    }

    /// Describes the argument.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The argument's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The argument's description, if any.
    #[must_use]
    pub fn description_text(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Whether the argument must be given.
    #[must_use]
    pub fn is_required(&self) -> bool {
        self.required
    }
}

/// The hint for a command's arguments: `<who> [mood]` (required in angle
/// brackets, optional in square brackets).
///
/// ```
/// use claude_agent_mcp::{CommandArgument, argument_hint};
///
/// let declared = [CommandArgument::required("who"), CommandArgument::optional("mood")];
/// assert_eq!(argument_hint(&declared), "<who> [mood]");
/// ```
#[must_use]
pub fn argument_hint(arguments: &[CommandArgument]) -> String {
    arguments
        .iter()
        .map(|a| {
            if a.required {
                format!("<{}>", a.name)
            } else {
                format!("[{}]", a.name)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A required argument was not given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("missing required argument `{argument}`; usage: /{command} {usage}")]
#[non_exhaustive]
pub struct MissingArgument {
    /// The command.
    pub command: String,
    /// The argument that is missing.
    pub argument: String,
    /// The command's argument hint (`<who> [mood]`).
    pub usage: String,
}

/// The arguments a command was invoked with.
///
/// From a command line (`/greet Ada happy`), the text after the name is
/// split on whitespace and the words are assigned to the declared
/// arguments in order, exactly as Claude Code does for MCP prompts: quotes
/// are not special, and words beyond the declared arguments are not
/// assigned (they stay in [`raw`](Self::raw) and [`words`](Self::words)).
///
/// ```
/// use claude_agent_mcp::{CommandArgs, CommandArgument};
///
/// let declared = [CommandArgument::required("who"), CommandArgument::optional("mood")];
/// let args = CommandArgs::parse("greet", "Ada  happy today", &declared)?;
/// assert_eq!(args.get("who"), Some("Ada"));
/// assert_eq!(args.get("mood"), Some("happy"));
/// assert_eq!(args.raw(), "Ada  happy today");
/// assert_eq!(args.words(), ["Ada", "happy", "today"]);
/// assert_eq!(args.expand("Greet $0 ($ARGUMENTS)"), "Greet Ada (Ada  happy today)");
///
/// assert!(CommandArgs::parse("greet", "", &declared).is_err());
/// # Ok::<(), claude_agent_mcp::MissingArgument>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandArgs {
    raw: String,
    words: Vec<String>,
    values: Vec<(String, String)>,
}

impl CommandArgs {
    /// Arguments from the text after a command's name.
    pub fn parse(
        command: &str,
        raw: &str,
        declared: &[CommandArgument],
    ) -> Result<Self, MissingArgument> {
        let raw = raw.trim();
        let words: Vec<String> = raw.split_whitespace().map(str::to_owned).collect();
        let values = declared
            .iter()
            .zip(&words)
            .map(|(argument, word)| (argument.name.clone(), word.clone()))
            .collect();
        let args = Self {
            raw: raw.to_owned(),
            words,
            values,
        };
        args.check(command, declared)?;
        Ok(args)
    }

    /// Arguments by name, as an MCP client sends them with `prompts/get`.
    /// Values that are not strings are used as JSON text; names that are
    /// not declared are ignored. [`raw`](Self::raw) and
    /// [`words`](Self::words) are the given values in declared order.
    pub fn from_named(
        command: &str,
        named: &JsonObject,
        declared: &[CommandArgument],
    ) -> Result<Self, MissingArgument> {
        let mut values = Vec::new();
        for argument in declared {
            let value = match named.get(&argument.name) {
                None | Some(Value::Null) => continue,
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
            };
            if !value.is_empty() {
                values.push((argument.name.clone(), value));
            }
        }
        let words: Vec<String> = values.iter().map(|(_, v)| v.clone()).collect();
        let args = Self {
            raw: words.join(" "),
            words,
            values,
        };
        args.check(command, declared)?;
        Ok(args)
    }

    fn check(&self, command: &str, declared: &[CommandArgument]) -> Result<(), MissingArgument> {
        match declared
            .iter()
            .find(|a| a.required && self.get(&a.name).is_none())
        {
            Some(missing) => Err(MissingArgument {
                command: command.to_owned(),
                argument: missing.name.clone(),
                usage: argument_hint(declared),
            }),
            None => Ok(()),
        }
    }

    /// The value of a declared argument, if it was given.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Everything after the command's name, trimmed.
    #[must_use]
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The words of [`raw`](Self::raw).
    #[must_use]
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether no argument was given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Fills in a prompt template the way Claude Code fills in its custom
    /// commands (`.claude/commands/*.md`): `$ARGUMENTS` is
    /// [`raw`](Self::raw), `$ARGUMENTS[N]` and `$N` are the N-th word,
    /// counting from 0. A `$N` past the last word is left as it is.
    #[must_use]
    pub fn expand(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + self.raw.len());
        let mut rest = template;
        while let Some(at) = rest.find('$') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(tail) = after.strip_prefix("ARGUMENTS") {
                match bracket_index(tail) {
                    Some((index, len)) => {
                        match self.words.get(index) {
                            Some(word) => out.push_str(word),
                            // Past the last word: left as it is.
                            None => out.push_str(&rest[at..at + 1 + "ARGUMENTS".len() + len]),
                        }
                        rest = &tail[len..];
                    }
                    None => {
                        out.push_str(&self.raw);
                        rest = tail;
                    }
                }
                continue;
            }
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let word = after[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|i| self.words.get(i));
            match word {
                Some(word) => {
                    out.push_str(word);
                    rest = &after[digits..];
                }
                None => {
                    out.push('$');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// `[N]` at the start of `text`: the index and the length of the brackets.
fn bracket_index(text: &str) -> Option<(usize, usize)> {
    let inner = text.strip_prefix('[')?;
    let end = inner.find(']')?;
    let index = inner[..end].parse().ok()?;
    Some((index, end + 2))
}

impl fmt::Display for CommandArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn declared() -> Vec<CommandArgument> {
        vec![
            CommandArgument::required("who"),
            CommandArgument::optional("mood"),
        ]
    }

    #[test]
    fn words_are_assigned_in_declared_order() {
        let args = CommandArgs::parse("greet", "  \"Ada Lovelace\" sad  ", &declared()).unwrap();
        // Quotes are not special, as in Claude Code's MCP prompts.
        assert_eq!(args.get("who"), Some("\"Ada"));
        assert_eq!(args.get("mood"), Some("Lovelace\""));
        assert_eq!(args.raw(), "\"Ada Lovelace\" sad");
        let only = CommandArgs::parse("greet", "Ada", &declared()).unwrap();
        assert_eq!(only.get("mood"), None);
    }

    #[test]
    fn a_missing_required_argument_names_it_and_the_usage() {
        let err = CommandArgs::parse("greet", "   ", &declared()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing required argument `who`; usage: /greet <who> [mood]"
        );
        let named = json!({"mood": "happy"});
        let err =
            CommandArgs::from_named("greet", named.as_object().unwrap(), &declared()).unwrap_err();
        assert_eq!(err.argument, "who");
    }

    #[test]
    fn named_arguments_keep_declared_order() {
        let named = json!({"mood": "happy", "who": "Ada", "other": "x", "n": null});
        let args =
            CommandArgs::from_named("greet", named.as_object().unwrap(), &declared()).unwrap();
        assert_eq!(args.raw(), "Ada happy");
        assert_eq!(args.words(), ["Ada", "happy"]);
        let numbers = json!({"who": 7});
        let args =
            CommandArgs::from_named("greet", numbers.as_object().unwrap(), &declared()).unwrap();
        assert_eq!(args.get("who"), Some("7"));
    }

    #[test]
    fn templates_expand_like_the_clis_custom_commands() {
        let args = CommandArgs::parse("x", "big world", &[]).unwrap();
        assert_eq!(
            args.expand("[$ARGUMENTS] zero=$0 one=$1 two=$2 a0=$ARGUMENTS[0] a1=$ARGUMENTS[1]"),
            "[big world] zero=big one=world two=$2 a0=big a1=world"
        );
        assert_eq!(args.expand("$ARGUMENTS[9] $ $x $"), "$ARGUMENTS[9] $ $x $");
        assert_eq!(args.expand("$ARGUMENTS[x]"), "big world[x]");
        assert_eq!(args.expand("price: $$0"), "price: $big");
        let none = CommandArgs::default();
        assert_eq!(none.expand("do $ARGUMENTS now"), "do  now");
        assert!(none.is_empty());
    }
}
