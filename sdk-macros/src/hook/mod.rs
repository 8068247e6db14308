//! `#[hook]`: entry → parse → validate → expand.

mod events;
mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;

/// Expands `#[hook(...)]` on a function. On errors, emits them together
/// with a stand-in hook of the same name, so that the places that register
/// it do not report errors of their own.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let parsed = match parse::parse(attr, item.clone()) {
        Ok(parsed) => parsed,
        Err(err) => return with_dummy(err, item),
    };
    match validate::validate(parsed) {
        Ok(hook) => expand::expand(&hook),
        Err((err, dummy)) => {
            let mut tokens = err.into_compile_error();
            tokens.extend(expand::dummy(&dummy));
            tokens
        }
    }
}

fn with_dummy(err: syn::Error, item: TokenStream) -> TokenStream {
    let mut tokens = err.into_compile_error();
    if let Ok(function) = syn::parse2::<syn::ItemFn>(item) {
        tokens.extend(expand::dummy(&expand::Dummy::of(&function, None)));
    }
    tokens
}
