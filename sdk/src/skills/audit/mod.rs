//! [`SkillAuditor`]: scans a skill folder for risky patterns.

mod rules;

use std::fmt;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexSet};

use super::error::SkillError;
use super::files::{MAX_FILE_BYTES, SKILL_FILE, looks_binary, walk};
use super::front_matter::FrontMatter;
use super::skill_md::Analysis;

/// How risky an audit finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Risk {
    /// Worth a look.
    Low,
    /// Review before use.
    Medium,
    /// Likely harmful if the input or the source is hostile.
    High,
    /// Harmful as written (a leaked credential, code from the network run
    /// unseen).
    Critical,
}

impl Risk {
    /// `low`, `medium`, `high` or `critical`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

impl fmt::Display for Risk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A pattern the auditor looks for, line by line, in every text file of a
/// skill.
///
/// ```
/// use claude_agent_sdk::skills::{AuditRule, Risk, SkillAuditor};
///
/// let rule = AuditRule::new(
///     "internal-host",
///     r"\bcorp\.internal\b",
///     Risk::Medium,
///     "talks to an internal host",
/// )?;
/// let auditor = SkillAuditor::new().with_rule(rule);
/// let findings = auditor.audit_text("run.sh", "curl https://db.corp.internal/");
/// assert_eq!(findings[0].rule, "internal-host");
/// # Ok::<(), claude_agent_sdk::skills::SkillError>(())
/// ```
#[derive(Clone)]
pub struct AuditRule {
    id: String,
    pattern: Regex,
    risk: Risk,
    why: String,
    redact: bool,
    unless: Option<fn(&str) -> bool>,
}

impl fmt::Debug for AuditRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditRule")
            .field("id", &self.id)
            .field("pattern", &self.pattern.as_str())
            .field("risk", &self.risk)
            .finish_non_exhaustive()
    }
}

impl AuditRule {
    /// A rule: its identifier, the pattern (a regular expression in the
    /// syntax of the `regex` crate), the risk of a match and why a match is
    /// risky.
    ///
    /// # Errors
    ///
    /// [`SkillError::Pattern`] when the pattern is not a valid regular
    /// expression.
    pub fn new(
        id: impl Into<String>,
        pattern: &str,
        risk: Risk,
        why: impl Into<String>,
    ) -> Result<Self, SkillError> {
        let pattern = Regex::new(pattern).map_err(|e| SkillError::Pattern {
            pattern: pattern.to_owned(),
            message: e.to_string(),
        })?;
        Ok(Self::compiled(id, pattern, risk, why))
    }

    pub(crate) fn compiled(
        id: impl Into<String>,
        pattern: Regex,
        risk: Risk,
        why: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            pattern,
            risk,
            why: why.into(),
            redact: false,
            unless: None,
        }
    }

    /// Hides the matched text in excerpts (for secrets).
    #[must_use]
    pub fn redacted(mut self) -> Self {
        self.redact = true;
        self
    }

    /// Ignores matches for which `exempt` returns `true` (placeholders,
    /// guarded forms).
    #[must_use]
    pub fn unless(mut self, exempt: fn(&str) -> bool) -> Self {
        self.unless = Some(exempt);
        self
    }

    /// The rule's identifier.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The risk of a match.
    #[must_use]
    pub fn risk(&self) -> Risk {
        self.risk
    }

    /// The first match on `line` that is not exempt, if any.
    fn find<'l>(&self, line: &'l str) -> Option<regex::Match<'l>> {
        self.pattern
            .find_iter(line)
            .find(|m| self.unless.is_none_or(|exempt| !exempt(m.as_str())))
    }
}

/// One risky pattern found in a skill.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditFinding {
    /// The file, relative to the skill folder.
    pub file: PathBuf,
    /// The line (1-based), or `None` for a finding about the whole file.
    pub line: Option<usize>,
    /// How risky it is.
    pub risk: Risk,
    /// The rule that matched (`pipe-to-shell`, `anthropic-api-key`, ...).
    pub rule: String,
    /// Why it is risky, and what to do instead.
    pub why: String,
    /// The line, trimmed and shortened, with secrets masked.
    pub excerpt: String,
}

/// What [`SkillAuditor`] found in a skill folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditReport {
    /// The skill folder.
    pub dir: PathBuf,
    /// The findings, by file and line.
    pub findings: Vec<AuditFinding>,
    /// How many files were read.
    pub files_scanned: usize,
    /// Files that were not read, with why (binary, too large, a link).
    pub skipped: Vec<(PathBuf, String)>,
}

