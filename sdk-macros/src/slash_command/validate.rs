//! Checking the function and classifying its parameters, collecting every
//! problem.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Attribute, FnArg, GenericArgument, Ident, Pat, PathArguments, ReturnType, Signature, Type,
};

use super::parse::CommandArgs;
use crate::common::diagnostics::Errors;
use crate::common::docs;
use crate::common::params;

/// What a parameter of the function is.
pub(super) enum ParamKind {
    /// A required argument of this type.
    Required(Box<Type>),
    /// An optional argument (`Option<T>`), of type `T`.
    Optional(Box<Type>),
    /// All the arguments (`CommandArgs`), by value or by reference.
    All { by_ref: bool },
    /// The context (`CommandContext`), by value or by reference.
    Context { by_ref: bool },
}

/// A parameter of the function.
pub(super) struct Param {
    pub(super) ident: Ident,
    pub(super) kind: ParamKind,
    /// The argument's description (its doc comment), as a `&'static str`
    /// expression.
    pub(super) description: Option<TokenStream>,
}

/// A checked command.
pub(super) struct CommandDef {
    pub(super) name: String,
    pub(super) description: Option<TokenStream>,
    pub(super) params: Vec<Param>,
    pub(super) output: Box<Type>,
}

/// The command's name: `name = "..."`, or the function's name with `_` as
/// `-` (as clap names subcommands).
pub(super) fn name(args: &CommandArgs, sig: &Signature, errors: &mut Errors) -> String {
    let (name, span) = match &args.name {
        Some(lit) => (lit.value(), lit.span()),
        None => (
            sig.ident.unraw().to_string().replace('_', "-"),
            sig.ident.span(),
        ),
    };
    if let Some(stripped) = name.strip_prefix('/') {
        errors.push(syn::Error::new(
            span,
            format!("write the command's name without the slash: `name = \"{stripped}\"`"),
        ));
    } else if name.is_empty() {
        errors.push(syn::Error::new(span, "a command name cannot be empty"));
    } else if name.len() > 64 {
        errors.push(syn::Error::new(
            span,
            format!(
                "the command name `{name}` is {} characters long; at most 64 are allowed",
                name.len()
            ),
        ));
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        errors.push(syn::Error::new(
            span,
            format!(
                "invalid command name `{name}`: {c:?} is not allowed; use letters, digits, `_` \
                 and `-`"
            ),
        ));
    }
    name
}

/// A parameter cannot be named like the function: `#[slash_command]` turns
/// the function into a unit struct of that name, which a parameter cannot
/// shadow. Returns whether one is.
pub(super) fn param_names(sig: &Signature, errors: &mut Errors) -> bool {
    let clashes = params::named_like_fn(sig);
    for ident in &clashes {
        let name = ident.unraw();
        let command = name.to_string().replace('_', "-");
        errors.spanned(
            ident,
            format!(
                "this parameter is named like the function, which `#[slash_command]` turns into \
                 a unit struct `{name}` that the parameter would shadow: rename the parameter, \
                 or the function (`#[slash_command(name = \"{command}\")]` keeps the command's \
                 name)"
            ),
        );
    }
    !clashes.is_empty()
}

/// Checks the signature and reads its parameters, removing their doc
/// comments (which become argument descriptions).
pub(super) fn signature(
    sig: &mut Signature,
    errors: &mut Errors,
) -> Option<(Vec<Param>, Box<Type>)> {
    let kind = crate::common::signature::Kind {
        attr: "slash_command",
        what: "a slash command",
        why_not_generic: "its arguments must be known",
    };
    crate::common::signature::plain_async_fn(sig, &kind, errors);
    let mut params = Vec::new();
    let mut seen_all = false;
    let mut seen_context = false;
    let mut seen_optional: Option<Span> = None;
    for arg in sig.inputs.iter_mut() {
        let typed = match arg {
            FnArg::Receiver(receiver) => {
                errors.spanned(
                    &*receiver,
                    "`#[slash_command]` goes on a free function, not a method (implement \
                     `Command` by hand for a command with state)",
                );
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        let (doc_attrs, keep): (Vec<Attribute>, Vec<Attribute>) = std::mem::take(&mut typed.attrs)
            .into_iter()
            .partition(|a| a.path().is_ident("doc"));
        typed.attrs = keep;
        let ident = match &*typed.pat {
            Pat::Ident(pat) if pat.subpat.is_none() && pat.by_ref.is_none() => pat.ident.clone(),
            other => {
                errors.spanned(
                    other,
                    "slash command parameters are named (`file: String`): each one is an argument",
                );
                continue;
            }
        };
        let kind = match special(&typed.ty, "CommandArgs") {
            Some(by_ref) => {
                if std::mem::replace(&mut seen_all, true) {
                    errors.spanned(&typed.ty, "a slash command takes at most one `CommandArgs`");
                }
                ParamKind::All { by_ref }
            }
            None => match special(&typed.ty, "CommandContext") {
                Some(by_ref) => {
                    if std::mem::replace(&mut seen_context, true) {
                        errors.spanned(
                            &typed.ty,
                            "a slash command takes at most one `CommandContext`",
                        );
                    }
                    ParamKind::Context { by_ref }
                }
                None => match option_inner(&typed.ty) {
                    Some(inner) => {
                        seen_optional.get_or_insert(typed.ty.span());
                        ParamKind::Optional(Box::new(inner.clone()))
                    }
                    None => {
                        if seen_optional.is_some() {
                            errors.spanned(
                                &typed.ty,
                                "a required argument cannot follow an optional one: arguments \
                                 are positional",
                            );
                        }
                        if let Type::Reference(_) = &*typed.ty {
                            errors.spanned(
                                &typed.ty,
                                "arguments are owned values: take a `String` rather than `&str`",
                            );
                        }
                        ParamKind::Required(typed.ty.clone())
                    }
                },
            },
        };
        let description = docs::description(&doc_attrs);
        if description.is_some()
            && matches!(kind, ParamKind::All { .. } | ParamKind::Context { .. })
        {
            errors.spanned(
                &doc_attrs[0],
                "only arguments have descriptions; this parameter is not an argument",
            );
        }
        params.push(Param {
            ident,
            kind,
            description,
        });
    }
    let output = match &sig.output {
        ReturnType::Type(_, ty) => {
            if let Type::ImplTrait(_) = **ty {
                errors.spanned(
                    ty,
                    "write the concrete return type (`Reply`, `Prompt`, `CommandOutput` or a \
                     `Result` of one of them) instead of `impl Trait`",
                );
            }
            Some(ty.clone())
        }
        ReturnType::Default => {
            errors.spanned(
                &sig.ident,
                "a slash command returns `Reply` (answered locally) or `Prompt` (sent to \
                 Claude): add `-> Reply` or `-> Prompt`",
            );
            None
        }
    };
    Some((params, output?))
}

/// `Some(by_ref)` if the type is `name` or `&name` (by its last segment).
fn special(ty: &Type, name: &str) -> Option<bool> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .filter(|s| s.ident == name && s.arguments.is_empty())
            .map(|_| false),
        Type::Reference(reference) if reference.mutability.is_none() => {
            special(&reference.elem, name)
                .filter(|by_ref| !by_ref)
                .map(|_| true)
        }
        _ => None,
    }
}

/// `T` if the type is `Option<T>` (by its last segment).
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let segment = path.path.segments.last()?;
    if segment.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}
