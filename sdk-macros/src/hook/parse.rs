//! Parsing `#[hook(Event, key = value, ...)]` and the function it is on.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, ItemFn, Token};

/// The attribute's arguments, as written.
pub(super) struct HookArgs {
    /// The event (`PreToolUse`), if one was given.
    pub(super) event: Option<Ident>,
    /// `key = value` pairs, in order.
    pub(super) options: Vec<(Ident, Expr)>,
}

/// What `#[hook]` is applied to.
pub(super) struct Parsed {
    pub(super) args: HookArgs,
    pub(super) function: ItemFn,
}

pub(super) fn parse(attr: TokenStream, item: TokenStream) -> syn::Result<Parsed> {
    let function: ItemFn = syn::parse2(item).map_err(|err| {
        syn::Error::new(
            err.span(),
            format!("`#[hook]` goes on an `async fn`: {err}"),
        )
    })?;
    let args: HookArgs = syn::parse2(attr)?;
    Ok(Parsed { args, function })
}

impl Parse for HookArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut event = None;
        let mut options = Vec::new();
        if input.is_empty() {
            return Ok(Self { event, options });
        }
        // The event comes first, unless the hook starts with `key = value`.
        if input.peek(Ident) && !input.peek2(Token![=]) {
            event = Some(input.parse::<Ident>()?);
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        } else if !(input.peek(Ident) || input.peek(Token![crate])) {
            return Err(input.error(
                "expected the hook's event first, e.g. `#[hook(PreToolUse, matcher = \"Bash\")]`",
            ));
        }
        while !input.is_empty() {
            let key = if input.peek(Token![crate]) {
                let token: Token![crate] = input.parse()?;
                Ident::new("crate", token.span)
            } else {
                input.parse::<Ident>()?
            };
            input
                .parse::<Token![=]>()
                .map_err(|_| syn::Error::new(key.span(), format!("expected `{key} = ...`")))?;
            let value: Expr = input.parse()?;
            options.push((key, value));
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(Self { event, options })
    }
}

/// Where to report a problem with the attribute as a whole.
pub(super) fn call_site() -> Span {
    Span::call_site()
}
