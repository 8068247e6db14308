//! What a command does, as far as the auditor cares: fetch from the
//! network, decode hidden data, run code (and from where), delete
//! recursively, move credentials.

use std::sync::LazyLock;

use regex::Regex;

use super::shell::{Stage, Word};

/// A command of a stage: its name (the base name, lowercase, after
/// wrappers such as `sudo`, `env` and `exec`) and its arguments.
#[derive(Debug, Clone, Copy)]
pub(super) struct Command<'s> {
    /// The word that names the command (`./install.sh`, `/bin/sh`).
    pub(super) word: &'s Word,
    /// The command's base name, lowercase (`sh`, `install.sh`).
    pub(super) name: &'s str,
    pub(super) args: &'s [Word],
}

/// Words that come before a command without being one.
const RESERVED: &[&str] = &[
    "!", "{", "}", "if", "then", "else", "elif", "do", "while", "until", "time", "[[", "]]",
];

/// Options of wrappers that take a value (`sudo -u root`).
fn takes_value(wrapper: &str, option: &str) -> bool {
    match wrapper {
        "sudo" | "doas" => matches!(
            option,
            "-u" | "-g" | "-C" | "-D" | "-h" | "-p" | "-r" | "-t" | "-U" | "-T" | "-R"
        ),
        "env" => matches!(option, "-u" | "-C" | "-S" | "--unset" | "--chdir"),
        "nice" => option == "-n",
        "ionice" => matches!(option, "-c" | "-n" | "-p"),
        "timeout" => matches!(option, "-s" | "-k" | "--signal" | "--kill-after"),
        "stdbuf" => matches!(option, "-i" | "-o" | "-e"),
        "command" | "exec" => option == "-a",
        _ => false,
    }
}

/// The base name of a path (`/usr/bin/python3` is `python3`).
pub(super) fn base_name(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path)
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

impl Stage {
    /// The command this stage runs, looking through wrappers.
    pub(super) fn command(&self) -> Option<Command<'_>> {
        let words = &self.words;
        let mut i = 0;
        while i < words.len() {
            let text = words[i].text.as_str();
            if is_assignment(text) || RESERVED.contains(&text) {
                i += 1;
                continue;
            }
            let name = base_name(text);
            let wrapper = match name {
                "sudo" | "doas" | "env" | "exec" | "command" | "builtin" | "nohup" | "nice"
                | "ionice" | "timeout" | "stdbuf" | "busybox" | "noglob" => name,
                _ => {
                    return Some(Command {
                        word: &words[i],
                        name,
                        args: &words[i + 1..],
                    });
                }
            };
            i += 1;
            // Options of the wrapper, then (for env) assignments, then (for
            // timeout) the duration.
            while let Some(word) = words.get(i) {
                let option = word.text.as_str();
                if wrapper == "env" && is_assignment(option) {
                    i += 1;
                } else if option.starts_with('-') && option.len() > 1 {
                    i += if takes_value(wrapper, option) { 2 } else { 1 };
                } else {
                    break;
                }
            }
            if wrapper == "timeout" {
                i += 1;
            }
        }
        None
    }
}

/// A language that runs code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Shell,
    Python,
    Node,
    Perl,
    Ruby,
    Php,
    Lua,
    PowerShell,
    AppleScript,
    /// PowerShell's `iex` / `Invoke-Expression`.
    Iex,
    /// `source` and `.`.
    Source,
    /// `at` and `batch`: run their input later.
    At,
}

/// The language a command name runs, if it is an interpreter.
pub(super) fn lang(name: &str) -> Option<Lang> {
    Some(match name {
        "sh" | "bash" | "zsh" | "ksh" | "dash" | "ash" | "mksh" | "yash" | "fish" | "csh"
        | "tcsh" | "rbash" | "pdksh" => Lang::Shell,
        "node" | "nodejs" => Lang::Node,
        "perl" => Lang::Perl,
        "ruby" => Lang::Ruby,
        "php" => Lang::Php,
        "lua" | "luajit" => Lang::Lua,
        "pwsh" | "powershell" | "powershell.exe" | "pwsh.exe" => Lang::PowerShell,
        "osascript" => Lang::AppleScript,
        "iex" | "invoke-expression" => Lang::Iex,
        "source" | "." => Lang::Source,
        "at" | "batch" => Lang::At,
        _ if is_python(name) => Lang::Python,
        _ => return None,
    })
}

