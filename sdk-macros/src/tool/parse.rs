//! Parsing: the attribute's arguments and the function's shape.

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{
    Attribute, Expr, FnArg, Ident, LitBool, LitStr, Pat, ReceiverKind, ReturnType, Signature, Type,
};

use crate::common::diagnostics::Errors;

/// The arguments of `#[tool(...)]` (and of `#[tools(...)]`, which only
/// takes `crate`).
#[derive(Default)]
pub(crate) struct ToolArgs {
    pub(crate) name: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
    pub(crate) title: Option<LitStr>,
    pub(crate) read_only: Option<LitBool>,
    pub(crate) destructive: Option<LitBool>,
    pub(crate) idempotent: Option<LitBool>,
    pub(crate) open_world: Option<LitBool>,
    pub(crate) meta: Option<LitStr>,
    pub(crate) krate: Option<syn::Path>,
}

/// Which arguments an attribute accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArgsOf {
    /// `#[tool]`.
    Tool,
    /// `#[tools]`.
    Tools,
}

/// The arguments `#[tool]` takes.
const KNOWN_TOOL_ARGS: [&str; 9] = [
    "name",
    "description",
    "title",
    "read_only",
    "destructive",
    "idempotent",
    "open_world",
    "meta",
    "crate",
];

/// Parses attribute arguments, recording every problem (an argument given
/// twice among them).
pub(crate) fn tool_args(tokens: TokenStream, of: ArgsOf, errors: &mut Errors) -> ToolArgs {
    let mut args = ToolArgs::default();
    let mut seen: Vec<String> = Vec::new();
    let parser = syn::meta::parser(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(|i| i.unraw().to_string())
            .unwrap_or_default();
        let flag = |meta: &syn::meta::ParseNestedMeta<'_>| -> syn::Result<LitBool> {
            if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse()
            } else {
                Ok(LitBool::new(true, meta.path.span()))
            }
        };
        // Known keys only: an unknown one gets its own error below.
        let known = match of {
            ArgsOf::Tool => KNOWN_TOOL_ARGS.contains(&key.as_str()),
            ArgsOf::Tools => key == "crate",
        };
        if known && seen.contains(&key) {
            errors.spanned(&meta.path, format!("`{key}` is given twice"));
        }
        seen.push(key.clone());
        match (key.as_str(), of) {
            ("crate", _) => {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.parse::<syn::Path>() {
                    Ok(path) => args.krate = Some(path),
                    Err(_) => {
                        errors.spanned(&lit, "`crate` must be a path, like \"my_crate::mcp\"")
                    }
                }
            }
            ("name", ArgsOf::Tool) => args.name = Some(meta.value()?.parse()?),
            ("description", ArgsOf::Tool) => args.description = Some(meta.value()?.parse()?),
            ("title", ArgsOf::Tool) => args.title = Some(meta.value()?.parse()?),
            ("meta", ArgsOf::Tool) => args.meta = Some(meta.value()?.parse()?),
            ("read_only", ArgsOf::Tool) => args.read_only = Some(flag(&meta)?),
            ("destructive", ArgsOf::Tool) => args.destructive = Some(flag(&meta)?),
            ("idempotent", ArgsOf::Tool) => args.idempotent = Some(flag(&meta)?),
            ("open_world", ArgsOf::Tool) => args.open_world = Some(flag(&meta)?),
            _ => {
                let expected = match of {
                    ArgsOf::Tool => {
                        "`name`, `description`, `title`, `read_only`, `destructive`, \
                         `idempotent`, `open_world`, `meta` or `crate`"
                    }
                    ArgsOf::Tools => "only `crate` (tool arguments go on each `#[tool]`)",
                };
                errors.spanned(&meta.path, format!("unknown argument; expected {expected}"));
                // Skip the value so that the next arguments are still read.
                if meta.input.peek(syn::Token![=]) {
                    let _: Expr = meta.value()?.parse()?;
                } else if !meta.input.is_empty() && !meta.input.peek(syn::Token![,]) {
                    let _ = meta.input.parse::<TokenStream>();
                }
            }
        }
        Ok(())
    });
    if let Err(err) = parser.parse2(tokens) {
        errors.push(err);
    }
    args
}

/// How a tool function takes its input.
pub(crate) enum Input {
    /// Named parameters, each a property of the input object.
    Params(Vec<Param>),
    /// One parameter whose type is the whole input.
    Struct(Box<Type>),
}

/// A named parameter.
pub(crate) struct Param {
    pub(crate) ident: Ident,
    pub(crate) ty: Box<Type>,
    /// Attributes for the generated field (docs, `serde`, `schemars`, `cfg`).
    pub(crate) field_attrs: Vec<Attribute>,
}

/// One argument of the call to the user's function, in order.
pub(crate) enum CallArg {
    /// The named parameter with this ident.
    Field(Ident),
    /// The whole input.
    Whole,
    /// The context, by value or by reference.
    Context { by_ref: bool },
}

/// The parts of a signature the code generation needs.
pub(crate) struct ToolSig {
    pub(crate) input: Input,
    pub(crate) call_args: Vec<CallArg>,
    /// The return type (`()` when there is none).
    pub(crate) output: Box<Type>,
    /// Whether the function takes `&self`.
    pub(crate) has_receiver: bool,
}

/// Where a tool's function sits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FnKind {
    /// A free function (`#[tool]`).
    Free,
    /// A method in a `#[tools]` impl.
    Method,
}