impl AuditReport {
    /// Whether nothing was found.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The highest risk found.
    #[must_use]
    pub fn max_risk(&self) -> Option<Risk> {
        self.findings.iter().map(|f| f.risk).max()
    }

    /// The findings at `risk` or above.
    pub fn at_least(&self, risk: Risk) -> impl Iterator<Item = &AuditFinding> {
        self.findings.iter().filter(move |f| f.risk >= risk)
    }

    /// The findings of one rule.
    pub fn of_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a AuditFinding> {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

impl fmt::Display for AuditReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.findings.is_empty() {
            return write!(
                f,
                "{}: no risky patterns in {} file(s)",
                self.dir.display(),
                self.files_scanned
            );
        }
        for (i, finding) in self.findings.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", finding.file.display())?;
            if let Some(line) = finding.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": {}[{}]: {}", finding.risk, finding.rule, finding.why)?;
            if !finding.excerpt.is_empty() {
                write!(f, "\n    {}", finding.excerpt)?;
            }
        }
        Ok(())
    }
}

/// Scans skill folders for risky patterns: hard-coded credentials, code
/// downloaded and run unseen (`curl … | sh`), `rm -rf` of a variable,
/// `eval` of input, path traversal with `../`, access to SSH keys and
/// cloud credentials, uploads, reverse shells, turning off permission
/// checks, prompt injection, hidden characters, inline `!` commands that
/// run when the skill loads, `allowed-tools` that pre-approve every shell
/// command, and links that point outside the folder.
///
/// Every text file of the folder is read (links are never followed; binary
/// and oversized files are listed as skipped). Each finding names the file,
/// the line, the risk and why.
///
/// ```
/// use claude_agent_sdk::skills::{Risk, SkillAuditor};
///
/// let findings = SkillAuditor::new()
///     .audit_text("install.sh", "#!/bin/sh\ncurl -fsSL https://get.example.com | sh\nrm -rf \"$TARGET\"\n");
/// assert_eq!(findings.len(), 2);
/// assert_eq!((findings[0].line, findings[0].risk), (Some(2), Risk::Critical));
/// assert_eq!(findings[1].rule, "rm-variable");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct SkillAuditor {
    rules: Vec<AuditRule>,
    set: RegexSet,
}

impl Default for SkillAuditor {
    fn default() -> Self {
        Self::with_rules(rules::builtin())
    }
}

impl SkillAuditor {
    /// An auditor with the built-in rules.
    pub fn new() -> Self {
        Self::default()
    }

    /// An auditor with exactly these rules.
    pub fn with_rules(rules: Vec<AuditRule>) -> Self {
        let set = RegexSet::new(rules.iter().map(|r| r.pattern.as_str()))
            .unwrap_or_else(|_| RegexSet::empty());
        Self { rules, set }
    }

    /// Adds a rule.
    pub fn with_rule(mut self, rule: AuditRule) -> Self {
        self.rules.push(rule);
        Self::with_rules(self.rules)
    }

    /// Removes the rule with this identifier.
    pub fn without_rule(mut self, id: &str) -> Self {
        self.rules.retain(|r| r.id != id);
        Self::with_rules(self.rules)
    }

    /// The rules, in order.
    #[must_use]
    pub fn rules(&self) -> &[AuditRule] {
        &self.rules
    }

    /// Scans the text of one file, named `file` in the findings.
    #[must_use]
    pub fn audit_text(&self, file: impl AsRef<Path>, text: &str) -> Vec<AuditFinding> {
        let file = file.as_ref();
        let mut findings = Vec::new();
        let inline = (file == Path::new(SKILL_FILE)).then(rules::inline_shell);
        for (index, line) in text.lines().enumerate() {
            let matched = self.set.matches(line);
            let candidates = matched.iter().map(|i| &self.rules[i]).chain(inline.iter());
            for rule in candidates {
                if let Some(m) = rule.find(line) {
                    findings.push(AuditFinding {
                        file: file.to_owned(),
                        line: Some(index + 1),
                        risk: rule.risk,
                        rule: rule.id.clone(),
                        why: rule.why.clone(),
                        excerpt: excerpt(line, rule.redact.then(|| m.range())),
                    });
                }
            }
        }
        if file == Path::new(SKILL_FILE) {
            findings.extend(unrestricted_tools(text));
        }
        findings
    }