fn is_python(name: &str) -> bool {
    let rest = name
        .strip_prefix("python")
        .or_else(|| name.strip_prefix("pypy"));
    rest.is_some_and(|r| r.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// File names that are the standard input.
fn is_stdin_file(text: &str) -> bool {
    matches!(text, "-" | "/dev/stdin" | "/dev/fd/0" | "/proc/self/fd/0")
}

/// How an interpreter's arguments say where its code comes from.
#[derive(Debug, Clone, Copy)]
pub(super) enum CodeFrom<'s> {
    /// Its standard input.
    Stdin,
    /// A word of its command line (`sh -c '…'`, `python -c '…'`).
    Argument(&'s Word),
    /// A file (`sh install.sh`, `source <(…)`).
    File(&'s Word),
    /// Nothing the auditor can tell.
    Unknown,
}

/// Whether `option` is a single-dash cluster of short options holding
/// `letter` (`-ec` holds `c`).
fn cluster_has(option: &str, letter: char) -> bool {
    option.starts_with('-')
        && !option.starts_with("--")
        && option.len() > 1
        && option[1..].chars().all(|c| c.is_ascii_alphanumeric())
        && option[1..].contains(letter)
}

/// Where the interpreter `lang` takes its code from, given its arguments.
pub(super) fn code_from<'s>(lang: Lang, args: &'s [Word]) -> CodeFrom<'s> {
    let positional_or_stdin = |i: usize, stdin_flag: bool| match args.get(i) {
        None => CodeFrom::Stdin,
        Some(word) if stdin_flag || is_stdin_file(&word.text) => CodeFrom::Stdin,
        Some(word) => CodeFrom::File(word),
    };
    match lang {
        Lang::Iex => {
            if args.is_empty() {
                CodeFrom::Stdin
            } else {
                CodeFrom::Unknown
            }
        }
        Lang::At => {
            if args.iter().any(|a| a.text == "-f") {
                CodeFrom::Unknown
            } else {
                CodeFrom::Stdin
            }
        }
        Lang::Source => match args.first() {
            Some(word) if is_stdin_file(&word.text) => CodeFrom::Stdin,
            Some(word) => CodeFrom::File(word),
            None => CodeFrom::Unknown,
        },
        Lang::PowerShell => {
            for (i, arg) in args.iter().enumerate() {
                let lower = arg.text.to_ascii_lowercase();
                if matches!(
                    lower.as_str(),
                    "-c" | "-command" | "-f" | "-file" | "-e" | "-encodedcommand"
                ) {
                    return match args.get(i + 1) {
                        Some(next) if is_stdin_file(&next.text) => CodeFrom::Stdin,
                        Some(next) if lower.starts_with("-f") => CodeFrom::File(next),
                        Some(next) => CodeFrom::Argument(next),
                        None => CodeFrom::Unknown,
                    };
                }
            }
            positional_or_stdin(
                args.iter()
                    .position(|a| !a.text.starts_with('-'))
                    .unwrap_or(args.len()),
                false,
            )
        }
        Lang::Shell => {
            let mut stdin_flag = false;
            let mut command_flag = false;
            let mut i = 0;
            while let Some(arg) = args.get(i) {
                let text = arg.text.as_str();
                if text == "--" {
                    i += 1;
                    break;
                }
                if text == "-" {
                    return CodeFrom::Stdin;
                }
                if (text.starts_with('-') || text.starts_with('+')) && text.len() > 1 {
                    if matches!(text, "-o" | "+o" | "-O" | "+O" | "--rcfile" | "--init-file") {
                        i += 1;
                    } else if !text.starts_with("--") {
                        command_flag |= text[1..].contains('c');
                        stdin_flag |= text[1..].contains('s');
                    }
                    i += 1;
                    continue;
                }
                break;
            }
            if command_flag {
                return args.get(i).map_or(CodeFrom::Unknown, CodeFrom::Argument);
            }
            positional_or_stdin(i, stdin_flag)
        }
        Lang::Python => {
            let mut i = 0;
            while let Some(arg) = args.get(i) {
                let text = arg.text.as_str();
                match text {
                    "-c" => {
                        return args
                            .get(i + 1)
                            .map_or(CodeFrom::Unknown, CodeFrom::Argument);
                    }
                    "-m" => return CodeFrom::Unknown,
                    "-W" | "-X" | "-Q" => i += 2,
                    "--" => {
                        i += 1;
                        break;
                    }
                    "-" => return CodeFrom::Stdin,
                    _ if text.starts_with('-') => i += 1,
                    _ => break,
                }
            }
            positional_or_stdin(i, false)
        }
        Lang::Node | Lang::Perl | Lang::Ruby | Lang::Php | Lang::Lua | Lang::AppleScript => {
            let mut i = 0;
            while let Some(arg) = args.get(i) {
                let text = arg.text.as_str();
                let code = match lang {
                    Lang::Node => matches!(text, "-e" | "--eval" | "-p" | "--print"),
                    Lang::Perl => cluster_has(text, 'e') || cluster_has(text, 'E'),
                    Lang::Ruby => cluster_has(text, 'e'),
                    Lang::Php => text == "-r",
                    _ => text == "-e",
                };
                if code {
                    return args
                        .get(i + 1)
                        .map_or(CodeFrom::Unknown, CodeFrom::Argument);
                }
                if text == "-" {
                    return CodeFrom::Stdin;
                }
                if lang == Lang::Php && text == "-f" {
                    return args.get(i + 1).map_or(CodeFrom::Unknown, CodeFrom::File);
                }
                if !text.starts_with('-') {
                    break;
                }
                i += if lang == Lang::Node
                    && matches!(text, "-r" | "--require" | "--import" | "--loader")
                {
                    2
                } else {
                    1
                };
            }
            positional_or_stdin(i, false)
        }
    }
}

/// What a command's output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    /// Data decoded from a hidden form (base64, hex, compressed, reversed).
    Decoded,
    /// Data from the network.
    Downloaded,
}

