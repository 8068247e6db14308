//! Parsing `#[agent(key = value, ...)]` and the item it is on.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, Token};

/// One `key = value` (or bare `key`) of the attribute, as written.
pub(super) struct Setting {
    pub(super) key: Ident,
    /// `None` for a bare flag (`background`).
    pub(super) value: Option<Expr>,
}

/// The attribute's arguments, in order.
pub(super) struct AgentArgs {
    pub(super) settings: Vec<Setting>,
}

/// What `#[agent]` is applied to.
pub(super) struct Parsed {
    pub(super) args: AgentArgs,
    pub(super) item: syn::Item,
}

pub(super) fn parse(attr: TokenStream, item: TokenStream) -> syn::Result<Parsed> {
    let item: syn::Item = syn::parse2(item)?;
    let args: AgentArgs = syn::parse2(attr)?;
    Ok(Parsed { args, item })
}

impl Parse for AgentArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut settings = Vec::new();
        while !input.is_empty() {
            let key = if input.peek(Token![crate]) {
                let token: Token![crate] = input.parse()?;
                Ident::new("crate", token.span)
            } else {
                input.parse::<Ident>().map_err(|err| {
                    syn::Error::new(
                        err.span(),
                        "expected `key = value`, e.g. `#[agent(prompt = \"You review code.\")]`",
                    )
                })?
            };
            let value = if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                Some(input.parse::<Expr>()?)
            } else {
                None
            };
            settings.push(Setting { key, value });
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(Self { settings })
    }
}
