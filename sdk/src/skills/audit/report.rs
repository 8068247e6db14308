//! [`Risk`], [`AuditFinding`] and [`AuditReport`]: what the auditor found.

use std::fmt;
use std::path::PathBuf;

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
    /// unseen, a wiped disk), or content the auditor could not read, which
    /// may hide any of these.
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

/// What [`SkillAuditor`](super::SkillAuditor) found in a skill folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditReport {
    /// The skill folder.
    pub dir: PathBuf,
    /// The findings, by file and line.
    pub findings: Vec<AuditFinding>,
    /// How many files were read.
    pub files_scanned: usize,
    /// Files (and folders) that were not read, or not read whole, with why:
    /// too large, unreadable, not a regular file. Each is also a
    /// [`Risk::Critical`] finding of the rule `unscanned`: what the auditor
    /// cannot read, it cannot vouch for.
    pub skipped: Vec<(PathBuf, String)>,
}

impl AuditReport {
    /// Whether nothing was found (and everything could be read).
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
