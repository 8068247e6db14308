//! The files a skill's body links to: Markdown links and images whose
//! target is a path, found with a CommonMark parser (so links in code
//! blocks do not count, and reference-style links do).

use std::path::{Component, Path};

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::split::line_at;

/// A link from the body to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The path as written, without `#fragment` or `?query`, and
    /// percent-decoded.
    pub(crate) target: String,
    /// The line (1-based, within the file) of the link.
    pub(crate) line: usize,
}

impl Link {
    /// Whether the path is absolute.
    pub(crate) fn is_absolute(&self) -> bool {
        Path::new(&self.target).has_root() || self.target.starts_with('/')
    }

    /// Whether the relative path climbs out of the folder it starts in.
    pub(crate) fn leaves_folder(&self) -> bool {
        let mut depth = 0i32;
        for component in Path::new(&self.target).components() {
            match component {
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
                Component::RootDir | Component::Prefix(_) => return true,
            }
            if depth < 0 {
                return true;
            }
        }
        false
    }
}

/// The links to files in `body`, which starts on line `body_line` of its
/// file. Web links (`https:`, `mailto:`, ...) and in-page anchors are left
/// out.
pub(crate) fn file_links(body: &str, body_line: usize) -> Vec<Link> {
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let Some(target) = file_target(&dest) else {
            continue;
        };
        links.push(Link {
            target,
            line: body_line + line_at(body, range.start) - 1,
        });
    }
    links
}

fn file_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") {
        return None;
    }
    let scheme_len = dest
        .find(|c: char| !(c.is_ascii_alphanumeric() || "+.-".contains(c)))
        .unwrap_or(0);
    let has_scheme = scheme_len > 0
        && dest.as_bytes()[0].is_ascii_alphabetic()
        && dest[scheme_len..].starts_with(':');
    if has_scheme {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    Some(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_file_links_with_lines() {
        let body = "# Title\n\nSee [forms](FORMS.md#filling) and ![chart](img/chart%201.png).\n\n\
                    ```\n[not a link](inside-code.md)\n```\n\n\
                    Visit [site](https://example.com), [mail](mailto:a@b.c), [top](#title).\n\
                    Also [ref][r].\n\n[r]: reference/api.md \"API\"\n";
        let links = file_links(body, 10);
        let got: Vec<(&str, usize)> = links.iter().map(|l| (l.target.as_str(), l.line)).collect();
        assert_eq!(
            got,
            [
                ("FORMS.md", 12),
                ("img/chart 1.png", 12),
                ("reference/api.md", 19)
            ]
        );
    }

    #[test]
    fn leaving_the_folder() {
        let link = |t: &str| Link {
            target: t.to_owned(),
            line: 1,
        };
        assert!(link("../secrets.txt").leaves_folder());
        assert!(link("a/../../b").leaves_folder());
        assert!(!link("a/../b").leaves_folder());
        assert!(!link("./b").leaves_folder());
        assert!(link("/etc/passwd").is_absolute());
        assert!(!link("docs/x.md").is_absolute());
    }
}