static CODE_DOWNLOADS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)urlopen|urllib\.request|requests\.get|http\.client|https?\.get\(|fetch\(|net/http|open-uri|lwp::|downloadstring")
        .expect("valid")
});
static CODE_DECODES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)b64decode|b32decode|a85decode|decodebytes|fromhex|unhexlify|decompress|atob\(|buffer\.from\(|frombase64string|pack\(|rot_?13")
        .expect("valid")
});
static ESCAPES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\(?:x[0-9a-fA-F]|u[0-9a-fA-F]|[0-3][0-7]{2})").expect("valid"));

/// Whether the command fetches data from the network to its output.
fn downloads(cmd: &Command<'_>) -> bool {
    match cmd.name {
        "curl" | "wget" | "wget2" | "fetch" | "http" | "https" | "xh" | "lwp-request" | "get"
        | "iwr" | "irm" | "invoke-webrequest" | "invoke-restmethod" | "nc" | "ncat" | "netcat"
        | "telnet" => true,
        "lynx" | "w3m" => cmd
            .args
            .iter()
            .any(|a| a.text.starts_with("-source") || a.text.starts_with("-dump")),
        "openssl" => cmd.args.first().is_some_and(|a| a.text == "s_client"),
        _ => script_argument(cmd).is_some_and(|code| CODE_DOWNLOADS.is_match(&code.text)),
    }
}

/// Whether the command decodes hidden data to its output.
fn decodes(cmd: &Command<'_>) -> bool {
    let any = |f: &dyn Fn(&str) -> bool| cmd.args.iter().any(|a| f(&a.text));
    match cmd.name {
        "base64" | "base32" | "basenc" | "gbase64" => {
            any(&|a| a == "--decode" || cluster_has(a, 'd') || cluster_has(a, 'D'))
        }
        "xxd" => any(&|a| a == "-revert" || cluster_has(a, 'r')),
        "openssl" => any(&|a| a == "-d" || a == "-decrypt"),
        "gzip" | "bzip2" | "xz" | "zstd" | "lz4" | "brotli" | "lzma" | "compress" | "pigz" => {
            any(&|a| a == "--decompress" || a == "--uncompress" || cluster_has(a, 'd'))
        }
        "gunzip" | "zcat" | "gzcat" | "bunzip2" | "bzcat" | "unxz" | "xzcat" | "unzstd"
        | "zstdcat" | "lz4cat" | "unlzma" | "lzcat" | "uncompress" | "uudecode" | "rev" => true,
        "tr" => cmd.args.iter().filter(|a| !a.text.starts_with('-')).count() >= 2,
        "printf" | "echo" => any(&|a| ESCAPES.is_match(a)),
        _ => script_argument(cmd).is_some_and(|code| CODE_DECODES.is_match(&code.text)),
    }
}

/// What the command's own output holds, if it fetches or decodes.
pub(super) fn source_of(cmd: &Command<'_>) -> Option<Source> {
    if downloads(cmd) {
        Some(Source::Downloaded)
    } else if decodes(cmd) {
        Some(Source::Decoded)
    } else {
        None
    }
}

/// The code an interpreter is given on its command line.
pub(super) fn code_argument<'s>(cmd: &Command<'s>) -> Option<&'s Word> {
    match lang(cmd.name).map(|l| code_from(l, cmd.args)) {
        Some(CodeFrom::Argument(word)) => Some(word),
        _ => None,
    }
}

