//! Validation: what must hold for a tool, checked before code is generated.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{ItemImpl, LitStr, Signature};

use super::parse::ToolArgs;
use crate::common::diagnostics::Errors;

/// The longest tool name that fits `mcp__<server>__<tool>` in 64
/// characters with a one-character server name.
const MAX_TOOL_NAME: usize = 64 - "mcp__".len() - 1 - "__".len();

/// The tool's name (from `name = "..."` or the function's), with the span
/// errors about it point at.
pub(crate) fn tool_name(args: &ToolArgs, sig: &Signature, errors: &mut Errors) -> (String, Span) {
    let (name, span) = match &args.name {
        Some(lit) => (lit.value(), lit.span()),
        None => (sig.ident.unraw().to_string(), sig.ident.span()),
    };
    if name.is_empty() {
        errors.push(syn::Error::new(span, "a tool name cannot be empty"));
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        errors.push(syn::Error::new(
            span,
            format!(
                "invalid tool name `{name}`: {c:?} is not allowed; Claude accepts letters, digits, \
                 `_` and `-`"
            ),
        ));
    } else if name.len() > MAX_TOOL_NAME {
        errors.push(syn::Error::new(
            span,
            format!(
                "the tool name `{name}` is {} characters long: Claude sees it as \
                 `mcp__<server>__{name}`, which must fit in 64 characters, so at most \
                 {MAX_TOOL_NAME} are possible",
                name.len()
            ),
        ));
    }
    (name, span)
}

/// The signature must be a plain, non-generic `async fn`.
pub(crate) fn signature(sig: &Signature, errors: &mut Errors) {
    if sig.asyncness.is_none() {
        errors.spanned(
            sig.fn_token,
            "tool functions must be `async`: write `async fn`",
        );
    }
    if let Some(constness) = &sig.constness {
        errors.spanned(constness, "a tool function cannot be `const`");
    }
    if !matches!(sig.safety, syn::Safety::Default) {
        errors.spanned(sig, "a tool function cannot be `unsafe` or `safe`");
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(abi, "a tool function cannot have an ABI");
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(variadic, "a tool function cannot be variadic");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.spanned(
            &sig.generics,
            "a tool function cannot be generic: its input schema must be known",
        );
    }
}

/// `meta = "..."` must be a JSON object.
pub(crate) fn meta(meta: Option<&LitStr>, errors: &mut Errors) {
    let Some(lit) = meta else {
        return;
    };
    match serde_json::from_str::<serde_json::Value>(&lit.value()) {
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) => errors.spanned(lit, "`meta` must be a JSON object"),
        Err(err) => errors.spanned(lit, format!("`meta` is not valid JSON: {err}")),
    }
}

/// A `#[tools]` impl must be an inherent, non-generic impl.
pub(crate) fn tools_impl(item: &ItemImpl, errors: &mut Errors) {
    if let Some((path, _)) = &item.trait_ {
        errors.spanned(
            path,
            "`#[tools]` goes on an inherent impl block (`impl MyState { ... }`), not a trait impl",
        );
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        errors.spanned(
            &item.generics,
            "`#[tools]` does not support generic impl blocks: implement the tools for a \
             concrete type",
        );
    }
    if item.unsafety.is_some() {
        errors.spanned(&item.self_ty, "`#[tools]` cannot be used on an unsafe impl");
    }
}

/// Tool names in one `#[tools]` impl must differ.
pub(crate) fn distinct_names(names: &[(String, Span)], errors: &mut Errors) {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for (name, span) in names {
        if seen.insert(name, *span).is_some() {
            errors.push(syn::Error::new(
                *span,
                format!("duplicate tool name `{name}`: another tool in this impl has it"),
            ));
        }
    }
}
