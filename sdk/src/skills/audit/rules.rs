//! The built-in audit rules: patterns matched line by line, and the
//! structural checks of [`flow`](super::flow).

use regex::Regex;

use super::flow::Check;
use super::fold::HOMOGLYPH_LETTERS;
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

fn rule(id: &'static str, risk: Risk, pattern: &str, why: &'static str) -> AuditRule {
    AuditRule::compiled(
        id,
        Regex::new(pattern).expect("built-in audit patterns are valid"),
        risk,
        why,
    )
}

fn check(id: &'static str, risk: Risk, check: Check, why: &'static str) -> AuditRule {
    AuditRule::check(id, check, risk, why)
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
        check(
            "pipe-to-shell",
            Risk::Critical,
            Check::PipeToShell,
            "downloads code and runs it at once, unreviewed: whoever controls the URL controls \
             the machine; download, check and then run",
        ),
        check(
            "shell-from-download",
            Risk::Critical,
            Check::ShellFromDownload,
            "runs downloaded code given as an argument or a process substitution \
             (`bash -c \"$(curl …)\"`, `bash <(curl …)`), unreviewed",
        ),
        rule(
            "shell-from-download",
            Risk::Critical,
            r"(?i)\b(?:iex|invoke-expression)\b[^\n]*\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile)\b",
            "runs downloaded PowerShell code (`iex (iwr …)`), unreviewed",
        ),
        check(
            "download-and-run",
            Risk::Critical,
            Check::DownloadAndRun,
            "downloads a file and runs it without checking a checksum or signature first: \
             whoever controls the URL controls the machine",
        ),
        check(
            "decode-to-shell",
            Risk::Critical,
            Check::DecodeToShell,
            "decodes hidden code (base64, hex, compressed, reversed) and runs it: obfuscated \
             commands cannot be reviewed",
        ),
        // Destructive commands.
        check(
            "rm-root",
            Risk::Critical,
            Check::RmRoot,
            "recursively deletes the root, a system or the home folder",
        ),
        rule(
            "rmtree-root",
            Risk::Critical,
            r#"(?i)\b(?:shutil\.rmtree|rmtree|fs(?:\.promises)?\.rm(?:Sync)?|fs\.rmdirSync|rimraf(?:\.sync)?|FileUtils\.rm_r[f]?|FileUtils\.remove_dir)\s*\(\s*(?:(?:r|f|b)?["'](?:/|~|~/|/\*|/(?:bin|boot|etc|home|lib|opt|root|usr|var)/?)["']|os\.path\.expanduser\(\s*["']~/?["']\s*\)|(?:pathlib\.)?Path\.home\(\s*\)|(?:pathlib\.)?Path\(\s*["']~/?["']\s*\)\.expanduser\(\s*\)|os\.environ(?:\.get)?[\[(]\s*["']HOME["']|os\.getenv\(\s*["']HOME["']|os\.homedir\(\s*\)|process\.env\.HOME\b|Dir\.home\b|ENV\[["']HOME["']\])"#,
            "recursively deletes the root or home folder",
        ),
        check(
            "rm-variable",
            Risk::High,
            Check::RmVariable,
            "recursively deletes a path taken from a variable: if it is empty or unset the \
             command deletes far more than intended; guard it with `${VAR:?}` and quote it",
        ),
        rule(
            "disk-write",
            Risk::Critical,
            r"\bdd\b[^\n]*\bof=/dev/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper/|root\b)|\bmkfs(?:\.[a-z0-9]+)?\s+(?:-\S+\s+)*/dev/|>\s*/dev/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d)|\b(?:wipefs|shred|blkdiscard)\b[^\n]*\s/dev/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|md)",
            "overwrites a disk or a partition: everything on it is lost",
        ),
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
        check(
            "credential-upload",
            Risk::Critical,
            Check::CredentialUpload,
            "sends credentials (an SSH private key, cloud credentials) to another host: \
             whoever receives them can act as their owner",
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
            r"(?i)\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|of\s+)?(?:the\s+|your\s+|my\s+|these\s+|those\s+)?(?:previous|prior|above|earlier|preceding|system|original)\s+(?:instructions?|prompts?|rules|directions|guidelines)\b",
            "tries to override the model's instructions",
        )
        .across_lines(),
        rule(
            "hidden-characters",
            Risk::Medium,
            "[\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200B}-\u{200D}\u{2060}-\u{2064}\u{00AD}\u{180E}]",
            "invisible or direction-changing characters can hide text from a reviewer",
        ),
        rule(
            "unicode-tags",
            Risk::High,
            "[\u{E0000}-\u{E007F}]",
            "Unicode tag characters: invisible to a reviewer, but models read them as text \
             (\"ASCII smuggling\"); the auditor decodes them and checks the hidden text too",
        ),
        rule(
            "mixed-script",
            Risk::Medium,
            &format!("[a-zA-Z][{HOMOGLYPH_LETTERS}]|[{HOMOGLYPH_LETTERS}][a-zA-Z]"),
            "a word mixing Latin letters with lookalike Cyrillic, Greek or Armenian ones: a way \
             to write words a reviewer reads but a filter does not",
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
