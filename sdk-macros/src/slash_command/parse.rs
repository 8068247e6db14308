//! Parsing `#[slash_command(...)]` and the function it is on.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::{Expr, LitStr};

use crate::common::diagnostics::Errors;

/// The attribute's arguments, as written.
#[derive(Default)]
pub(super) struct CommandArgs {
    pub(super) name: Option<LitStr>,
    pub(super) description: Option<LitStr>,
    pub(super) krate: Option<syn::Path>,
}

/// Parses the attribute's arguments, recording every problem.
pub(super) fn command_args(tokens: TokenStream, errors: &mut Errors) -> CommandArgs {
    let mut args = CommandArgs::default();
    let parser = syn::meta::parser(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(|i| i.unraw().to_string())
            .unwrap_or_default();
        let duplicate = match key.as_str() {
            "name" => args.name.is_some(),
            "description" => args.description.is_some(),
            "crate" => args.krate.is_some(),
            _ => false,
        };
        if duplicate {
            errors.spanned(&meta.path, format!("`{key}` is given twice"));
        }
        match key.as_str() {
            "name" => args.name = Some(meta.value()?.parse()?),
            "description" => args.description = Some(meta.value()?.parse()?),
            "crate" => {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.parse::<syn::Path>() {
                    Ok(path) => args.krate = Some(path),
                    Err(_) => errors.spanned(
                        &lit,
                        "`crate` is a path as a string, like \"::my_sdk::commands\"",
                    ),
                }
            }
            _ => {
                errors.spanned(
                    &meta.path,
                    "unknown `#[slash_command]` argument; expected `name`, `description` or \
                     `crate` (the doc comment is the description, parameters are the arguments)",
                );
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
