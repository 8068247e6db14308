//! [`SkillMd`]: a parsed `SKILL.md` file.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::error::SkillError;
use super::front_matter::FrontMatter;
use super::split::{Delimiters, split};
use super::yaml::{self, YamlOutcome};

/// A parsed `SKILL.md`: its front matter and its body.
///
/// Parsing follows Claude Code: the front matter is the YAML between an
/// opening `---` line and the first later `---`, and YAML that is not quite
/// valid is forgiven the way the CLI forgives it. [`SkillMd::parse`] fails
/// only where the CLI would drop every field (YAML it cannot read, or YAML
/// that is not a mapping); use [`SkillValidator`](super::SkillValidator) for
/// a full report with line numbers.
///
/// ```
/// use claude_agent_sdk::skills::SkillMd;
///
/// let text = "---\nname: greet\ndescription: Greets people.\n---\n# Greet\nSay hello.\n";
/// let skill: SkillMd = text.parse()?;
/// assert_eq!(skill.front_matter().name.as_deref(), Some("greet"));
/// assert_eq!(skill.body(), "# Greet\nSay hello.\n");
/// assert_eq!(skill.body_line(), 5);
/// assert_eq!(skill.line_of("description"), Some(3));
/// # Ok::<(), claude_agent_sdk::skills::SkillError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SkillMd {
    front_matter: FrontMatter,
    body: String,
    body_line: usize,
    has_front_matter: bool,
    key_lines: BTreeMap<String, usize>,
}

/// Everything the parser learnt about a `SKILL.md`, for the validator.
#[derive(Debug, Clone)]
pub(crate) struct Analysis<'a> {
    pub(crate) delimiters: Delimiters,
    pub(crate) yaml: Option<YamlOutcome>,
    pub(crate) yaml_line: usize,
    pub(crate) key_lines: BTreeMap<String, usize>,
    pub(crate) front_matter: FrontMatter,
    pub(crate) mistyped: Vec<String>,
    pub(crate) body: &'a str,
    pub(crate) body_line: usize,
}

impl<'a> Analysis<'a> {
    pub(crate) fn of(text: &'a str) -> Self {
        let parts = split(text);
        let yaml = parts.yaml.map(|y| yaml::read(y, parts.yaml_line));
        let key_lines = parts
            .yaml
            .map(|y| yaml::key_lines(y, parts.yaml_line))
            .unwrap_or_default();
        let map = match &yaml {
            Some(YamlOutcome::Mapping(map) | YamlOutcome::Forgiven { map, .. }) => map.clone(),
            _ => serde_json::Map::new(),
        };
        let (front_matter, mistyped) = FrontMatter::from_map(map);
        Self {
            delimiters: parts.delimiters,
            yaml,
            yaml_line: parts.yaml_line,
            key_lines,
            front_matter,
            mistyped,
            body: parts.body,
            body_line: parts.body_line,
        }
    }
}

impl SkillMd {
    /// A `SKILL.md` with this front matter and body.
    #[must_use]
    pub fn new(front_matter: FrontMatter, body: impl Into<String>) -> Self {
        let mut skill = Self {
            front_matter,
            body: body.into(),
            body_line: 1,
            has_front_matter: true,
            key_lines: BTreeMap::new(),
        };
        // Line numbers as they will be once rendered.
        let rendered = skill.render();
        let analysis = Analysis::of(&rendered);
        skill.body_line = analysis.body_line;
        skill.key_lines = analysis.key_lines;
        skill
    }

    /// Parses a `SKILL.md`.
    ///
    /// # Errors
    ///
    /// [`SkillError::FrontMatter`] when the front matter is YAML the CLI
    /// cannot read, or not a mapping: the CLI would then load the skill
    /// with every field dropped. [`SkillError::FrontMatterTooComplex`]
    /// when it is larger than
    /// [`MAX_FRONT_MATTER_BYTES`](super::MAX_FRONT_MATTER_BYTES) or nests
    /// deeper than [`MAX_FRONT_MATTER_DEPTH`](super::MAX_FRONT_MATTER_DEPTH):
    /// it is refused before parsing.
    pub fn parse(text: &str) -> Result<Self, SkillError> {
        let analysis = Analysis::of(text);
        match &analysis.yaml {
            Some(YamlOutcome::Invalid { line, message }) => {
                return Err(SkillError::FrontMatter {
                    line: *line,
                    message: message.clone(),
                });
            }
            Some(YamlOutcome::Refused { line, limit }) => {
                return Err(SkillError::FrontMatterTooComplex {
                    line: Some(*line),
                    limit: *limit,
                });
            }
            Some(YamlOutcome::NotMapping { kind }) => {
                return Err(SkillError::FrontMatter {
                    line: Some(analysis.yaml_line),
                    message: format!("the front matter is {kind}, not a mapping of keys"),
                });
            }
            _ => {}
        }
        Ok(Self {
            has_front_matter: analysis.yaml.is_some(),
            front_matter: analysis.front_matter,
            body: analysis.body.to_owned(),
            body_line: analysis.body_line,
            key_lines: analysis.key_lines,
        })
    }