/// The code a scripting language (Python, Node, Perl, ...) is given on its
/// command line; shell code is read as commands instead.
fn script_argument<'s>(cmd: &Command<'s>) -> Option<&'s Word> {
    match lang(cmd.name) {
        Some(Lang::Shell | Lang::PowerShell) | None => None,
        Some(_) => code_argument(cmd),
    }
}

/// The file a download writes, when it writes one (`curl -o f`,
/// `wget URL`); `None` when it writes to its output.
pub(super) fn download_target(cmd: &Command<'_>) -> Option<String> {
    let url_name = || {
        cmd.args.iter().find(|a| a.text.contains("://")).map(|a| {
            let path = a.text.split(['?', '#']).next().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default();
            if name.is_empty() || path.ends_with("//") {
                "index.html".to_owned()
            } else {
                name.to_owned()
            }
        })
    };
    let mut args = cmd.args.iter().map(|a| a.text.as_str());
    match cmd.name {
        "curl" | "fetch" | "aria2c" => {
            let mut remote_name = false;
            while let Some(arg) = args.next() {
                if let Some(file) = arg.strip_prefix("--output=") {
                    return named(file);
                }
                if arg == "--output"
                    || (arg.starts_with('-') && !arg.starts_with("--") && arg.ends_with('o'))
                {
                    return args.next().and_then(named);
                }
                if let Some(file) = arg.strip_prefix("-o").filter(|f| !f.is_empty()) {
                    return named(file);
                }
                remote_name |=
                    arg == "--remote-name" || arg == "--remote-name-all" || cluster_has(arg, 'O');
            }
            if remote_name { url_name() } else { None }
        }
        "wget" | "wget2" => {
            while let Some(arg) = args.next() {
                if let Some(file) = arg.strip_prefix("--output-document=") {
                    return named(file);
                }
                if arg == "--output-document" {
                    return args.next().and_then(named);
                }
                if arg.starts_with('-')
                    && !arg.starts_with("--")
                    && let Some((_, attached)) = arg.split_once('O')
                {
                    return if attached.is_empty() {
                        args.next().and_then(named)
                    } else {
                        named(attached)
                    };
                }
            }
            url_name()
        }
        _ => None,
    }
}

