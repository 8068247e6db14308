//! Validation: what must hold for a tool, checked before code is generated.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{GenericArgument, ItemImpl, LitStr, PathArguments, Signature, Type};

use super::parse::{Input, ToolArgs, ToolSig};
use crate::common::diagnostics::Errors;
use crate::common::{params, signature};

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
    let kind = signature::Kind {
        attr: "tool",
        what: "a tool function",
        why_not_generic: "its input schema must be known",
    };
    signature::plain_async_fn(sig, &kind, errors);
}

/// The input is decoded from the tool's JSON arguments, so it must be
/// owned: named parameters become fields of the generated input struct,
/// where a reference, `impl Trait` or `'_` is not allowed (and the compiler
/// would report it in code the user never wrote).
pub(crate) fn input_types(sig: &ToolSig, errors: &mut Errors) {
    match &sig.input {
        Input::Params(params) => {
            for param in params {
                if let Some(borrowed) = borrowed_part(&param.ty) {
                    errors.spanned(
                        borrowed,
                        "tool parameters become fields of the input struct: take an owned type \
                         (e.g. `String` instead of `&str`)",
                    );
                }
            }
        }
        Input::Struct(ty) => {
            if let Some(borrowed) = borrowed_part(ty) {
                errors.spanned(
                    borrowed,
                    "the arguments struct is decoded from the tool's input: take an owned type \
                     (e.g. `MyArgs` instead of `&MyArgs`)",
                );
            }
        }
    }
}

/// The part of a type that borrows or cannot be named in a struct field: a
/// reference, `impl Trait` or the elided lifetime `'_`.
fn borrowed_part(ty: &Type) -> Option<&dyn quote::ToTokens> {
    match ty {
        Type::Reference(_) | Type::ImplTrait(_) => Some(ty),
        Type::Array(array) => borrowed_part(&array.elem),
        Type::Slice(slice) => borrowed_part(&slice.elem),
        Type::Group(group) => borrowed_part(&group.elem),
        Type::Paren(paren) => borrowed_part(&paren.elem),
        Type::Tuple(tuple) => tuple.elems.iter().find_map(borrowed_part),
        Type::Path(path) => {
            if let Some(qself) = &path.qself
                && let Some(found) = borrowed_part(&qself.ty)
            {
                return Some(found);
            }
            path.path
                .segments
                .iter()
                .find_map(|segment| borrowed_in_arguments(&segment.arguments))
        }
        Type::TraitObject(object) => object.bounds.iter().find_map(|bound| match bound {
            syn::TypeParamBound::Lifetime(lifetime) if lifetime.ident == "_" => {
                Some(lifetime as &dyn quote::ToTokens)
            }
            syn::TypeParamBound::Trait(bound) => bound
                .path
                .segments
                .iter()
                .find_map(|segment| borrowed_in_arguments(&segment.arguments)),
            _ => None,
        }),
        // Function pointers may take references (`fn(&str)`): those are not
        // borrowed by the field.
        _ => None,
    }
}

/// [`borrowed_part`] in a path segment's generic arguments.
fn borrowed_in_arguments(arguments: &PathArguments) -> Option<&dyn quote::ToTokens> {
    match arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().find_map(|arg| match arg {
            GenericArgument::Lifetime(lifetime) if lifetime.ident == "_" => {
                Some(lifetime as &dyn quote::ToTokens)
            }
            GenericArgument::Type(ty) => borrowed_part(ty),
            GenericArgument::AssocType(assoc) => borrowed_part(&assoc.ty),
            _ => None,
        }),
        // `Fn(&str) -> &str` sugar: elision works there.
        PathArguments::Parenthesized(_) => None,
        PathArguments::None => None,
    }
}

/// A free function's parameters cannot be named like it: `#[tool]` turns the
/// function into a unit struct of that name, which a parameter cannot
/// shadow. Returns whether one is.
pub(crate) fn param_names(sig: &Signature, tool_sig: &ToolSig, errors: &mut Errors) -> bool {
    let clashes = params::named_like_fn(sig);
    for ident in &clashes {
        let name = ident.unraw();
        let property = matches!(&tool_sig.input, Input::Params(params)
            if params.iter().any(|param| param.ident == **ident));
        let keep_property = if property {
            format!(" (`#[serde(rename = \"{name}\")]` keeps the property's name)")
        } else {
            String::new()
        };
        errors.spanned(
            ident,
            format!(
                "this parameter is named like the function, which `#[tool]` turns into a unit \
                 struct `{name}` that the parameter would shadow: rename the parameter\
                 {keep_property}, or the function (`#[tool(name = \"{name}\")]` keeps the \
                 tool's name)"
            ),
        );
    }
    !clashes.is_empty()
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