    /// The front matter (empty when the file has none).
    #[must_use]
    pub fn front_matter(&self) -> &FrontMatter {
        &self.front_matter
    }

    /// The front matter, to change it before [`render`](Self::render).
    pub fn front_matter_mut(&mut self) -> &mut FrontMatter {
        &mut self.front_matter
    }

    /// Whether the file had front matter.
    #[must_use]
    pub fn has_front_matter(&self) -> bool {
        self.has_front_matter
    }

    /// The body: the instructions after the front matter.
    #[must_use]
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The line (1-based) the body starts on.
    #[must_use]
    pub fn body_line(&self) -> usize {
        self.body_line
    }

    /// The line (1-based) of a top-level front matter key.
    #[must_use]
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied()
    }

    /// The file's text: `---`, the front matter as YAML, `---`, a blank
    /// line and the body.
    #[must_use]
    pub fn render(&self) -> String {
        let yaml = self.front_matter.to_yaml();
        let mut text = String::with_capacity(yaml.len() + self.body.len() + 10);
        text.push_str("---\n");
        text.push_str(&yaml);
        if !yaml.is_empty() && !yaml.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("---\n\n");
        text.push_str(&self.body);
        text
    }
}

impl FromStr for SkillMd {
    type Err = SkillError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for SkillMd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_then_parse_round_trips() {
        let front = FrontMatter::new("greet", "Greets: people, warmly.")
            .with_allowed_tools(["Read"])
            .with_metadata("owner", "me");
        let skill = SkillMd::new(front.clone(), "Say hello.\n");
        let text = skill.render();
        let back = SkillMd::parse(&text).unwrap();
        assert_eq!(back.front_matter(), &front);
        assert_eq!(back.body(), "Say hello.\n");
        assert_eq!(back.body_line(), skill.body_line());
        assert_eq!(back.line_of("name"), Some(2));
        assert_eq!(back, skill);
    }

    #[test]
    fn invalid_yaml_is_an_error_with_a_line() {
        let err = SkillMd::parse("---\nname: x\ndescription: a: b: c\n  - x\n ]]\n---\nbody\n")
            .unwrap_err();
        let SkillError::FrontMatter { line, .. } = err else {
            panic!("{err:?}")
        };
        assert!(line.is_some());
        let list = SkillMd::parse("---\n- a\n---\nbody").unwrap_err();
        assert!(list.to_string().contains("a list"), "{list}");
    }

    #[test]
    fn a_file_without_front_matter_is_all_body() {
        let skill = SkillMd::parse("Just do it.\n").unwrap();
        assert!(!skill.has_front_matter());
        assert_eq!(skill.body(), "Just do it.\n");
        assert!(skill.front_matter().name.is_none());
    }

    #[test]
    fn front_matter_too_large_or_too_deep_is_refused_before_parsing() {
        use crate::skills::test_support::returns;
        // 100 000 levels of flow sequences: this never finished parsing.
        let deep = format!(
            "---\nname: x\ndescription: {}{}\n---\nbody\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let parsed = returns("SkillMd::parse of 100k nested lists", move || {
            SkillMd::parse(&deep)
        });
        assert!(
            matches!(
                parsed,
                Err(SkillError::FrontMatterTooComplex {
                    limit: crate::skills::FrontMatterLimit::Size { .. },
                    ..
                })
            ),
            "{parsed:?}"
        );
        // Small, but deeper than any real front matter: flow, block and
        // compact sequences.
        let flow = format!(
            "---\nname: x\nmetadata: {}{}\n---\nbody\n",
            "[".repeat(40),
            "]".repeat(40)
        );
        let err = SkillMd::parse(&flow).unwrap_err();
        assert!(
            matches!(
                err,
                SkillError::FrontMatterTooComplex {
                    line: Some(3),
                    limit: crate::skills::FrontMatterLimit::Depth { max: 32 }
                }
            ),
            "{err:?}"
        );
        assert!(err.to_string().contains("line 3"), "{err}");
        let block: String = (0..40)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert!(SkillMd::parse(&format!("---\n{block}---\nbody\n")).is_err());
        let compact = format!("---\nname: x\nlist:\n  {}x\n---\nbody\n", "- ".repeat(40));
        assert!(SkillMd::parse(&compact).is_err());
        // Ordinary nesting, and brackets inside values, are fine.
        let fine = "---\nname: x\ndescription: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n\
                    metadata:\n  tags: [a, [b, {c: d}]]\n  nested:\n    deeper:\n      - - x\n\
                    argument-hint: use [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ here\n---\nbody\n";
        let parsed = SkillMd::parse(fine).unwrap();
        assert_eq!(parsed.front_matter().name.as_deref(), Some("x"));
    }
}