/// A file name, or `None` for the standard output (`-`).
fn named(file: &str) -> Option<String> {
    (!file.is_empty() && file != "-").then(|| file.to_owned())
}

/// Whether the command checks a download (a checksum or a signature).
pub(super) fn verifies(cmd: &Command<'_>) -> bool {
    matches!(
        cmd.name,
        "sha256sum"
            | "sha512sum"
            | "sha384sum"
            | "sha224sum"
            | "sha1sum"
            | "shasum"
            | "md5sum"
            | "b2sum"
            | "cksum"
            | "gpg"
            | "gpg2"
            | "gpgv"
            | "cosign"
            | "minisign"
            | "signify"
            | "rekor-cli"
            | "slsa-verifier"
    ) || (cmd.name == "openssl" && cmd.args.first().is_some_and(|a| a.text == "dgst"))
        || (cmd.name == "ssh-keygen" && cmd.args.iter().any(|a| a.text == "-Y"))
}

/// Whether a path names the root folder, a top-level system folder or the
/// home folder.
pub(super) fn is_root_or_home(path: &str) -> bool {
    if path.is_empty() {
        return false;
    }
    let mut p = path;
    loop {
        let trimmed = p
            .strip_suffix("/*")
            .or_else(|| p.strip_suffix("/."))
            .or_else(|| p.strip_suffix('/'))
            .unwrap_or(p);
        if trimmed.len() == p.len() {
            break;
        }
        p = trimmed;
    }
    matches!(
        p,
        "" | "~"
            | "$HOME"
            | "${HOME}"
            | "/bin"
            | "/boot"
            | "/dev"
            | "/etc"
            | "/home"
            | "/lib"
            | "/lib64"
            | "/opt"
            | "/root"
            | "/sbin"
            | "/srv"
            | "/sys"
            | "/usr"
            | "/var"
    )
}

/// Whether a path is a variable that could be empty (`$DIR`, `"$DIR"/x`),
/// rather than one guarded with `${DIR:?}`.
pub(super) fn is_unguarded_variable(path: &str) -> bool {
    path.starts_with('$') && !path.contains(":?")
}

/// What a recursive delete removes: the paths of `rm -r` or of
/// `find … -delete`; empty when the command deletes nothing recursively.
pub(super) fn recursive_deletes<'s>(cmd: &Command<'s>) -> Vec<&'s str> {
    match cmd.name {
        "rm" => {
            let mut recursive = false;
            let mut no_preserve = false;
            let mut paths = Vec::new();
            let mut options_done = false;
            for arg in cmd.args {
                let text = arg.text.as_str();
                if !options_done && text == "--" {
                    options_done = true;
                } else if !options_done && text.starts_with("--") {
                    recursive |= text == "--recursive";
                    no_preserve |= text == "--no-preserve-root";
                } else if !options_done && text.starts_with('-') && text.len() > 1 {
                    recursive |= text.contains(['r', 'R']);
                } else {
                    paths.push(text);
                }
            }
            if no_preserve && recursive {
                paths.push("/");
            }
            if recursive { paths } else { Vec::new() }
        }
        "find" => {
            let starts: Vec<&str> = cmd
                .args
                .iter()
                .map(|a| a.text.as_str())
                .take_while(|t| !t.starts_with('-') && !matches!(*t, "(" | "!" | "\\("))
                .collect();
            let texts: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
            let deletes = texts.iter().enumerate().any(|(i, t)| {
                *t == "-delete"
                    || (matches!(*t, "-exec" | "-execdir" | "-ok" | "-okdir")
                        && texts
                            .get(i + 1)
                            .is_some_and(|c| matches!(base_name(c), "rm" | "shred" | "unlink")))
            });
            if deletes { starts } else { Vec::new() }
        }
        _ => Vec::new(),
    }
}

static SENSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[/=@:~])\.(?:ssh|aws|gnupg|kube|docker|netrc|npmrc|pypirc|git-credentials|password-store)(?:/|$)|\.config/gcloud\b|\bid_(?:rsa|dsa|ecdsa|ed25519)|\bid_\*|/etc/shadow\b|\.aws/credentials\b",
    )
    .expect("valid")
});

/// Whether a word names a credential file (an SSH private key, cloud
/// credentials); public keys (`.pub`) are not credentials.
pub(super) fn is_credential_path(word: &str) -> bool {
    SENSITIVE.is_match(word) && !word.ends_with(".pub")
}

/// Options whose value is a credential the command uses, or a setting,
/// rather than something it sends (`scp -i key`, `curl --key key`).
fn takes_setting(command: &str, option: &str) -> bool {
    match command {
        "scp" | "sftp" | "rsync" | "rclone" => matches!(
            option,
            "-i" | "-F" | "-o" | "-S" | "-J" | "-e" | "-c" | "-l" | "-P" | "--rsh" | "--config"
        ),
        "curl" => matches!(
            option,
            "-E" | "--key"
                | "--cert"
                | "--cacert"
                | "--capath"
                | "--proxy-key"
                | "--proxy-cert"
                | "--pubkey"
                | "-K"
                | "--config"
        ),
        _ => false,
    }
}

/// Whether a network command names a credential file among the things it
/// sends or copies (`curl -F key=@~/.ssh/id_rsa`, `scp ~/.ssh/id_* host:`).
pub(super) fn sends_credential_file(cmd: &Command<'_>) -> bool {
    if !matches!(
        cmd.name,
        "curl"
            | "wget"
            | "wget2"
            | "http"
            | "https"
            | "xh"
            | "lwp-request"
            | "scp"
            | "sftp"
            | "rsync"
            | "rclone"
            | "ftp"
            | "lftp"
            | "tftp"
            | "smbclient"
    ) {
        return false;
    }
    let mut skip = false;
    cmd.args.iter().any(|arg| {
        let text = arg.text.as_str();
        if std::mem::take(&mut skip) {
            return false;
        }
        if takes_setting(cmd.name, text) {
            skip = true;
            return false;
        }
        let setting = [
            "--key=",
            "--cert=",
            "--rsh=",
            "--private-key=",
            "--certificate=",
            "--pubkey=",
            "--config=",
        ]
        .iter()
        .any(|p| text.starts_with(p));
        !setting && is_credential_path(text)
    })
}

/// Whether a command sends what it reads on its input over the network.
pub(super) fn sends_input(cmd: &Command<'_>) -> bool {
    matches!(
        cmd.name,
        "curl"
            | "wget"
            | "wget2"
            | "http"
            | "https"
            | "xh"
            | "nc"
            | "ncat"
            | "netcat"
            | "socat"
            | "telnet"
            | "ssh"
            | "openssl"
            | "ftp"
            | "tftp"
            | "mail"
            | "sendmail"
            | "mutt"
    )
}

#[cfg(test)]
mod tests {
    use super::super::shell::parse;
    use super::*;

    fn first(line: &str) -> (String, Vec<String>) {
        let script = parse(line, false);
        let cmd = script.pipelines[0].stages[0].command().unwrap();
        (
            cmd.name.to_owned(),
            cmd.args.iter().map(|a| a.text.clone()).collect(),
        )
    }

    #[test]
    fn wrappers_are_looked_through() {
        assert_eq!(first("sudo -E -u root env A=1 /bin/bash -s").0, "bash");
        assert_eq!(
            first("FOO=1 exec nohup nice -n 5 python3.12 x.py").0,
            "python3.12"
        );
        assert_eq!(first("timeout -s KILL 10 sh").0, "sh");
        assert_eq!(first("if curl x").0, "curl");
    }

