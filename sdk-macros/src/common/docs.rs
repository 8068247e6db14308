//! Doc comments as descriptions.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The doc attributes' values, as an expression of type `&'static str`
/// (`None` without docs). Literal lines lose the one space rustdoc puts
/// after `///` (in a block comment whose lines all start with `*`, that
/// `*` too), and are joined with newlines; other values
/// (`#[doc = include_str!(..)]`) are kept as they are, inside `concat!`.
pub(crate) fn description(attrs: &[Attribute]) -> Option<TokenStream> {
    let mut parts: Vec<Part> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        let Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => {
                let value = s.value();
                let decorated = is_decorated_block(&value);
                for (i, line) in value.lines().enumerate() {
                    let line = if decorated && i > 0 {
                        strip_decoration(line)
                    } else {
                        line
                    };
                    parts.push(Part::Line(
                        line.strip_prefix(' ').unwrap_or(line).to_owned(),
                    ));
                }
                if value.is_empty() {
                    parts.push(Part::Line(String::new()));
                }
            }
            other => parts.push(Part::Expr(other.clone())),
        }
    }
    // Drop leading and trailing blank lines.
    while matches!(parts.first(), Some(Part::Line(l)) if l.trim().is_empty()) {
        parts.remove(0);
    }
    while matches!(parts.last(), Some(Part::Line(l)) if l.trim().is_empty()) {
        parts.pop();
    }
    if parts.is_empty() {
        return None;
    }
    if parts.iter().all(|p| matches!(p, Part::Line(_))) {
        let text = parts
            .iter()
            .map(|p| match p {
                Part::Line(l) => l.trim_end(),
                Part::Expr(_) => "",
            })
            .collect::<Vec<_>>()
            .join("\n");
        return Some(quote!(#text));
    }
    let mut pieces = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            pieces.push(quote!("\n"));
        }
        pieces.push(match part {
            Part::Line(line) => quote!(#line),
            Part::Expr(expr) => quote!(#expr),
        });
    }
    Some(quote!(::core::concat!(#(#pieces),*)))
}

/// Whether a doc attribute's value is a block doc comment (`/** ... */`,
/// the only doc comment whose value spans lines) whose lines after the
/// first all start with a `*` decoration:
///
/// ```text
/// /**
///  * Like this.
///  */
/// ```
///
/// The first line is the text right after `/**`, undecorated; blank lines
/// (the one before `*/`, say) need no `*`.
fn is_decorated_block(value: &str) -> bool {
    let mut rest = value.lines().skip(1).filter(|l| !l.trim().is_empty());
    let mut any = false;
    rest.all(|line| {
        any = true;
        line.trim_start().starts_with('*')
    }) && any
}

/// A line of a decorated block comment without its leading whitespace and
/// `*` (the space after it then goes like any line's first space).
fn strip_decoration(line: &str) -> &str {
    let trimmed = line.trim_start();
    trimmed.strip_prefix('*').unwrap_or(line)
}

enum Part {
    Line(String),
    Expr(Expr),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: &[&str]) -> Option<String> {
        let source = tokens.join("\n") + "\nfn f() {}";
        let item: syn::ItemFn = syn::parse_str(&source).unwrap();
        description(&item.attrs).map(|doc| syn::parse2::<syn::LitStr>(doc).unwrap().value())
    }

    #[test]
    fn line_comments_lose_one_space() {
        assert_eq!(
            text(&["/// Adds two numbers.", "///", "///  * not a decoration"]).as_deref(),
            Some("Adds two numbers.\n\n * not a decoration")
        );
        assert_eq!(text(&["#[inline]"]), None);
    }

    #[test]
    fn block_comments_lose_their_decoration() {
        let decorated = [
            "/**",
            " * Adds two numbers.",
            " *",
            " * * `a`: the first",
            " */",
        ];
        assert_eq!(
            text(&decorated).as_deref(),
            Some("Adds two numbers.\n\n* `a`: the first")
        );
        let first_line = ["/** Adds two numbers.", " *   indented", " */"];
        assert_eq!(
            text(&first_line).as_deref(),
            Some("Adds two numbers.\n  indented")
        );
        let no_space = ["/**", " *Adds.", " */"];
        assert_eq!(text(&no_space).as_deref(), Some("Adds."));
        // Only lines after the first are decorated.
        let emphasis = ["/** *Adds* two numbers.", " * More.", " */"];
        assert_eq!(
            text(&emphasis).as_deref(),
            Some("*Adds* two numbers.\nMore.")
        );
    }

    #[test]
    fn undecorated_block_comments_keep_their_stars() {
        let plain = ["/**", "Lists:", "* one", "*/"];
        assert_eq!(text(&plain).as_deref(), Some("Lists:\n* one"));
        assert_eq!(text(&["/** One line. */"]).as_deref(), Some("One line."));
    }
}
