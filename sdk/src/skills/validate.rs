//! [`SkillValidator`]: checks a `SKILL.md` against what Claude Code does
//! with it and against the Agent Skills format.

use std::path::Path;

use serde_json::Value;

use super::error::SkillError;
use super::files::{SKILL_FILE, read_skill_file};
use super::front_matter::CLI_KEYS;
use super::links::file_links;
use super::names;
use super::report::{Finding, Rule, Severity, ValidationReport};
use super::skill_md::Analysis;
use super::split::Delimiters;
use super::yaml::YamlOutcome;

/// The body length past which a finding suggests moving detail into
/// reference files.
const LONG_BODY_LINES: usize = 500;

/// Checks skills and reports every problem with its line.
///
/// Two sets of rules apply:
///
/// - **What Claude Code does** (observed with CLI 2.1.330, and its own
///   `claude plugin validate` checks): front matter it cannot read (the
///   skill then loads with every field dropped), `name` that is not text,
///   `description` missing (the CLI then takes the first body line and does
///   not offer the skill to the model), `allowed-tools`/`metadata`/`shell`
///   of the wrong shape, a folder name the CLI cannot invoke, and links to
///   files that do not exist. These are errors or warnings.
/// - **The Agent Skills format** that the API and other agents enforce:
///   `name` in lowercase letters, digits and hyphens, at most 64 characters,
///   matching the folder, without `anthropic` or `claude`; `description` at
///   most 1024 characters; no XML tags in either. These are warnings, or
///   errors in [`strict`](Self::strict) mode.
///
/// ```
/// use claude_agent_sdk::skills::{Rule, SkillValidator};
///
/// let text = "---\nname: PDF Tools\ndescription: Fills PDF forms.\n---\nSee [forms](FORMS.md).\n";
/// let report = SkillValidator::new().strict(true).validate_str(text, None);
/// let bad_name = report.of_rule(Rule::NameFormat).next().expect("a finding");
/// assert_eq!(bad_name.line, Some(2));
/// assert!(!report.is_valid());
/// println!("{report}");
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[must_use]
pub struct SkillValidator {
    strict: bool,
}

impl SkillValidator {
    /// A validator with the default rules.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the Agent Skills format rules are errors (default:
    /// warnings).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    fn format_severity(self) -> Severity {
        if self.strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// Checks the skill in folder `dir` (its `SKILL.md`, its folder name and
    /// the files its body links to).
    ///
    /// # Errors
    ///
    /// When the folder cannot be read, or `SKILL.md` is a link or too large.
    /// A folder without `SKILL.md` gives a report with a
    /// [`SkillFileMissing`](Rule::SkillFileMissing) error.
    pub fn validate_dir(self, dir: impl AsRef<Path>) -> Result<ValidationReport, SkillError> {
        let dir = dir.as_ref();
        let file = dir.join(SKILL_FILE);
        std::fs::metadata(dir).map_err(|e| SkillError::io(dir, e))?;
        match read_skill_file(&file) {
            Ok(text) => Ok(self.check(&text, Some(dir), file)),
            Err(SkillError::MissingSkillFile(_)) => Ok(ValidationReport::new(
                file,
                vec![Finding::new(
                    Severity::Error,
                    Rule::SkillFileMissing,
                    None,
                    format!(
                        "{} has no {SKILL_FILE}: the CLI does not see a skill here",
                        dir.display()
                    ),
                )],
            )),
            Err(other) => Err(other),
        }
    }

    /// Checks the text of a `SKILL.md`. With `folder`, also checks the
    /// folder name and that linked files exist there.
    pub fn validate_str(self, text: &str, folder: Option<&Path>) -> ValidationReport {
        let file = folder.map_or_else(|| SKILL_FILE.into(), |dir| dir.join(SKILL_FILE));
        self.check(text, folder, file)
    }

    fn check(
        self,
        text: &str,
        folder: Option<&Path>,
        file: std::path::PathBuf,
    ) -> ValidationReport {
        let analysis = Analysis::of(text);
        let mut findings = Vec::new();
        self.check_delimiters(&analysis, &mut findings);
        self.check_keys(&analysis, &mut findings);
        self.check_name(&analysis, folder, &mut findings);
        self.check_description(&analysis, &mut findings);
        check_body(
            &analysis,
            text.lines().count().max(1),
            folder,
            &mut findings,
        );
        ValidationReport::new(file, findings)
    }

