//! [`AuditRule`]: one thing the auditor looks for.

use std::fmt;

use regex::Regex;

use super::flow::Check;
use super::report::Risk;
use crate::skills::error::SkillError;

/// How a rule finds what it looks for.
#[derive(Clone)]
pub(super) enum Matcher {
    /// A regular expression, matched on each line as written and as
    /// normalised.
    Pattern(Regex),
    /// A structural check on the commands of each line (see
    /// [`flow`](super::flow)).
    Check(Check),
}

/// A pattern the auditor looks for, line by line, in every text file of a
/// skill. Each line is matched as written, and again normalised: lines
/// continued with a backslash joined, Unicode tag characters decoded,
/// invisible characters removed, lookalike letters and compatibility forms
/// folded to ASCII, and, for commands, quotes and escapes removed
/// (`c''url` reads `curl`). Secret rules ([`redacted`](Self::redacted))
/// also match across lines, for keys split over several lines or string
/// literals.
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
    pub(super) id: String,
    pub(super) matcher: Matcher,
    pub(super) risk: Risk,
    pub(super) why: String,
    pub(super) redact: bool,
    pub(super) across_lines: bool,
    unless: Option<fn(&str) -> bool>,
}

impl fmt::Debug for AuditRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("AuditRule");
        s.field("id", &self.id);
        match &self.matcher {
            Matcher::Pattern(pattern) => s.field("pattern", &pattern.as_str()),
            Matcher::Check(check) => s.field("check", check),
        };
        s.field("risk", &self.risk).finish_non_exhaustive()
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

    pub(super) fn compiled(
        id: impl Into<String>,
        pattern: Regex,
        risk: Risk,
        why: impl Into<String>,
    ) -> Self {
        Self::with_matcher(id, Matcher::Pattern(pattern), risk, why)
    }

    pub(super) fn check(
        id: impl Into<String>,
        check: Check,
        risk: Risk,
        why: impl Into<String>,
    ) -> Self {
        Self::with_matcher(id, Matcher::Check(check), risk, why)
    }

    fn with_matcher(
        id: impl Into<String>,
        matcher: Matcher,
        risk: Risk,
        why: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            matcher,
            risk,
            why: why.into(),
            redact: false,
            across_lines: false,
            unless: None,
        }
    }

    /// Also matches across line breaks, for prose wrapped over several
    /// lines.
    #[must_use]
    pub(super) fn across_lines(mut self) -> Self {
        self.across_lines = true;
        self
    }

    /// Hides the matched text in excerpts (for secrets). A redacted rule is
    /// also matched across lines, joined where a string literal or a line
    /// is continued (`"sk-ant-" + "…"`, `KEY=abc\` then `def`), so that a
    /// secret split over lines is found too.
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

    /// The pattern, for a rule that matches one.
    pub(super) fn pattern(&self) -> Option<&Regex> {
        match &self.matcher {
            Matcher::Pattern(pattern) => Some(pattern),
            Matcher::Check(_) => None,
        }
    }

    /// The first match on `line` that is not exempt, if any.
    pub(super) fn find<'l>(&self, line: &'l str) -> Option<regex::Match<'l>> {
        self.pattern()?
            .find_iter(line)
            .find(|m| self.unless.is_none_or(|exempt| !exempt(m.as_str())))
    }
}
