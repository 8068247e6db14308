//! Auditing a skill folder file by file: what can be read is scanned, and
//! what cannot (too large, unreadable, a special file) is a critical
//! finding, never a silent skip. Binary files are told apart by their first
//! bytes: programs cannot be reviewed (critical), archives hide their
//! contents (high), media and documents are scanned for their text; NUL
//! bytes anywhere else are critical, since shells skip them and they can
//! hide a command from a reviewer.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::SkillAuditor;
use super::report::{AuditFinding, AuditReport, Risk};
use crate::skills::error::SkillError;
use crate::skills::files::{MAX_FILE_BYTES, open_regular, walk};

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// Text (or at least nothing known).
    Text,
    /// A compiled program.
    Program(&'static str),
    /// A compressed or archive file.
    Archive(&'static str),
    /// An image, a sound, a video, a font, a document, a database.
    Media,
}

fn format_of(path: &Path, bytes: &[u8]) -> Format {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let has_nul = memchr::memchr(0, bytes).is_some();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let script = matches!(
        extension.as_str(),
        "sh" | "bash"
            | "zsh"
            | "ksh"
            | "fish"
            | "py"
            | "js"
            | "mjs"
            | "cjs"
            | "ts"
            | "rb"
            | "pl"
            | "php"
            | "ps1"
            | "psm1"
            | "lua"
            | "md"
            | "txt"
            | "json"
            | "yaml"
            | "yml"
            | "toml"
            | "cfg"
            | "ini"
            | "env"
    );
    if starts(b"#!") || (script && !starts(b"\x7fELF")) {
        return Format::Text;
    }
    if starts(b"\x7fELF") {
        return Format::Program("an ELF program");
    }
    if [
        &b"\xfe\xed\xfa\xce"[..],
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ]
    .iter()
    .any(|m| starts(m))
    {
        return Format::Program("a Mach-O program or Java class");
    }
    if starts(b"MZ") && has_nul {
        return Format::Program("a Windows program");
    }
    if starts(b"\0asm") {
        return Format::Program("a WebAssembly module");
    }
    if matches!(
        extension.as_str(),
        "pyc" | "pyo" | "class" | "so" | "dylib" | "dll" | "exe"
    ) && has_nul
    {
        return Format::Program("compiled code");
    }
    let archive = [
        (&b"PK\x03\x04"[..], "a zip archive"),
        (b"PK\x05\x06", "a zip archive"),
        (b"\x1f\x8b", "a gzip file"),
        (b"BZh", "a bzip2 file"),
        (b"\xfd7zXZ\0", "an xz file"),
        (b"\x28\xb5\x2f\xfd", "a zstd file"),
        (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
        (b"Rar!", "a rar archive"),
    ];
    if let Some((_, what)) = archive.iter().find(|(m, _)| starts(m)) {
        // Office documents are zip archives of XML: documents, not code.
        return if matches!(
            extension.as_str(),
            "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp"
        ) {
            Format::Media
        } else {
            Format::Archive(what)
        };
    }
    if bytes.get(257..262) == Some(b"ustar") {
        return Format::Archive("a tar archive");
    }
    let media: &[&[u8]] = &[
        b"\x89PNG",
        b"\xff\xd8\xff",
        b"GIF8",
        b"RIFF",
        b"BM",
        b"\0\0\x01\0",
        b"II*\0",
        b"MM\0*",
        b"%PDF",
        b"\0\x01\0\0",
        b"OTTO",
        b"true",
        b"wOFF",
        b"wOF2",
        b"ttcf",
        b"ID3",
        b"OggS",
        b"fLaC",
        b"SQLite format 3\0",
        b"PAR1",
        b"\x1a\x45\xdf\xa3",
    ];
    if media.iter().any(|m| starts(m)) || bytes.get(4..8) == Some(b"ftyp") {
        return Format::Media;
    }
    Format::Text
}

/// The text a binary file's bytes spell: NUL bytes dropped (as shells drop
/// them), every other byte that is not printable ASCII a line break.
fn binary_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .filter(|&&b| b != 0)
        .map(|&b| {
            if b == b'\t' || b == b'\n' || (b' '..=b'~').contains(&b) {
                char::from(b)
            } else {
                '\n'
            }
        })
        .collect()
}

/// A text file's text, NUL bytes dropped.
fn text_without_nul(bytes: &[u8]) -> String {
    if memchr::memchr(0, bytes).is_none() {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    String::from_utf8_lossy(&kept).into_owned()
}

fn whole_file(file: PathBuf, risk: Risk, rule: &str, why: String) -> AuditFinding {
    AuditFinding {
        file,
        line: None,
        risk,
        rule: rule.to_owned(),
        why,
        excerpt: String::new(),
    }
}

/// Records a file (or folder) the auditor could not read whole.
fn unscanned(report: &mut AuditReport, file: PathBuf, reason: String) {
    report.findings.push(whole_file(
        file.clone(),
        Risk::Critical,
        "unscanned",
        format!(
            "{reason}: the auditor could not read it, so it cannot vouch for it; review it by \
             other means, or remove it"
        ),
    ));
    report.skipped.push((file, reason));
}

/// Reads at most [`MAX_FILE_BYTES`] of a regular file; also returns whether
/// there was more.
fn read_capped(path: &Path) -> Result<(Vec<u8>, bool), SkillError> {
    let (file, meta) = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkillError::io(path, e))?;
    let more = bytes.len() as u64 > MAX_FILE_BYTES || meta.len() > MAX_FILE_BYTES;
    bytes.truncate(usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX));
    Ok((bytes, more))
}

