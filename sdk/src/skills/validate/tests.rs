use super::*;

fn lines_of(report: &ValidationReport, rule: Rule) -> Vec<Option<usize>> {
    report.of_rule(rule).map(|f| f.line).collect()
}

fn skill_dir(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(SKILL_FILE), text).unwrap();
    (root, dir)
}

#[test]
fn a_good_skill_has_no_findings() {
    let (_root, dir) = skill_dir(
        "pdf-forms",
        "---\nname: pdf-forms\ndescription: Fills PDF forms. Use when a form must be filled.\n\
         allowed-tools: Read, Bash(python3:*)\nlicense: MIT\nmetadata:\n  version: \"1.0\"\n---\n\
         # PDF forms\n\nSee [the reference](reference.md).\n",
    );
    std::fs::write(dir.join("reference.md"), "details").unwrap();
    let report = SkillValidator::new()
        .strict(true)
        .validate_dir(&dir)
        .unwrap();
    assert!(report.findings.is_empty(), "{report}");
    assert!(report.is_valid());
    assert_eq!(
        report.to_string(),
        format!("{}: no problems", report.file.display())
    );
}

#[test]
fn findings_point_at_their_lines() {
    let text = "---\n\
                name: My_Skill\n\
                description: Does <b>things</b>.\n\
                allowed-tools: 7\n\
                metadata: [a]\n\
                shell: zsh\n\
                frobnicate: yes\n\
                user-invocable: maybe\n\
                ---\n\
                # Title\n\
                \n\
                See [missing](missing.md) and [up](../secret.txt).\n\
                ![abs](/etc/passwd)\n";
    let (_root, dir) = skill_dir("my-skill", text);
    let report = SkillValidator::new().validate_dir(&dir).unwrap();
    assert_eq!(lines_of(&report, Rule::NameFormat), [Some(2)]);
    assert_eq!(lines_of(&report, Rule::NameMismatch), [Some(2)]);
    assert_eq!(lines_of(&report, Rule::XmlTags), [Some(3)]);
    assert_eq!(lines_of(&report, Rule::AllowedToolsType), [Some(4)]);
    assert_eq!(lines_of(&report, Rule::MetadataType), [Some(5)]);
    assert_eq!(lines_of(&report, Rule::ShellValue), [Some(6)]);
    assert_eq!(lines_of(&report, Rule::UnknownKey), [Some(7)]);
    assert_eq!(lines_of(&report, Rule::BooleanType), [Some(8)]);
    assert_eq!(
        lines_of(&report, Rule::ReferenceMissing),
        [Some(12), Some(12)]
    );
    assert_eq!(
        lines_of(&report, Rule::ReferenceOutside),
        [Some(12), Some(13)]
    );
    // Errors: allowed-tools, shell, two missing references.
    assert_eq!(report.errors().count(), 4, "{report}");
    assert!(!report.is_valid());
    // Findings are sorted by line, and Display names the file and line.
    let lines: Vec<_> = report.findings.iter().map(|f| f.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    let shown = report.to_string();
    assert!(
        shown.contains("SKILL.md:6: error[shell-value]: `shell` must be `bash` or `powershell`"),
        "{shown}"
    );
}

#[test]
fn strict_mode_turns_format_rules_into_errors() {
    let text = "---\nname: claude-helper\ndescription: Helps.\n---\nBody.\n";
    let lenient = SkillValidator::new().validate_str(text, None);
    assert!(lenient.is_valid(), "{lenient}");
    assert_eq!(lines_of(&lenient, Rule::NameReserved), [Some(2)]);
    assert_eq!(lenient.max_severity(), Some(Severity::Warning));
    let strict = SkillValidator::new().strict(true).validate_str(text, None);
    assert!(!strict.is_valid());
}

#[test]
fn front_matter_problems() {
    let report = SkillValidator::new().validate_str("Just a body.\n", None);
    assert_eq!(lines_of(&report, Rule::FrontMatterMissing), [Some(1)]);
    assert!(report.is_valid(), "the CLI still loads it");

    let report = SkillValidator::new().validate_str("---\nname: x\n", None);
    assert_eq!(lines_of(&report, Rule::FrontMatterUnterminated), [Some(1)]);

    let report =
        SkillValidator::new().validate_str("---\nname: x\ndescription: a --- b\n---\nbody\n", None);
    assert_eq!(lines_of(&report, Rule::FrontMatterAmbiguousEnd), [Some(3)]);

    let report = SkillValidator::new().validate_str(
        "---\nname: x\ndescription: a: b: c\n  - x\n ]]\n---\nbody\n",
        None,
    );
    let syntax: Vec<_> = report.of_rule(Rule::YamlSyntax).collect();
    assert_eq!(syntax.len(), 1, "{report}");
    assert!(
        syntax[0].line.is_some_and(|l| (3..=5).contains(&l)),
        "{report}"
    );
    assert!(syntax[0].message.contains("drops every field"));
    // Every field is dropped, so the description is reported missing too.
    assert!(report.has(Rule::DescriptionMissing));

    let report = SkillValidator::new()
        .validate_str("---\nname: x\ndescription: [unclosed\n---\nbody\n", None);
    assert_eq!(lines_of(&report, Rule::YamlForgiven), [Some(3)]);
    assert!(report.is_valid(), "{report}");
    assert!(!report.has(Rule::DescriptionMissing));

    let report = SkillValidator::new().validate_str("---\n- a\n- b\n---\nbody\n", None);
    assert_eq!(lines_of(&report, Rule::FrontMatterNotMapping), [Some(2)]);
}

#[test]
fn name_and_description_rules() {
    let report = SkillValidator::new().validate_str("---\nname: 5\n---\nbody\n", None);
    assert_eq!(lines_of(&report, Rule::NameType), [Some(2)]);
    assert_eq!(lines_of(&report, Rule::DescriptionMissing), [Some(2)]);

    let long = "d".repeat(1025);
    let text = format!("---\nname: x\ndescription: {long}\n---\nbody\n");
    let report = SkillValidator::new().validate_str(&text, None);
    assert_eq!(lines_of(&report, Rule::DescriptionLength), [Some(3)]);

    let report = SkillValidator::new().validate_str("---\ndescription: d\n---\nbody\n", None);
    assert_eq!(lines_of(&report, Rule::NameMissing), [Some(2)]);

    let report =
        SkillValidator::new().validate_str("---\nname: x\ndescription: [1, 2]\n---\nb\n", None);
    assert_eq!(lines_of(&report, Rule::DescriptionType), [Some(3)]);
    assert!(!report.has(Rule::DescriptionMissing));
}

#[test]
fn folder_names_the_cli_cannot_invoke() {
    let (_root, dir) = skill_dir("bad,name", "---\nname: bad\ndescription: d\n---\nbody\n");
    let report = SkillValidator::new().validate_dir(&dir).unwrap();
    let finding = report.of_rule(Rule::FolderName).next().expect("a finding");
    assert_eq!(finding.severity, Severity::Error);
    assert!(finding.message.contains("commas"));
}

#[test]
fn body_rules() {
    let report = SkillValidator::new().validate_str("---\nname: x\ndescription: d\n---\n\n", None);
    assert_eq!(lines_of(&report, Rule::BodyEmpty), [Some(5)]);
    let body = "line\n".repeat(501);
    let text = format!("---\nname: x\ndescription: d\n---\n{body}");
    let report = SkillValidator::new().validate_str(&text, None);
    assert_eq!(lines_of(&report, Rule::BodyLong), [Some(5)]);
    assert_eq!(report.max_severity(), Some(Severity::Info));
}

#[test]
fn folders_without_a_skill_file() {
    let root = tempfile::tempdir().unwrap();
    let report = SkillValidator::new().validate_dir(root.path()).unwrap();
    assert!(report.has(Rule::SkillFileMissing));
    assert!(!report.is_valid());
    let missing = SkillValidator::new().validate_dir(root.path().join("gone"));
    assert!(matches!(missing, Err(SkillError::Io { .. })));
}

#[cfg(unix)]
#[test]
fn a_fifo_skill_file_is_an_error_not_a_hang() {
    use crate::skills::test_support::{make_fifo, returns};
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("fifo");
    std::fs::create_dir(&dir).unwrap();
    make_fifo(&dir.join(SKILL_FILE));
    let result = returns("validate_dir of a FIFO SKILL.md", move || {
        SkillValidator::new().validate_dir(&dir)
    });
    assert!(
        matches!(result, Err(SkillError::NotAFile { .. })),
        "{result:?}"
    );
}

#[test]
fn a_deeply_nested_front_matter_is_an_error_finding() {
    use crate::skills::test_support::returns;
    let text = format!(
        "---\nname: deep\ndescription: d\nmetadata: {}{}\n---\nbody\n",
        "{a: ".repeat(50_000),
        "}".repeat(50_000)
    );
    let report = returns("validating 50k nested maps", move || {
        SkillValidator::new().validate_str(&text, None)
    });
    assert!(!report.is_valid(), "{report}");
    assert_eq!(lines_of(&report, Rule::FrontMatterTooComplex), [Some(2)]);
}
