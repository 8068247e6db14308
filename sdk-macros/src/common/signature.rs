//! The rules every annotated function follows: a plain, non-generic
//! `async fn` (the macros call it and name its types).

use syn::Signature;

use super::diagnostics::Errors;

/// What the function is, for the messages.
pub(crate) struct Kind {
    /// The attribute, as written in "`#[tool]` functions must be `async`".
    pub(crate) attr: &'static str,
    /// The function, as in "a tool function cannot be a `const fn`".
    pub(crate) what: &'static str,
    /// Why it cannot be generic, as in "a tool function cannot be generic: ...".
    pub(crate) why_not_generic: &'static str,
}

/// Reports what keeps the signature from being a plain, non-generic
/// `async fn`: no `async`, `const`, `unsafe`, an ABI, variadics, generics.
pub(crate) fn plain_async_fn(sig: &Signature, kind: &Kind, errors: &mut Errors) {
    let Kind {
        attr,
        what,
        why_not_generic,
    } = kind;
    if sig.asyncness.is_none() {
        errors.spanned(
            sig.fn_token,
            format!("`#[{attr}]` functions must be `async`: write `async fn`"),
        );
    }
    if let Some(constness) = &sig.constness {
        errors.spanned(constness, format!("{what} cannot be a `const fn`"));
    }
    if !matches!(sig.safety, syn::Safety::Default) {
        errors.spanned(&sig.ident, format!("{what} cannot be `unsafe`"));
    }
    if let Some(abi) = &sig.abi {
        errors.spanned(abi, format!("{what} cannot have an `extern` ABI"));
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(variadic, format!("{what} cannot be variadic"));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.spanned(
            &sig.generics,
            format!("{what} cannot be generic: {why_not_generic}"),
        );
    }
}