    #[test]
    fn where_interpreters_take_their_code_from() {
        let from = |line: &str| {
            let script = parse(line, false);
            let cmd = script.pipelines[0].stages[0].command().unwrap();
            match code_from(lang(cmd.name).unwrap(), cmd.args) {
                CodeFrom::Stdin => "stdin".to_owned(),
                CodeFrom::Argument(w) => format!("arg:{}", w.text),
                CodeFrom::File(w) => format!("file:{}", w.text),
                CodeFrom::Unknown => "unknown".to_owned(),
            }
        };
        assert_eq!(from("sh"), "stdin");
        assert_eq!(from("bash -s -- --yes"), "stdin");
        assert_eq!(from("bash -x -o pipefail"), "stdin");
        assert_eq!(from("bash -ec 'echo hi'"), "arg:echo hi");
        assert_eq!(from("sh install.sh"), "file:install.sh");
        assert_eq!(from("python3 -"), "stdin");
        assert_eq!(from("python3 -u tool.py"), "file:tool.py");
        assert_eq!(from("python3 -c 'print(1)'"), "arg:print(1)");
        assert_eq!(from("python3 -m http.server"), "unknown");
        assert_eq!(from("perl -ne 'print'"), "arg:print");
        assert_eq!(from("node"), "stdin");
        assert_eq!(from("source /dev/stdin"), "stdin");
        assert_eq!(from(". ./env.sh"), "file:./env.sh");
        assert_eq!(from("iex"), "stdin");
    }

    #[test]
    fn downloads_decoders_and_targets() {
        let cmd = |line: &str| {
            let script = parse(line, false);
            let stage = script.pipelines[0].stages[0].clone();
            (
                source_of(&stage.command().unwrap()),
                download_target(&stage.command().unwrap()),
            )
        };
        assert_eq!(
            cmd("curl -fsSL https://x/i.sh"),
            (Some(Source::Downloaded), None)
        );
        assert_eq!(cmd("curl -fsSLo f https://x/i.sh").1.as_deref(), Some("f"));
        assert_eq!(cmd("curl -o f https://x").1.as_deref(), Some("f"));
        assert_eq!(
            cmd("curl -LO https://x/i.sh?v=1").1.as_deref(),
            Some("i.sh")
        );
        assert_eq!(cmd("wget https://x/a/i.sh").1.as_deref(), Some("i.sh"));
        assert_eq!(cmd("wget -qO- https://x/i.sh").1, None);
        assert_eq!(
            cmd("wget -qO out.sh https://x/i.sh").1.as_deref(),
            Some("out.sh")
        );
        assert_eq!(cmd("base64 -d").0, Some(Source::Decoded));
        assert_eq!(cmd("base64 data").0, None);
        assert_eq!(cmd("xxd -r -p").0, Some(Source::Decoded));
        assert_eq!(cmd("printf '\\x63\\x75'").0, Some(Source::Decoded));
        assert_eq!(
            cmd("python3 -c 'import base64; print(base64.b64decode(x))'").0,
            Some(Source::Decoded)
        );
        assert_eq!(cmd("jq .").0, None);
    }

    #[test]
    fn root_and_home_paths() {
        for path in [
            "/", "/*", "//", "/.", "~", "~/", "~/*", "$HOME", "${HOME}/", "/usr", "/etc/",
        ] {
            assert!(is_root_or_home(path), "{path}");
        }
        for path in [
            "./build",
            "/tmp/x",
            "build",
            "*",
            "$DIR",
            "/usr/local/share/x",
            "",
        ] {
            assert!(!is_root_or_home(path), "{path}");
        }
    }

    #[test]
    fn credential_paths() {
        for path in [
            "~/.ssh/id_rsa",
            "key=@~/.ssh/id_rsa",
            "$HOME/.aws/credentials",
            "~/.ssh/id_*",
            "/root/.ssh/",
        ] {
            assert!(is_credential_path(path), "{path}");
        }
        for path in [
            "~/.ssh/id_rsa.pub",
            "./notes.md",
            "https://example.com/.well-known",
        ] {
            assert!(!is_credential_path(path), "{path}");
        }
    }
}
