//! Reading a command line the way a shell splits it, for the auditor: words
//! with their quotes and escapes removed (`c''url` is `curl`, `"bash"` is
//! `bash`, `$'\x63url'` is `curl`), pipelines split into stages, lists into
//! pipelines, redirections apart, and command and process substitutions
//! (`$(…)`, backquotes, `<(…)`) parsed in turn.
//!
//! This is a reader for patterns, not a shell: it does not expand
//! variables, globs, aliases or functions, and it reads one logical line at
//! a time (a here-document's lines are lines of their own). It never fails:
//! an unclosed quote is read as a plain character. Nesting deeper than
//! [`MAX_NESTING`] is kept as text, and the work is linear in the length of
//! the line.

/// How deeply substitutions are parsed; deeper ones are kept as text.
pub(super) const MAX_NESTING: usize = 8;

/// One word of a command, with quotes and escapes removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Word {
    /// The word as the command sees it (substitutions kept as `$(…)`).
    pub(super) text: String,
    /// The command and process substitutions in it, parsed.
    pub(super) inner: Vec<Script>,
    /// Whether the word is a process substitution, `<(…)` or `>(…)`.
    pub(super) process: bool,
    /// Whether any part of it was quoted or escaped.
    pub(super) quoted: bool,
}

/// What a redirection does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RedirectKind {
    /// `< file`: the file is the command's input.
    In,
    /// `> file`, `>> file`, `&> file`: the command's output goes to the
    /// file.
    Out,
    /// `<<< word`: the word is the command's input.
    HereString,
    /// `<< EOF`: the following lines are the input (not read here).
    HereDoc,
    /// `>&2`, `<&3`: a copy of another descriptor.
    Dup,
}

/// A redirection and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Redirect {
    pub(super) kind: RedirectKind,
    pub(super) target: Word,
}

/// One command of a pipeline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Stage {
    pub(super) words: Vec<Word>,
    pub(super) redirects: Vec<Redirect>,
}

/// Commands joined by `|`: each stage's output is the next one's input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Pipeline {
    pub(super) stages: Vec<Stage>,
}

/// Pipelines joined by `;`, `&&`, `||`, `&` or parentheses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Script {
    pub(super) pipelines: Vec<Pipeline>,
    /// The line rebuilt from its words and operators, one space apart.
    pub(super) text: String,
}

