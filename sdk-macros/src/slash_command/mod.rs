//! `#[slash_command]`: entry → parse → validate → expand.
//!
//! Errors are collected and reported together; the output then still holds
//! the command's struct and a stand-in `Command` impl, so that one mistake
//! does not cascade into errors where the command is registered.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::common::diagnostics::Errors;
use crate::common::docs;
use crate::common::paths::Target;

/// Expands `#[slash_command(...)]` on a function.
pub(crate) fn expand(attr: TokenStream, item: TokenStream, target: Target) -> TokenStream {
    let mut function: ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(_) => {
            let err = syn::Error::new_spanned(&item, "`#[slash_command]` goes on an `async fn`")
                .into_compile_error();
            return quote!(#err #item);
        }
    };
    let mut errors = Errors::default();
    let args = parse::command_args(attr, &mut errors);
    let name = validate::name(&args, &function.sig, &mut errors);
    let shadowed = validate::param_names(&function.sig, &mut errors);
    let signature = validate::signature(&mut function.sig, &mut errors);
    if shadowed {
        // Keep `call` (call sites name it) without the parameter the
        // compiler would refuse too.
        crate::common::params::stub_out(&mut function.sig, &mut function.block);
    }
    let root = args
        .krate
        .as_ref()
        .map_or_else(|| target.command_root(), |path| quote!(#path));
    let private = quote!(#root::__private);
    let items = expand::items(&function, &name);
    let description = match &args.description {
        Some(lit) => Some(quote!(#lit)),
        None => docs::description(&function.attrs),
    };
    match (errors.finish(), signature) {
        (Ok(()), Some((params, output))) => {
            let def = validate::CommandDef {
                name,
                description,
                params,
                output,
            };
            let command = expand::command_impl(&function, &def, &private);
            quote!(#items #command)
        }
        (result, _) => {
            let err = result
                .err()
                .unwrap_or_else(|| {
                    syn::Error::new_spanned(&function.sig, "invalid `#[slash_command]`")
                })
                .into_compile_error();
            let dummy = expand::dummy(&function, &private);
            quote!(#err #items #dummy)
        }
    }
}