pub(super) fn audit_dir(auditor: &SkillAuditor, dir: &Path) -> Result<AuditReport, SkillError> {
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
        unscanned(
            &mut report,
            PathBuf::from("."),
            "the folder is too deep or has too many files to scan completely".to_owned(),
        );
    }
    for (folder, why) in listing.unreadable {
        unscanned(
            &mut report,
            folder,
            format!("a folder that cannot be listed ({why})"),
        );
    }
    for entry in listing.entries {
        if entry.is_link {
            report
                .findings
                .push(link_finding(&root, &entry.path, entry.relative));
            continue;
        }
        if let Some(kind) = entry.special {
            unscanned(
                &mut report,
                entry.relative,
                format!("{kind}, not a regular file; it was not opened"),
            );
            continue;
        }
        let (bytes, more) = match read_capped(&entry.path) {
            Ok(read) => read,
            Err(SkillError::NotAFile { kind, .. }) => {
                unscanned(
                    &mut report,
                    entry.relative,
                    format!("{kind}, not a regular file; it was not opened"),
                );
                continue;
            }
            Err(SkillError::Io { source, .. }) => {
                unscanned(
                    &mut report,
                    entry.relative,
                    format!("unreadable ({source})"),
                );
                continue;
            }
            Err(other) => {
                unscanned(&mut report, entry.relative, other.to_string());
                continue;
            }
        };
        if more {
            unscanned(
                &mut report,
                entry.relative.clone(),
                format!("larger than {MAX_FILE_BYTES} bytes; only the start was scanned"),
            );
        }
        report.files_scanned += 1;
        let text = match format_of(&entry.relative, &bytes) {
            Format::Program(what) => {
                report.findings.push(whole_file(
                    entry.relative.clone(),
                    Risk::Critical,
                    "binary-executable",
                    format!(
                        "{what}: compiled code cannot be reviewed; ship the source, or review \
                         and build it by other means"
                    ),
                ));
                binary_text(&bytes)
            }
            Format::Archive(what) => {
                report.findings.push(whole_file(
                    entry.relative.clone(),
                    Risk::High,
                    "archive",
                    format!(
                        "{what}: its contents were not scanned, and whatever unpacks it may run \
                         them; ship the files unpacked"
                    ),
                ));
                binary_text(&bytes)
            }
            Format::Media => binary_text(&bytes),
            Format::Text => {
                if memchr::memchr(0, &bytes).is_some() {
                    report.findings.push(whole_file(
                        entry.relative.clone(),
                        Risk::Critical,
                        "nul-bytes",
                        "NUL bytes in a file that is not a known binary format: shells skip \
                         them, so they can hide a command from a reviewer (they were dropped \
                         before scanning)"
                            .to_owned(),
                    ));
                }
                text_without_nul(&bytes)
            }
        };
        report
            .findings
            .extend(auditor.audit_text(&entry.relative, &text));
    }
    report
        .findings
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(report)
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
        excerpt: format!("-> {}", target.display()),
        ..whole_file(relative, risk, "symlink", why.to_owned())
    }
}
