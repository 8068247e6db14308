//! Skill name rules: the CLI's (what it can invoke) and the Agent Skills
//! format's (what other tools and the API accept).

use std::sync::LazyLock;

use regex::Regex;

/// The longest name the Agent Skills format allows.
pub(crate) const MAX_NAME_CHARS: usize = 64;
/// The longest description the Agent Skills format allows.
pub(crate) const MAX_DESCRIPTION_CHARS: usize = 1024;
/// Words a skill name may not contain (Agent Skills format).
const RESERVED_WORDS: [&str; 2] = ["anthropic", "claude"];

/// Why the CLI cannot invoke a skill under `name` (its folder name), if it
/// cannot.
///
/// Claude Code 2.1.330 refuses skill names that are empty, have surrounding
/// whitespace, contain parentheses, commas or control characters, or are
/// `*` ("Skill names match the skill's directory name"); such a skill cannot
/// be named in `Skill(<name>)` permission rules or the `skills` option.
pub(crate) fn invocation_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return Some("it is empty".to_owned());
    }
    if name.trim() != name {
        return Some("it has surrounding whitespace".to_owned());
    }
    if name == "*" {
        return Some("`*` means every skill".to_owned());
    }
    if name == "." || name == ".." || name.contains(['/', '\\']) {
        return Some("it is not a plain folder name".to_owned());
    }
    if name.chars().any(|c| "(),".contains(c) || c.is_control()) {
        return Some(
            "parentheses, commas and control characters are not allowed in skill names".to_owned(),
        );
    }
    None
}

/// Why `name` breaks the Agent Skills format's naming rule, if it does:
/// lowercase letters, digits and single hyphens, neither first nor last, at
/// most 64 characters.
pub(crate) fn format_problem(name: &str) -> Option<String> {
    static FORMAT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("^[a-z0-9]+(-[a-z0-9]+)*$").expect("valid regex"));
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Some(format!(
            "it is {chars} characters long; the limit is {MAX_NAME_CHARS}"
        ));
    }
    if !FORMAT.is_match(name) {
        return Some(
            "use lowercase letters, digits and single hyphens (not first or last), \
             like `pdf-forms`"
                .to_owned(),
        );
    }
    None
}

/// The reserved word `name` contains, if any.
pub(crate) fn reserved_word(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    RESERVED_WORDS.into_iter().find(|w| lower.contains(w))
}

/// Whether `text` holds something that looks like an XML tag.
pub(crate) fn has_xml_tag(text: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"</?[A-Za-z][A-Za-z0-9_.:-]*(\s[^<>]*)?/?>").expect("valid regex")
    });
    TAG.is_match(text)
}

/// Checks a name for use as a skill folder, for installing.
pub(crate) fn check_folder_name(name: &str) -> Result<(), super::SkillError> {
    match invocation_problem(name) {
        None if !name.starts_with('.') => Ok(()),
        None => Err(super::SkillError::InvalidName {
            name: name.to_owned(),
            reason: "a hidden folder is not a skill".to_owned(),
        }),
        Some(reason) => Err(super::SkillError::InvalidName {
            name: name.to_owned(),
            reason,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocation_rules_follow_the_cli() {
        for good in ["pdf", "Upper_Case", "with space", "dots.ok"] {
            assert_eq!(invocation_problem(good), None, "{good}");
        }
        for bad in ["", " x", "x ", "*", "a,b", "f(x)", "tab\there", "..", "a/b"] {
            assert!(invocation_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn format_rules_follow_the_agent_skills_format() {
        for good in ["pdf", "pdf-forms", "v2-tools", "a"] {
            assert_eq!(format_problem(good), None, "{good}");
        }
        for bad in [
            "PDF",
            "pdf_forms",
            "-pdf",
            "pdf-",
            "pdf--forms",
            "pdf forms",
            "",
        ] {
            assert!(format_problem(bad).is_some(), "{bad:?}");
        }
        assert!(format_problem(&"a".repeat(65)).unwrap().contains("65"));
        assert_eq!(format_problem(&"a".repeat(64)), None);
    }

    #[test]
    fn reserved_words_and_xml() {
        assert_eq!(reserved_word("my-claude-helper"), Some("claude"));
        assert_eq!(reserved_word("Anthropic-tools"), Some("anthropic"));
        assert_eq!(reserved_word("pdf"), None);
        assert!(has_xml_tag("Use <b>this</b>"));
        assert!(has_xml_tag("a <system-reminder> b"));
        assert!(has_xml_tag("Hint: <file>"));
        assert!(!has_xml_tag("when a < b and c > d"));
    }
}
