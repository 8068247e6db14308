//! Doc comments as descriptions.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The doc attributes' values, as an expression of type `&'static str`
/// (`None` without docs). Literal lines lose the one space rustdoc puts
/// after `///`, and are joined with newlines; other values
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
                for line in value.lines() {
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

enum Part {
    Line(String),
    Expr(Expr),
}