    fn check_delimiters(self, a: &Analysis<'_>, out: &mut Vec<Finding>) {
        match a.delimiters {
            Delimiters::Absent => out.push(Finding::new(
                Severity::Warning,
                Rule::FrontMatterMissing,
                Some(1),
                "no front matter: start the file with a `---` line, `name:` and `description:`, \
                 and another `---` line; without it the CLI names the skill after its folder and \
                 describes it with the first line of the body",
            )),
            Delimiters::Unterminated => out.push(Finding::new(
                Severity::Error,
                Rule::FrontMatterUnterminated,
                Some(1),
                "the front matter is never closed: add a `---` line after it; until then the CLI \
                 reads the whole file, `---` included, as the body",
            )),
            Delimiters::Ambiguous { line } => out.push(Finding::new(
                Severity::Error,
                Rule::FrontMatterAmbiguousEnd,
                Some(line),
                "the CLI ends the front matter at the first `---`, and this one is not on a line \
                 of its own: quote the value that holds it, or put the closing `---` on its own \
                 line",
            )),
            Delimiters::Closed => {}
        }
        match &a.yaml {
            Some(YamlOutcome::Invalid { line, message }) => out.push(Finding::new(
                Severity::Error,
                Rule::YamlSyntax,
                *line,
                format!(
                    "the front matter is not valid YAML ({message}); the CLI then drops every \
                     field: the name falls back to the folder name and the description to the \
                     first line of the body"
                ),
            )),
            Some(YamlOutcome::Forgiven { line, message, .. }) => out.push(Finding::new(
                Severity::Warning,
                Rule::YamlForgiven,
                *line,
                format!(
                    "the front matter is not valid YAML ({message}); Claude Code reads it after \
                     quoting the value, other tools do not: quote values that contain `: `, `#`, \
                     `[`, `{{` or other YAML syntax"
                ),
            )),
            Some(YamlOutcome::NotMapping { kind }) => out.push(Finding::new(
                Severity::Error,
                Rule::FrontMatterNotMapping,
                Some(a.yaml_line),
                format!("the front matter is {kind}, not `key: value` pairs; the CLI drops it"),
            )),
            Some(YamlOutcome::Refused { line, limit }) => out.push(Finding::new(
                Severity::Error,
                Rule::FrontMatterTooComplex,
                Some(*line),
                format!(
                    "the front matter is {limit}: the SDK does not parse it (YAML this large or \
                     deep takes a parser far too long); no skill needs that much"
                ),
            )),
            Some(YamlOutcome::Mapping(_)) | None => {}
        }
    }

    fn check_keys(self, a: &Analysis<'_>, out: &mut Vec<Finding>) {
        let line = |key: &str| a.key_lines.get(key).copied();
        let front = &a.front_matter;
        for key in &a.mistyped {
            let value = front.extra.get(key).unwrap_or(&Value::Null);
            let (severity, rule, message) = match key.as_str() {
                "name" => (
                    Severity::Error,
                    Rule::NameType,
                    format!("`name` must be text, not {}", kind(value)),
                ),
                "description" => (
                    Severity::Error,
                    Rule::DescriptionType,
                    format!(
                        "`description` must be text, not {}; the CLI drops it",
                        kind(value)
                    ),
                ),
                "allowed-tools" => (
                    Severity::Error,
                    Rule::AllowedToolsType,
                    "`allowed-tools` must be a comma-separated string or a list of strings"
                        .to_owned(),
                ),
                "metadata" => (
                    Severity::Warning,
                    Rule::MetadataType,
                    format!(
                        "`metadata` must be a mapping of keys, not {}; the CLI drops it",
                        kind(value)
                    ),
                ),
                _ => (
                    Severity::Warning,
                    Rule::LicenseType,
                    format!("`{key}` must be text, not {}", kind(value)),
                ),
            };
            out.push(Finding::new(severity, rule, line(key), message));
        }
        if let Some(shell) = front.extra.get("shell").filter(|v| !v.is_null()) {
            let ok = shell
                .as_str()
                .is_some_and(|s| matches!(s.trim().to_lowercase().as_str(), "bash" | "powershell"));
            if !ok {
                out.push(Finding::new(
                    Severity::Error,
                    Rule::ShellValue,
                    line("shell"),
                    format!("`shell` must be `bash` or `powershell`, not {shell}"),
                ));
            }
        }
        for key in ["disable-model-invocation", "user-invocable"] {
            if let Some(value) = front.extra.get(key)
                && !value.is_boolean()
            {
                out.push(Finding::new(
                    Severity::Warning,
                    Rule::BooleanType,
                    line(key),
                    format!("`{key}` should be `true` or `false`, not {value}"),
                ));
            }
        }
        for key in front.extra.keys() {
            if !CLI_KEYS.contains(&key.as_str()) {
                out.push(Finding::new(
                    Severity::Info,
                    Rule::UnknownKey,
                    line(key),
                    format!("Claude Code does not read `{key}`; it is kept but has no effect"),
                ));
            }
        }
    }

