//! Splitting a `SKILL.md` into its front matter and body, the way the CLI
//! does it.
//!
//! Claude Code 2.1.330 finds the front matter with the regular expression
//! `^---\s*\n([\s\S]*?)---\s*\n?`: an opening `---` line, then everything up
//! to the *first* later `---`, wherever it stands. A `---` inside a value ends
//! the front matter there; a file that opens with `---` but never has
//! another has no front matter at all (its whole text is the body).

/// How the front matter is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delimiters {
    /// The file does not start with a `---` line.
    Absent,
    /// An opening and a closing `---` line.
    Closed,
    /// The closing `---` is not a line of its own (it stands inside a line,
    /// or has text after it): the CLI ends the front matter there anyway.
    Ambiguous {
        /// The line of the `---` the CLI stops at (1-based).
        line: usize,
    },
    /// An opening `---` line without a closing one: the CLI reads no front
    /// matter.
    Unterminated,
}

/// A `SKILL.md` split into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// How the front matter is delimited.
    pub(crate) delimiters: Delimiters,
    /// The YAML between the delimiters, when there is front matter.
    pub(crate) yaml: Option<&'a str>,
    /// The line of the first YAML line (1-based).
    pub(crate) yaml_line: usize,
    /// The body: everything after the front matter (the whole text when
    /// there is none).
    pub(crate) body: &'a str,
    /// The line the body starts on (1-based).
    pub(crate) body_line: usize,
}

/// The 1-based line of byte `at` in `text`.
pub(crate) fn line_at(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Splits `text` as the CLI does. A leading byte-order mark is ignored.
pub(crate) fn split(text: &str) -> Split<'_> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let t = &text[bom..];
    let whole = |delimiters| Split {
        delimiters,
        yaml: None,
        yaml_line: 1,
        body: t,
        body_line: 1,
    };
    let Some(after_open) = t.strip_prefix("---") else {
        return whole(Delimiters::Absent);
    };
    // `---\s*\n`: the greedy whitespace run after the dashes must hold a
    // newline; the YAML starts after the last one in the run.
    let run_len = after_open
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(after_open.len());
    let Some(last_newline) = after_open[..run_len].rfind('\n') else {
        return whole(Delimiters::Absent);
    };
    let yaml_start = 3 + last_newline + 1;
    // `([\s\S]*?)---`: the first `---` after the opening line closes it.
    let Some(close_rel) = t[yaml_start..].find("---") else {
        return whole(Delimiters::Unterminated);
    };
    let close = yaml_start + close_rel;
    let yaml = &t[yaml_start..close];
    // `---\s*\n?`: trailing whitespace (newlines included) belongs to the
    // delimiter.
    let after_close = &t[close + 3..];
    let trailing = after_close
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(after_close.len());
    let body_start = close + 3 + trailing;
    let own_line = (close == 0 || t.as_bytes()[close - 1] == b'\n')
        && (after_close.is_empty() || after_close[..trailing].contains('\n'));
    let delimiters = if own_line {
        Delimiters::Closed
    } else {
        Delimiters::Ambiguous {
            line: line_at(t, close),
        }
    };
    Split {
        delimiters,
        yaml: Some(yaml),
        yaml_line: line_at(t, yaml_start),
        body: &t[body_start..],
        body_line: line_at(t, body_start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_plain_skill() {
        let text = "---\nname: pdf\ndescription: PDFs\n---\n# PDF\n\nUse it.\n";
        let s = split(text);
        assert_eq!(s.delimiters, Delimiters::Closed);
        assert_eq!(s.yaml, Some("name: pdf\ndescription: PDFs\n"));
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# PDF\n\nUse it.\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn blank_lines_after_the_delimiters_are_skipped_as_the_cli_does() {
        let text = "---  \n\nname: x\n---\n\n\nbody\n";
        let s = split(text);
        assert_eq!(s.yaml, Some("name: x\n"));
        assert_eq!(s.yaml_line, 3);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 7);
    }

    #[test]
    fn no_front_matter() {
        for text in ["# Title\nbody", "----\nname: x\n---\n", "--- x\n---\n", ""] {
            let s = split(text);
            assert_eq!(s.delimiters, Delimiters::Absent, "{text:?}");
            assert_eq!(s.body, text);
            assert!(s.yaml.is_none());
        }
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let s = split("---\nname: x\ndescription: y\n");
        assert_eq!(s.delimiters, Delimiters::Unterminated);
        assert!(s.yaml.is_none());
        assert_eq!(s.body, "---\nname: x\ndescription: y\n");
    }

    #[test]
    fn a_dash_run_inside_a_value_ends_the_front_matter() {
        let text = "---\nname: x\ndescription: before --- after\n---\nbody\n";
        let s = split(text);
        assert_eq!(s.delimiters, Delimiters::Ambiguous { line: 3 });
        assert_eq!(s.yaml, Some("name: x\ndescription: before "));
        assert_eq!(s.body, "after\n---\nbody\n");
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}---\r\nname: x\r\n---\r\nbody\r\n";
        let s = split(text);
        assert_eq!(s.delimiters, Delimiters::Closed);
        assert_eq!(s.yaml, Some("name: x\r\n"));
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn closing_at_end_of_file() {
        let s = split("---\nname: x\n---");
        assert_eq!(s.delimiters, Delimiters::Closed);
        assert_eq!(s.body, "");
        assert_eq!(s.body_line, 3);
    }
}