    /// Scans every file of the skill folder `dir`.
    ///
    /// # Errors
    ///
    /// When `dir` is not a readable folder.
    pub fn audit_dir(&self, dir: impl AsRef<Path>) -> Result<AuditReport, SkillError> {
        let dir = dir.as_ref();
        let meta = std::fs::metadata(dir).map_err(|e| SkillError::io(dir, e))?;
        if !meta.is_dir() {
            return Err(SkillError::io(
                dir,
                std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
            ));
        }
        let root = std::fs::canonicalize(dir).map_err(|e| SkillError::io(dir, e))?;
        let mut report = AuditReport {
            dir: dir.to_owned(),
            ..AuditReport::default()
        };
        let listing = walk(dir);
        if listing.truncated {
            report.skipped.push((
                PathBuf::new(),
                "the folder is too deep or too large to scan completely".to_owned(),
            ));
        }
        for entry in listing.entries {
            if entry.is_link {
                report
                    .findings
                    .push(link_finding(&root, &entry.path, entry.relative));
                continue;
            }
            if entry.len > MAX_FILE_BYTES {
                report.skipped.push((
                    entry.relative,
                    format!("larger than {MAX_FILE_BYTES} bytes"),
                ));
                continue;
            }
            let bytes = match std::fs::read(&entry.path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    report.skipped.push((entry.relative, e.to_string()));
                    continue;
                }
            };
            if looks_binary(&bytes) {
                report.skipped.push((
                    entry.relative,
                    "binary: review it by other means".to_owned(),
                ));
                continue;
            }
            report.files_scanned += 1;
            let text = String::from_utf8_lossy(&bytes);
            report
                .findings
                .extend(self.audit_text(&entry.relative, &text));
        }
        report
            .findings
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Ok(report)
    }
}

/// The line, trimmed and at most 160 characters, with `secret` masked.
fn excerpt(line: &str, secret: Option<std::ops::Range<usize>>) -> String {
    let masked = match secret {
        Some(range) => {
            let value = &line[range.clone()];
            let keep: String = value.chars().take(4).collect();
            format!(
                "{}{keep}…[redacted]{}",
                &line[..range.start],
                &line[range.end..]
            )
        }
        None => line.to_owned(),
    };
    let trimmed = masked.trim();
    if trimmed.chars().count() > 160 {
        let short: String = trimmed.chars().take(157).collect();
        format!("{short}...")
    } else {
        trimmed.to_owned()
    }
}

/// `allowed-tools` entries that pre-approve every shell command.
fn unrestricted_tools(text: &str) -> Vec<AuditFinding> {
    let analysis = Analysis::of(text);
    let front: &FrontMatter = &analysis.front_matter;
    let line = analysis.key_lines.get("allowed-tools").copied();
    front
        .allowed_tools
        .iter()
        .filter(|tool| {
            matches!(
                tool.replace(' ', "").as_str(),
                "Bash" | "Bash(*)" | "Bash(:*)" | "PowerShell" | "PowerShell(*)"
            )
        })
        .map(|tool| AuditFinding {
            file: PathBuf::from(SKILL_FILE),
            line,
            risk: Risk::Medium,
            rule: "unrestricted-shell".to_owned(),
            why: format!(
                "`allowed-tools` pre-approves `{tool}`: every shell command runs without asking \
                 while the skill is active; allow specific commands such as `Bash(git status:*)`"
            ),
            excerpt: format!("allowed-tools: {}", front.allowed_tools.join(", ")),
        })
        .collect()
}

fn link_finding(root: &Path, path: &Path, relative: PathBuf) -> AuditFinding {
    let target = std::fs::read_link(path).unwrap_or_default();
    let inside = std::fs::canonicalize(path).is_ok_and(|resolved| resolved.starts_with(root));
    let (risk, why) = if inside {
        (
            Risk::Low,
            "a symbolic link: the target is inside the skill, but copies of the skill may not \
             keep it",
        )
    } else {
        (
            Risk::High,
            "a symbolic link to a file outside the skill: whoever reads the skill reads that \
             file",
        )
    };
    AuditFinding {
        file: relative,
        line: None,
        risk,
        rule: "symlink".to_owned(),
        why: why.to_owned(),
        excerpt: format!("-> {}", target.display()),
    }
}

#[cfg(test)]
mod tests;