    fn check_name(self, a: &Analysis<'_>, folder: Option<&Path>, out: &mut Vec<Finding>) {
        let line = a.key_lines.get("name").copied();
        let folder_name = folder
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        if let Some(folder_name) = &folder_name
            && let Some(reason) = names::invocation_problem(folder_name)
        {
            out.push(Finding::new(
                Severity::Error,
                Rule::FolderName,
                None,
                format!(
                    "the folder name {folder_name:?} cannot name a skill: {reason}; the CLI \
                     invokes a skill by its folder name, so rename the folder"
                ),
            ));
        }
        let Some(name) = &a.front_matter.name else {
            if !a.mistyped.iter().any(|k| k == "name") && a.yaml.is_some() {
                out.push(Finding::new(
                    self.format_severity(),
                    Rule::NameMissing,
                    Some(a.yaml_line),
                    "no `name`: the CLI uses the folder name, but the Agent Skills format \
                     requires one",
                ));
            }
            return;
        };
        if let Some(reason) = names::format_problem(name) {
            out.push(Finding::new(
                self.format_severity(),
                Rule::NameFormat,
                line,
                format!("`name` {name:?} breaks the Agent Skills naming rule: {reason}"),
            ));
        }
        if let Some(word) = names::reserved_word(name) {
            out.push(Finding::new(
                self.format_severity(),
                Rule::NameReserved,
                line,
                format!("`name` {name:?} contains the reserved word {word:?}"),
            ));
        }
        if names::has_xml_tag(name) {
            out.push(Finding::new(
                self.format_severity(),
                Rule::XmlTags,
                line,
                "`name` must not contain XML tags",
            ));
        }
        if let Some(folder_name) = &folder_name
            && folder_name != name
        {
            out.push(Finding::new(
                self.format_severity(),
                Rule::NameMismatch,
                line,
                format!(
                    "`name` {name:?} differs from the folder name {folder_name:?}: the CLI lists \
                     the skill as {name:?} with {folder_name:?} as an alias, but the Skill tool \
                     and `system/init` use {folder_name:?}; rename one to match"
                ),
            ));
        }
    }

    fn check_description(self, a: &Analysis<'_>, out: &mut Vec<Finding>) {
        let line = a.key_lines.get("description").copied();
        let description = a.front_matter.description.as_deref().map(str::trim);
        match description {
            None | Some("") if !a.mistyped.iter().any(|k| k == "description") => {
                let severity = if self.strict {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                out.push(Finding::new(
                    severity,
                    Rule::DescriptionMissing,
                    line.or(a.yaml.is_some().then_some(a.yaml_line)),
                    "no `description`: the CLI describes the skill with the first line of the \
                     body and does not offer it to the model (it is missing from `system/init` \
                     `skills`); say what the skill does and when to use it",
                ));
            }
            Some(text) if !text.is_empty() => {
                let chars = text.chars().count();
                if chars > names::MAX_DESCRIPTION_CHARS {
                    out.push(Finding::new(
                        self.format_severity(),
                        Rule::DescriptionLength,
                        line,
                        format!(
                            "`description` is {chars} characters long; the Agent Skills format \
                             allows {}",
                            names::MAX_DESCRIPTION_CHARS
                        ),
                    ));
                }
                if names::has_xml_tag(text) {
                    out.push(Finding::new(
                        self.format_severity(),
                        Rule::XmlTags,
                        line,
                        "`description` must not contain XML tags",
                    ));
                }
            }
            _ => {}
        }
    }
}

fn check_body(a: &Analysis<'_>, last_line: usize, folder: Option<&Path>, out: &mut Vec<Finding>) {
    if a.body.trim().is_empty() {
        out.push(Finding::new(
            Severity::Warning,
            Rule::BodyEmpty,
            Some(a.body_line.min(last_line)),
            "the body is empty: the model gets no instructions when the skill loads",
        ));
    }
    let lines = a.body.lines().count();
    if lines > LONG_BODY_LINES {
        out.push(Finding::new(
            Severity::Info,
            Rule::BodyLong,
            Some(a.body_line),
            format!(
                "the body has {lines} lines; all of it enters the context when the skill loads: \
                 move details into reference files linked from it"
            ),
        ));
    }
    for link in file_links(a.body, a.body_line) {
        if link.is_absolute() {
            out.push(Finding::new(
                Severity::Warning,
                Rule::ReferenceOutside,
                Some(link.line),
                format!(
                    "{:?} is an absolute path: the skill breaks when installed elsewhere; link \
                     to a file inside the skill folder",
                    link.target
                ),
            ));
        } else if link.leaves_folder() {
            out.push(Finding::new(
                Severity::Warning,
                Rule::ReferenceOutside,
                Some(link.line),
                format!(
                    "{:?} leaves the skill folder: it is not installed with the skill",
                    link.target
                ),
            ));
        }
        if let Some(folder) = folder {
            let path = folder.join(&link.target);
            if !path.exists() {
                out.push(Finding::new(
                    Severity::Error,
                    Rule::ReferenceMissing,
                    Some(link.line),
                    format!("{:?} does not exist", link.target),
                ));
            }
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests;
