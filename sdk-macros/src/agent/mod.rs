//! `#[agent]`: entry → parse → validate → expand.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

/// Expands `#[agent(...)]` on a unit struct. On errors, emits them together
/// with the item and a stand-in `Agent` impl, so that the places that use
/// the agent do not report errors of their own.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let parsed = match parse::parse(attr, item.clone()) {
        Ok(parsed) => parsed,
        Err(err) => {
            let err = err.into_compile_error();
            return quote!(#err #item);
        }
    };
    match validate::validate(parsed) {
        Ok(def) => expand::expand(&def),
        Err((err, stand)) => {
            let mut tokens = err.into_compile_error();
            tokens.extend(expand::stand_in(&stand));
            tokens
        }
    }
}
