//! The built-in audit rules: patterns matched line by line.

use regex::Regex;

use super::{AuditRule, Risk};

/// Whether a matched secret value is an obvious placeholder.
fn is_placeholder(matched: &str) -> bool {
    let lower = matched.to_lowercase();
    [
        "your",
        "example",
        "xxxx",
        "changeme",
        "placeholder",
        "<",
        "dummy",
        "redacted",
        "***",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// Whether an `rm` command's flags make it recursive.
fn is_not_recursive(matched: &str) -> bool {
    let flags: Vec<&str> = matched
        .split_whitespace()
        .skip(1)
        .take_while(|w| w.starts_with('-'))
        .collect();
    !flags
        .iter()
        .any(|f| *f == "--recursive" || (!f.starts_with("--") && f.contains(['r', 'R'])))
}

/// Whether a variable expansion guards against being empty (`${VAR:?}`).
fn is_guarded(matched: &str) -> bool {
    matched.contains(":?")
}

fn rule(id: &'static str, risk: Risk, pattern: &str, why: &'static str) -> AuditRule {
    AuditRule::compiled(
        id,
        Regex::new(pattern).expect("built-in audit patterns are valid"),
        risk,
        why,
    )
}

/// The rules every [`SkillAuditor`](super::SkillAuditor) starts with.
pub(super) fn builtin() -> Vec<AuditRule> {
    vec![
        // Credentials.
        rule(
            "anthropic-api-key",
            Risk::Critical,
            r"\bsk-ant-[a-z]+\d*-[A-Za-z0-9_\-]{20,}",
            "a hard-coded Anthropic API key: anyone with the skill can use and bill it; read \
             keys from the environment",
        )
        .redacted(),
        rule(
            "openai-api-key",
            Risk::Critical,
            r"\bsk-proj-[A-Za-z0-9_\-]{20,}|\bsk-[A-Za-z0-9]{32,}\b",
            "a hard-coded OpenAI API key: anyone with the skill can use and bill it",
        )
        .redacted(),
        rule(
            "aws-access-key",
            Risk::Critical,
            r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
            "a hard-coded AWS access key id: credentials do not belong in a skill",
        )
        .redacted(),
        rule(
            "github-token",
            Risk::Critical,
            r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}",
            "a hard-coded GitHub token: it grants access to repositories",
        )
        .redacted(),
        rule(
            "slack-token",
            Risk::Critical,
            r"\bxox[abprs]-[A-Za-z0-9\-]{10,}",
            "a hard-coded Slack token",
        )
        .redacted(),
        rule(
            "google-api-key",
            Risk::High,
            r"\bAIza[0-9A-Za-z_\-]{35}\b",
            "a hard-coded Google API key",
        )
        .redacted(),
        rule(
            "private-key",
            Risk::Critical,
            r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----",
            "a private key: whoever has the skill can impersonate its owner",
        ),
        rule(
            "hardcoded-secret",
            Risk::High,
            r#"(?i)\b(?:api[_-]?key|secret|token|password|passwd|access[_-]?key|auth)\b["']?\s*[:=]\s*["'][^"'\s$]{8,}["']"#,
            "a secret assigned as a literal: read it from the environment or a secret store",
        )
        .redacted()
        .unless(is_placeholder),
        // Running code from elsewhere.
        rule(
            "pipe-to-shell",
            Risk::Critical,
            r"(?i)\b(?:curl|wget)\b[^|\n]*\|\s*(?:sudo\s+)?(?:(?:ba|z|k|da|fi)?sh|python3?|node|perl|ruby)\b",
            "downloads code and runs it at once, unreviewed: whoever controls the URL controls \
             the machine; download, check and then run",
        ),
        rule(
            "shell-from-download",
            Risk::Critical,
            r"(?i)\b(?:(?:ba|z)?sh|source|python3?)\s+<\(\s*(?:curl|wget)\b",
            "runs a downloaded script through process substitution, unreviewed",
        ),
        rule(
            "decode-to-shell",
            Risk::Critical,
            r"(?i)\bbase64\s+(?:-d|--decode|-D)\b[^|\n]*\|\s*(?:sudo\s+)?(?:(?:ba|z)?sh|python3?)\b",
            "decodes hidden code and runs it: obfuscated commands cannot be reviewed",
        ),
        // Destructive commands.
        rule(
            "rm-root",
            Risk::Critical,
            r#"\brm\s+(?:-[a-zA-Z]+\s+|--[a-z\-]+\s+)+["']?(?:/\*?|~/?|\$HOME/?|\$\{HOME\}/?)["']?(?:\s|$|;|&)"#,
            "recursively deletes the root or home folder",
        )
        .unless(is_not_recursive),
        rule(
            "rm-variable",
            Risk::High,
            r#"\brm\s+(?:-[a-zA-Z]+\s+|--[a-z\-]+\s+)+["']?\$\{?[A-Za-z_@*0-9][^\s"';&|]*"#,
            "recursively deletes a path taken from a variable: if it is empty or unset the \
             command deletes far more than intended; guard it with `${VAR:?}` and quote it",
        )
        .unless(|m| is_not_recursive(m) || is_guarded(m)),
        rule(
            "chmod-world-writable",
            Risk::Medium,
            r"\bchmod\s+(?:-[a-zA-Z]+\s+)*(?:0?777|a\+rwx|ugo\+rwx|o\+w)\b",
            "makes files writable by every user",
        ),
        rule(
            "sudo",
            Risk::Medium,
            r"(?:^|[;&|`(]\s*|\s)sudo\s+\S",
            "runs a command with root rights",
        ),
        // Evaluating input.
        rule(
            "eval-variable",
            Risk::High,
            r#"\beval\s+["']?\$"#,
            "evaluates the content of a variable as shell code: input becomes commands",
        ),
        rule(
            "eval-call",
            Risk::High,
            r"\b(?:eval|exec)\s*\(",
            "evaluates a string as code: if the string holds input, the input becomes code",
        ),
        rule(
            "shell-injection",
            Risk::Medium,
            r"\bsubprocess\.[a-z_]+\([^)\n]*shell\s*=\s*True|\bos\.system\s*\(|\bos\.popen\s*\(|\bchild_process\b[^\n]*\bexec(?:Sync)?\s*\(",
            "builds a shell command from a string: input can inject commands; pass arguments as \
             a list",
        ),
        // Reaching outside the skill.
        rule(
            "path-traversal",
            Risk::Medium,
            r#"(?:^|[\s"'(=:,\[])\.\.[/\\]"#,
            "climbs out of the skill folder with `../`: the skill reaches files it does not ship",
        ),
        rule(
            "sensitive-path",
            Risk::High,
            r"(?:~|\$HOME|\$\{HOME\}|/home/[^/\s]+|/root)/\.(?:ssh|aws|gnupg|kube|docker|netrc|npmrc|pypirc|git-credentials|config/gcloud)\b|/etc/(?:shadow|sudoers|passwd)\b|\bid_(?:rsa|ed25519|ecdsa)\b",
            "touches credentials or system secrets (SSH keys, cloud credentials, password files)",
        ),
        rule(
            "upload",
            Risk::High,
            r"(?i)\b(?:curl|wget)\b[^\n]*(?:\s-d\s*@|--data(?:-binary|-raw|-urlencode)?[\s=]+@|\s-F\s*\S+=@|--upload-file\b|\s-T\s)",
            "uploads a local file to a server: a way to exfiltrate data",
        ),
        rule(
            "reverse-shell",
            Risk::Critical,
            r"/dev/tcp/|\bnc(?:at)?\b[^\n]*\s-[a-z]*e\s|\bsocat\b[^\n]*\bexec:",
            "opens a network shell: remote control of the machine",
        ),
        // Weakening the agent's safety.
        rule(
            "permission-bypass",
            Risk::High,
            r"--dangerously-skip-permissions|\bbypassPermissions\b|DANGEROUSLY_SKIP_PERMISSIONS",
            "turns off Claude Code's permission checks",
        ),
        rule(
            "prompt-injection",
            Risk::Medium,
            r"(?i)\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|system)\s+(?:instructions|prompts?|rules)\b",
            "tries to override the model's instructions",
        ),
        rule(
            "hidden-characters",
            Risk::Medium,
            "[\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200B}-\u{200D}\u{2060}]",
            "invisible or direction-changing characters can hide text from a reviewer",
        ),
    ]
}

/// The rule for `!`-prefixed inline commands in `SKILL.md`.
pub(super) fn inline_shell() -> AuditRule {
    rule(
        "inline-shell",
        Risk::Medium,
        r"!`[^`\n]+`",
        "an inline `!` command: Claude Code runs it when the skill loads, before the model or \
         the user sees it",
    )
}