/// Reads a tool's signature and strips the parameter attributes that belong
/// to the generated input struct. Problems are recorded; the result is
/// still usable for generating placeholder code.
pub(crate) fn tool_sig(sig: &mut Signature, kind: FnKind, errors: &mut Errors) -> ToolSig {
    let mut params: Vec<(Pat, Box<Type>, Vec<Attribute>, Span)> = Vec::new();
    let mut call_args = Vec::new();
    let mut has_receiver = false;
    let mut context_seen = false;
    for arg in sig.inputs.iter_mut() {
        match arg {
            FnArg::Receiver(receiver) => {
                has_receiver = true;
                if kind == FnKind::Free {
                    errors.spanned(
                        receiver.self_token,
                        "a `#[tool]` method needs `#[tools]` on its `impl` block",
                    );
                    continue;
                }
                let shared = matches!(receiver.kind, ReceiverKind::Reference(_, _, None));
                if !shared {
                    errors.spanned(
                        &*receiver,
                        "tool methods take `&self`: tools run concurrently, so they share \
                         state (use a `Mutex` inside for what changes)",
                    );
                }
            }
            FnArg::Typed(pat_type) => {
                if let Some(by_ref) = context_type(&pat_type.ty) {
                    if context_seen {
                        errors.spanned(&pat_type.ty, "a tool takes at most one `ToolContext`");
                    }
                    context_seen = true;
                    call_args.push(CallArg::Context { by_ref });
                    continue;
                }
                let (keep, field_attrs) = split_param_attrs(std::mem::take(&mut pat_type.attrs));
                pat_type.attrs = keep;
                params.push((
                    (*pat_type.pat).clone(),
                    pat_type.ty.clone(),
                    field_attrs,
                    pat_type.span(),
                ));
                call_args.push(CallArg::Whole); // fixed up below
            }
        }
    }

    let whole = params.len() == 1 && is_args_pattern(&params[0].0);
    let input = if whole {
        let (_, ty, attrs, _) = params.remove(0);
        for attr in attrs.iter().filter(|a| !crate::common::attrs::is_cfg(a)) {
            errors.spanned(
                attr,
                "the arguments struct is the whole input: put attributes and docs on its fields",
            );
        }
        Input::Struct(ty)
    } else {
        let mut fields = Vec::new();
        let mut next = call_args.iter_mut().filter(|a| matches!(a, CallArg::Whole));
        for (pat, ty, field_attrs, span) in params {
            let slot = next.next();
            match param_ident(&pat) {
                Ok(ident) => {
                    if let Some(slot) = slot {
                        *slot = CallArg::Field(ident.clone());
                    }
                    fields.push(Param {
                        ident,
                        ty,
                        field_attrs,
                    });
                }
                Err(message) => errors.push(syn::Error::new(span, message)),
            }
        }
        Input::Params(fields)
    };

    let output = match &sig.output {
        ReturnType::Default => Box::new(syn::parse_quote!(())),
        ReturnType::Type(_, ty) => {
            if let Type::ImplTrait(_) = **ty {
                errors.spanned(
                    ty,
                    "a tool's return type must be nameable (its output schema is derived from \
                     it): write the concrete type instead of `impl Trait`",
                );
            }
            ty.clone()
        }
    };
    ToolSig {
        input,
        call_args,
        output,
        has_receiver,
    }
}

/// `Some(by_ref)` if the type is `ToolContext` or `&ToolContext`.
fn context_type(ty: &Type) -> Option<bool> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .filter(|s| s.ident == "ToolContext" && s.arguments.is_empty())
            .map(|_| false),
        Type::Reference(reference) if reference.mutability.is_none() => {
            context_type(&reference.elem)
                .filter(|by_ref| !by_ref)
                .map(|_| true)
        }
        _ => None,
    }
}

/// A single parameter named `args`/`_args`, or with a struct pattern, is
/// the whole input.
fn is_args_pattern(pat: &Pat) -> bool {
    match pat {
        Pat::Ident(ident) => {
            ident.subpat.is_none()
                && matches!(ident.ident.unraw().to_string().as_str(), "args" | "_args")
        }
        Pat::Struct(_) => true,
        _ => false,
    }
}

fn param_ident(pat: &Pat) -> Result<Ident, &'static str> {
    match pat {
        Pat::Ident(ident) if ident.subpat.is_none() && ident.by_ref.is_none() => {
            Ok(ident.ident.clone())
        }
        Pat::Struct(_) => Err(
            "a struct pattern makes its parameter the whole input, so it must be the only \
             parameter besides the `ToolContext`",
        ),
        _ => Err(
            "unsupported parameter pattern: tool parameters are named (`limit: u32`), because \
             each one is a property of the tool's input",
        ),
    }
}

/// Splits parameter attributes into those that stay on the function (lint
/// levels, `cfg`) and those for the generated field (docs, `serde`,
/// `schemars`, `cfg`).
fn split_param_attrs(attrs: Vec<Attribute>) -> (Vec<Attribute>, Vec<Attribute>) {
    let mut keep = Vec::new();
    let mut field = Vec::new();
    for attr in attrs {
        let path = attr.path();
        if crate::common::attrs::is_cfg(&attr) {
            keep.push(attr.clone());
            field.push(attr);
        } else if ["allow", "warn", "deny", "expect", "forbid"]
            .iter()
            .any(|lint| path.is_ident(lint))
        {
            keep.push(attr);
        } else {
            field.push(attr);
        }
    }
    (keep, field)
}

/// Whether an attribute is `#[tool]` or `#[tool(...)]` (any path ending in
/// `tool`).
pub(crate) fn is_tool_attr(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "tool")
}

/// The tokens inside `#[tool(...)]` (empty for `#[tool]`).
pub(crate) fn attr_tokens(attr: &Attribute) -> TokenStream {
    match &attr.meta {
        syn::Meta::List(list) => list.tokens.clone(),
        _ => TokenStream::new(),
    }
}
