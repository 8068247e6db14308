//! [`ValidationReport`]: what the validator found, line by line.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a validation finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// The skill loads, but not as its author probably meant, or it breaks
    /// a rule of the Agent Skills format that other tools enforce.
    Warning,
    /// The skill does not load as written (fields dropped, a reference
    /// missing, a name the CLI refuses).
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule a validation finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The folder has no `SKILL.md`.
    SkillFileMissing,
    /// The file does not start with a `---` front matter block.
    FrontMatterMissing,
    /// An opening `---` without a closing one.
    FrontMatterUnterminated,
    /// The closing `---` is not on a line of its own.
    FrontMatterAmbiguousEnd,
    /// The YAML does not parse, even the way the CLI forgives it.
    YamlSyntax,
    /// The YAML does not parse strictly; the CLI reads it only after
    /// quoting values.
    YamlForgiven,
    /// The front matter is not a mapping of keys.
    FrontMatterNotMapping,
    /// The front matter is larger or nests deeper than the SDK parses; it
    /// was not parsed.
    FrontMatterTooComplex,
    /// `name` is missing.
    NameMissing,
    /// `name` is not a string.
    NameType,
    /// `name` breaks the Agent Skills naming rules (lowercase letters,
    /// digits and hyphens, at most 64 characters).
    NameFormat,
    /// `name` holds a reserved word (`anthropic`, `claude`).
    NameReserved,
    /// `name` differs from the folder name.
    NameMismatch,
    /// The folder name cannot be used to invoke the skill.
    FolderName,
    /// `description` is missing or empty.
    DescriptionMissing,
    /// `description` is not text.
    DescriptionType,
    /// `description` is longer than 1024 characters.
    DescriptionLength,
    /// `name` or `description` holds XML tags.
    XmlTags,
    /// `allowed-tools` is neither a string nor a list of strings.
    AllowedToolsType,
    /// `metadata` is not a mapping.
    MetadataType,
    /// `license` is not text.
    LicenseType,
    /// `shell` is neither `bash` nor `powershell`.
    ShellValue,
    /// A boolean key holds something else.
    BooleanType,
    /// A key the CLI does not read.
    UnknownKey,
    /// The body is empty.
    BodyEmpty,
    /// The body is long (over 500 lines).
    BodyLong,
    /// A relative link points at a file that does not exist.
    ReferenceMissing,
    /// A link leaves the skill folder.
    ReferenceOutside,
}

impl Rule {
    /// A short, stable identifier (`name-format`, `reference-missing`, ...).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::SkillFileMissing => "skill-file-missing",
            Self::FrontMatterMissing => "front-matter-missing",
            Self::FrontMatterUnterminated => "front-matter-unterminated",
            Self::FrontMatterAmbiguousEnd => "front-matter-ambiguous-end",
            Self::YamlSyntax => "yaml-syntax",
            Self::YamlForgiven => "yaml-forgiven",
            Self::FrontMatterNotMapping => "front-matter-not-mapping",
            Self::FrontMatterTooComplex => "front-matter-too-complex",
            Self::NameMissing => "name-missing",
            Self::NameType => "name-type",
            Self::NameFormat => "name-format",
            Self::NameReserved => "name-reserved",
            Self::NameMismatch => "name-mismatch",
            Self::FolderName => "folder-name",
            Self::DescriptionMissing => "description-missing",
            Self::DescriptionType => "description-type",
            Self::DescriptionLength => "description-length",
            Self::XmlTags => "xml-tags",
            Self::AllowedToolsType => "allowed-tools-type",
            Self::MetadataType => "metadata-type",
            Self::LicenseType => "license-type",
            Self::ShellValue => "shell-value",
            Self::BooleanType => "boolean-type",
            Self::UnknownKey => "unknown-key",
            Self::BodyEmpty => "body-empty",
            Self::BodyLong => "body-long",
            Self::ReferenceMissing => "reference-missing",
            Self::ReferenceOutside => "reference-outside",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem (or remark) about a `SKILL.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The rule it comes from.
    pub rule: Rule,
    /// The line of `SKILL.md` it is about (1-based), when it is about one.
    pub line: Option<usize>,
    /// What is wrong, what the CLI does about it, and how to fix it.
    pub message: String,
}

impl Finding {
    pub(crate) fn new(
        severity: Severity,
        rule: Rule,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            rule,
            line,
            message: message.into(),
        }
    }
}

/// What [`SkillValidator`](super::SkillValidator) found in one skill.
///
/// `Display` prints one finding per line, compiler style:
/// `path/SKILL.md:3: error[name-type]: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationReport {
    /// The `SKILL.md` that was checked.
    pub file: PathBuf,
    /// The findings, in line order (findings about no line first).
    pub findings: Vec<Finding>,
}

impl ValidationReport {
    pub(crate) fn new(file: impl Into<PathBuf>, mut findings: Vec<Finding>) -> Self {
        findings.sort_by_key(|f| (f.line, std::cmp::Reverse(f.severity)));
        Self {
            file: file.into(),
            findings,
        }
    }

    /// The `SKILL.md` that was checked.
    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Whether nothing is an [`Error`](Severity::Error).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The findings of severity [`Error`](Severity::Error).
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.at(Severity::Error)
    }

    /// The findings of severity [`Warning`](Severity::Warning).
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.at(Severity::Warning)
    }

    fn at(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity == severity)
    }

    /// The findings of one rule.
    pub fn of_rule(&self, rule: Rule) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.rule == rule)
    }

    /// Whether some finding comes from `rule`.
    #[must_use]
    pub fn has(&self, rule: Rule) -> bool {
        self.of_rule(rule).next().is_some()
    }

    /// The most serious finding's severity, if there is any finding.
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.findings.is_empty() {
            return write!(f, "{}: no problems", self.file.display());
        }
        for (i, finding) in self.findings.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", self.file.display())?;
            if let Some(line) = finding.line {
                write!(f, ":{line}")?;
            }
            write!(
                f,
                ": {}[{}]: {}",
                finding.severity, finding.rule, finding.message
            )?;
        }
        Ok(())
    }
}
