//! Skills: Claude Code's `SKILL.md` folders, parsed, validated, audited,
//! loaded progressively, kept up to date and installed.
//!
//! A skill is a folder holding a `SKILL.md`: YAML front matter (`name`,
//! `description`, `allowed-tools`, `license`, `metadata`, ...) and
//! Markdown instructions, plus any reference files and scripts. Claude Code
//! finds a project's skills in `<project>/.claude/skills/<name>/` and the
//! user's in `~/.claude/skills/<name>/`, and offers them to the model through
//! its Skill tool. Enable them for a session with
//! [`ClaudeAgentOptionsBuilder::skills`](crate::ClaudeAgentOptionsBuilder::skills).
//!
//! | need | use |
//! | --- | --- |
//! | read a `SKILL.md` | [`SkillMd`], [`FrontMatter`] |
//! | check it, with line numbers | [`SkillValidator`] → [`ValidationReport`] |
//! | look for risky code | [`SkillAuditor`] → [`AuditReport`] |
//! | load front matter first, the rest on demand | [`Skill`] |
//! | keep a folder of skills current | [`SkillRegistry`], [`SkillWatcher`] |
//! | tell a running CLI | [`ClaudeClient::reload_skills`](crate::ClaudeClient::reload_skills) |
//! | make the CLI offer a skill | [`Installer`], [`SkillSpec`] |
//!
//! ```
//! use claude_agent_sdk::skills::{Installer, SkillAuditor, SkillRegistry, SkillSpec, SkillValidator};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let project = tempfile::tempdir()?;
//! let spec = SkillSpec::new("changelog", "Updates CHANGELOG.md. Use after a release.")
//!     .allowed_tools(["Read", "Edit"])
//!     .body("# Changelog\n\nFollow [the format](format.md).\n")
//!     .file("format.md", "Keep a Changelog 1.1\n");
//! let installed = Installer::project(project.path()).install(&spec)?;
//!
//! let report = SkillValidator::new().strict(true).validate_dir(&installed.dir)?;
//! assert!(report.is_valid(), "{report}");
//! assert!(SkillAuditor::new().audit_dir(&installed.dir)?.is_clean());
//!
//! let registry = SkillRegistry::project(project.path());
//! let skill = registry.get("changelog").expect("installed");
//! assert_eq!(skill.description(), Some("Updates CHANGELOG.md. Use after a release."));
//! assert_eq!(&*skill.reference("format.md")?, "Keep a Changelog 1.1\n");
//! # Ok(()) }
//! ```
//!
//! What the CLI does with skills (observed with 2.1.330): project skills
//! load with the default setting sources and with `project`; the `skills`
//! list of `system/init` names each skill that has a description, by folder
//! name (a skill without one is only a slash command); the `initialize`
//! answer lists it under its front matter `name` with the folder name as an
//! alias and ` (project)` after its description; the Skill tool answers
//! `Launching skill: <name>` and the body reaches the model in a user
//! message starting `Base directory for this skill: <folder>`.

mod audit;
mod client;
mod error;
mod files;
mod front_matter;
mod install;
mod links;
mod names;
mod registry;
mod report;
mod skill;
mod skill_md;
mod split;
#[cfg(test)]
mod test_support;
mod validate;
mod watch;
mod yaml;

pub use audit::{AuditFinding, AuditReport, AuditRule, Risk, SkillAuditor};
pub use error::{FrontMatterLimit, SkillError};
pub use files::{MAX_FILE_BYTES, SKILL_FILE, project_skills_dir};
pub use front_matter::FrontMatter;
pub use install::{InstalledSkill, Installer, SkillSpec};
pub use registry::{SkillChanges, SkillLoadFailure, SkillRegistry};
pub use report::{Finding, Rule, Severity, ValidationReport};
pub use skill::Skill;
pub use skill_md::SkillMd;
pub use validate::SkillValidator;
pub use watch::SkillWatcher;
pub use yaml::{MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH};