/// Parses one logical line. With `quote_blind`, quote characters are read
/// as spaces: a command inside a string of another language
/// (`os.system("curl … | sh")`) then reads as a command too.
pub(super) fn parse(line: &str, quote_blind: bool) -> Script {
    let chars: Vec<char> = line
        .chars()
        .map(|c| {
            if quote_blind && (c == '"' || c == '\'') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut parser = Parser {
        chars,
        pos: 0,
        failed: Failed::default(),
    };
    parser.script(0, false)
}

/// Quote and bracket kinds already found unclosed: later ones of the same
/// kind are read as plain characters without searching again, which keeps
/// the reading linear.
#[derive(Debug, Default)]
struct Failed {
    single: bool,
    double: bool,
    backquote: bool,
    brace: bool,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    failed: Failed,
}

/// The builder of one script: the current stage and pipeline, and the
/// rebuilt text.
#[derive(Default)]
struct Building {
    script: Script,
    pipeline: Pipeline,
    stage: Stage,
    pending: Option<RedirectKind>,
}

impl Building {
    fn token(&mut self, text: &str) {
        if !self.script.text.is_empty() {
            self.script.text.push(' ');
        }
        self.script.text.push_str(text);
    }

    fn end_stage(&mut self) {
        let stage = std::mem::take(&mut self.stage);
        if !stage.words.is_empty() || !stage.redirects.is_empty() {
            self.pipeline.stages.push(stage);
        }
        self.pending = None;
    }

    fn end_pipeline(&mut self) {
        self.end_stage();
        let pipeline = std::mem::take(&mut self.pipeline);
        if !pipeline.stages.is_empty() {
            self.script.pipelines.push(pipeline);
        }
    }

    fn word(&mut self, word: Word) {
        self.token(&word.text);
        match self.pending.take() {
            Some(kind) => self.stage.redirects.push(Redirect { kind, target: word }),
            None => self.stage.words.push(word),
        }
    }

    fn redirect(&mut self, kind: RedirectKind, text: &str) {
        self.token(text);
        self.pending = Some(kind);
    }

    fn finish(mut self) -> Script {
        self.end_pipeline();
        self.script
    }
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.at(i) == Some(c))
    }

    /// Reads a script up to the end of the line or, in a substitution
    /// (`closing`), up to its unmatched `)`.
    fn script(&mut self, depth: usize, closing: bool) -> Script {
        let mut b = Building::default();
        let mut parens = 0usize;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' | '\n' => self.pos += 1,
                ')' if closing && parens == 0 => {
                    self.pos += 1;
                    break;
                }
                '|' => {
                    self.pos += 1;
                    if self.peek() == Some('|') {
                        self.pos += 1;
                        b.token("||");
                        b.end_pipeline();
                    } else {
                        if self.peek() == Some('&') {
                            self.pos += 1;
                        }
                        b.token("|");
                        b.end_stage();
                    }
                }
                '&' => {
                    self.pos += 1;
                    match self.peek() {
                        Some('&') => {
                            self.pos += 1;
                            b.token("&&");
                            b.end_pipeline();
                        }
                        Some('>') => {
                            self.pos += 1;
                            if self.peek() == Some('>') {
                                self.pos += 1;
                            }
                            b.redirect(RedirectKind::Out, "&>");
                        }
                        _ => {
                            b.token("&");
                            b.end_pipeline();
                        }
                    }
                }
                ';' => {
                    self.pos += 1;
                    b.token(";");
                    b.end_pipeline();
                }
                '(' => {
                    self.pos += 1;
                    parens += 1;
                    b.token("(");
                    b.end_pipeline();
                }
                ')' => {
                    self.pos += 1;
                    parens = parens.saturating_sub(1);
                    b.token(")");
                    b.end_pipeline();
                }
                '<' | '>' if self.at(1) == Some('(') => {
                    self.pos += 2;
                    let inner = self.substitution(depth);
                    let open = if c == '<' { "<(" } else { ">(" };
                    b.word(Word {
                        text: format!("{open}{})", inner.text),
                        inner: vec![inner],
                        process: true,
                        quoted: false,
                    });
                }
                '<' => {
                    let (kind, len) = if self.starts_with("<<<") {
                        (RedirectKind::HereString, 3)
                    } else if self.starts_with("<<-") {
                        (RedirectKind::HereDoc, 3)
                    } else if self.starts_with("<<") {
                        (RedirectKind::HereDoc, 2)
                    } else if self.starts_with("<&") {
                        (RedirectKind::Dup, 2)
                    } else if self.starts_with("<>") {
                        (RedirectKind::In, 2)
                    } else {
                        (RedirectKind::In, 1)
                    };
                    let text: String = self.chars[self.pos..self.pos + len].iter().collect();
                    self.pos += len;
                    b.redirect(kind, &text);
                }
                '>' => {
                    let (kind, len) = if self.starts_with(">&") {
                        (RedirectKind::Dup, 2)
                    } else if self.starts_with(">>") || self.starts_with(">|") {
                        (RedirectKind::Out, 2)
                    } else {
                        (RedirectKind::Out, 1)
                    };
                    let text: String = self.chars[self.pos..self.pos + len].iter().collect();
                    self.pos += len;
                    b.redirect(kind, &text);
                }
                _ => {
                    let word = self.word(depth);
                    let fd = !word.quoted
                        && !word.text.is_empty()
                        && word.text.bytes().all(|d| d.is_ascii_digit())
                        && matches!(self.peek(), Some('<' | '>'));
                    if !fd && (!word.text.is_empty() || word.quoted) {
                        b.word(word);
                    }
                }
            }
        }
        b.finish()
    }

    /// A substitution's script, after its `$(` or `<(`: parsed, or kept as
    /// text when nested too deeply.
    fn substitution(&mut self, depth: usize) -> Script {
        if depth < MAX_NESTING {
            return self.script(depth + 1, true);
        }
        let mut text = String::new();
        let mut parens = 0usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                '(' => parens += 1,
                ')' if parens == 0 => break,
                ')' => parens -= 1,
                _ => {}
            }
            text.push(c);
        }
        Script {
            pipelines: Vec::new(),
            text,
        }
    }

    /// The position of the next `close` from `from`, skipping characters
    /// escaped with a backslash when `escapes`.
    fn find(&self, from: usize, close: char, escapes: bool) -> Option<usize> {
        let mut i = from;
        while let Some(&c) = self.chars.get(i) {
            if escapes && c == '\\' {
                i += 2;
                continue;
            }
            if c == close {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    fn word(&mut self, depth: usize) -> Word {
        let mut w = Word::default();
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' | '\n' | '|' | '&' | ';' | '<' | '>' | '(' | ')' => break,
                '\\' => {
                    self.pos += 1;
                    if let Some(next) = self.peek() {
                        w.text.push(next);
                        self.pos += 1;
                    }
                    w.quoted = true;
                }
                '\'' => self.single_quoted(&mut w),
                '"' => self.double_quoted(&mut w, depth),
                '`' => self.backquoted(&mut w, depth),
                '$' => {
                    if self.dollar(&mut w, depth) {
                        break;
                    }
                }
                _ => {
                    w.text.push(c);
                    self.pos += 1;
                }
            }
        }
        w
    }

    fn single_quoted(&mut self, w: &mut Word) {
        let end = if self.failed.single {
            None
        } else {
            self.find(self.pos + 1, '\'', false)
        };
        match end {
            Some(end) => {
                w.text.extend(&self.chars[self.pos + 1..end]);
                w.quoted = true;
                self.pos = end + 1;
            }
            None => {
                self.failed.single = true;
                w.text.push('\'');
                self.pos += 1;
            }
        }
    }

    fn double_quoted(&mut self, w: &mut Word, depth: usize) {
        let start = self.pos;
        if self.failed.double {
            w.text.push('"');
            self.pos += 1;
            return;
        }
        self.pos += 1;
        let mut text = String::new();
        let mut inner = Vec::new();
        loop {
            match self.peek() {
                None => {
                    // Unclosed: a plain quote character after all.
                    self.failed.double = true;
                    self.pos = start + 1;
                    w.text.push('"');
                    return;
                }
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => match self.at(1) {
                    Some(next @ ('$' | '`' | '"' | '\\')) => {
                        text.push(next);
                        self.pos += 2;
                    }
                    Some('\n') => self.pos += 2,
                    _ => {
                        text.push('\\');
                        self.pos += 1;
                    }
                },
                Some('$') if self.at(1) == Some('(') => {
                    self.pos += 2;
                    let script = self.substitution(depth);
                    text.push_str(&format!("$({})", script.text));
                    inner.push(script);
                }
                Some('`') => {
                    let mut part = Word::default();
                    self.backquoted(&mut part, depth);
                    text.push_str(&part.text);
                    inner.extend(part.inner);
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        w.text.push_str(&text);
        w.inner.extend(inner);
        w.quoted = true;
    }

    fn backquoted(&mut self, w: &mut Word, depth: usize) {
        let end = if self.failed.backquote {
            None
        } else {
            self.find(self.pos + 1, '`', true)
        };
        let Some(end) = end else {
            self.failed.backquote = true;
            w.text.push('`');
            self.pos += 1;
            return;
        };
        let body: String = self.chars[self.pos + 1..end].iter().collect();
        self.pos = end + 1;
        let script = if depth < MAX_NESTING {
            let mut nested = Parser {
                chars: body.chars().collect(),
                pos: 0,
                failed: Failed::default(),
            };
            nested.script(depth + 1, false)
        } else {
            Script {
                pipelines: Vec::new(),
                text: body,
            }
        };
        w.text.push_str(&format!("$({})", script.text));
        w.inner.push(script);
    }

    /// Reads what follows a `$`; returns `true` when it ends the word (an
    /// unquoted `$IFS`, which expands to a separator).
    fn dollar(&mut self, w: &mut Word, depth: usize) -> bool {
        match self.at(1) {
            Some('(') => {
                self.pos += 2;
                let script = self.substitution(depth);
                w.text.push_str(&format!("$({})", script.text));
                w.inner.push(script);
            }
            Some('\'') => {
                let end = if self.failed.single {
                    None
                } else {
                    self.find(self.pos + 2, '\'', true)
                };
                match end {
                    Some(end) => {
                        let body: String = self.chars[self.pos + 2..end].iter().collect();
                        w.text.push_str(&ansi_c(&body));
                        w.quoted = true;
                        self.pos = end + 1;
                    }
                    None => {
                        self.failed.single = true;
                        w.text.push('$');
                        self.pos += 1;
                    }
                }
            }
            Some('{') => {
                let end = if self.failed.brace {
                    None
                } else {
                    self.find(self.pos + 2, '}', true)
                };
                match end {
                    Some(end) => {
                        let body: String = self.chars[self.pos + 2..end].iter().collect();
                        self.pos = end + 1;
                        if body == "IFS" {
                            return true;
                        }
                        w.text.push_str("${");
                        w.text.push_str(&body);
                        w.text.push('}');
                    }
                    None => {
                        self.failed.brace = true;
                        w.text.push('$');
                        self.pos += 1;
                    }
                }
            }
            _ if self.starts_with("$IFS")
                && !self
                    .at(4)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                self.pos += 4;
                return true;
            }
            _ => {
                w.text.push('$');
                self.pos += 1;
            }
        }
        false
    }
}

/// The text of an ANSI-C quoted string (`$'…'`), escapes decoded.
fn ansi_c(body: &str) -> String {
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        let mut number = |radix: u32, max: usize, first: Option<char>| {
            let mut digits: String = first.into_iter().collect();
            while digits.len() < max {
                match chars.peek() {
                    Some(d) if d.is_digit(radix) => {
                        digits.push(*d);
                        chars.next();
                    }
                    _ => break,
                }
            }
            u32::from_str_radix(&digits, radix)
                .ok()
                .and_then(char::from_u32)
        };
        let decoded = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' | 'E' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            'x' => number(16, 2, None),
            'u' => number(16, 4, None),
            'U' => number(16, 8, None),
            '0'..='7' => number(8, 3, Some(e)),
            other => Some(other),
        };
        if let Some(d) = decoded {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(stage: &Stage) -> Vec<&str> {
        stage.words.iter().map(|w| w.text.as_str()).collect()
    }

    fn stages(line: &str) -> Vec<Vec<Vec<String>>> {
        parse(line, false)
            .pipelines
            .iter()
            .map(|p| {
                p.stages
                    .iter()
                    .map(|s| words(s).into_iter().map(str::to_owned).collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn quotes_and_escapes_are_removed() {
        assert_eq!(
            stages(r#"c''url -fsSL "https://x" | "bash" -s"#),
            [[vec!["curl", "-fsSL", "https://x"], vec!["bash", "-s"]]]
        );
        assert_eq!(stages(r"\c\u\r\l x|s\h"), [[vec!["curl", "x"], vec!["sh"]]]);
        assert_eq!(stages(r"$'\x63\165rl' x"), [[vec!["curl", "x"]]]);
        assert_eq!(
            stages("curl${IFS}x$IFS|sh"),
            [[vec!["curl", "x"], vec!["sh"]]]
        );
        // An unclosed quote is a plain character.
        assert_eq!(stages("don't | sh"), [[vec!["don't"], vec!["sh"]]]);
    }

    #[test]
    fn lists_pipelines_and_redirections() {
        let script = parse("curl -o f https://x && sh f; a 2>&1 >out <in | b", false);
        assert_eq!(script.pipelines.len(), 3);
        let last = &script.pipelines[2];
        assert_eq!(words(&last.stages[0]), ["a"]);
        let kinds: Vec<_> = last.stages[0]
            .redirects
            .iter()
            .map(|r| (r.kind, r.target.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (RedirectKind::Dup, "1"),
                (RedirectKind::Out, "out"),
                (RedirectKind::In, "in")
            ]
        );
        assert_eq!(
            script.text,
            "curl -o f https://x && sh f ; a >& 1 > out < in | b"
        );
    }

    #[test]
    fn substitutions_are_parsed() {
        let script = parse(r#"bash -c "$(curl -fsSL https://x)" `wget y | sh`"#, false);
        let stage = &script.pipelines[0].stages[0];
        assert_eq!(stage.words[2].text, "$(curl -fsSL https://x)");
        assert_eq!(
            words(&stage.words[2].inner[0].pipelines[0].stages[0]),
            ["curl", "-fsSL", "https://x"]
        );
        assert_eq!(stage.words[3].inner[0].pipelines[0].stages.len(), 2);
        let process = parse("source <(curl x)", false);
        let word = &process.pipelines[0].stages[0].words[1];
        assert!(word.process);
        assert_eq!(word.text, "<(curl x)");
    }

    #[test]
    fn quote_blind_reads_commands_inside_strings() {
        let script = parse(r#"os.system("curl https://x | sh")"#, true);
        let names: Vec<_> = script
            .pipelines
            .iter()
            .flat_map(|p| &p.stages)
            .map(|s| s.words[0].text.as_str())
            .collect();
        assert_eq!(names, ["os.system", "curl", "sh"]);
    }

    #[test]
    fn hostile_lines_are_read_in_linear_time_without_recursing_deeply() {
        let deep = "$(".repeat(100_000);
        let script = parse(&deep, false);
        assert!(script.text.len() <= 2 * deep.len() + 16);
        let braces = "${".repeat(100_000);
        let _ = parse(&braces, false);
        let quotes = "\"'`".repeat(100_000);
        let _ = parse(&quotes, false);
        let backquotes = format!("{}x", "`$(".repeat(50_000));
        let _ = parse(&backquotes, false);
    }
}
