//! Generating the command: a unit struct named after the function, the
//! function as its `call` method, and its `Command` impl. (A parameter named
//! like the function would shadow the struct, which Rust refuses:
//! validation reports it first, and `call` is then stubbed out.)

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ItemFn;
use syn::spanned::Spanned;

use super::validate::{CommandDef, ParamKind};
use crate::common::spans::respan;

/// The items every expansion emits, errors or not: the struct and its
/// `call` function (and `NAME`), so that call sites keep compiling.
pub(super) fn items(function: &ItemFn, name: &str) -> TokenStream {
    let (docs, others, cfgs) = crate::common::attrs::split(&function.attrs);
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let mut sig = function.sig.clone();
    sig.ident = format_ident!("call", span = ident.span());
    let block = &function.block;
    let summary = format!(
        "The slash command `/{name}`, made by `#[slash_command]`: register it with \
         `ClaudeAgentOptionsBuilder::slash_command` or `McpServer::slash_command`."
    );
    let call_doc = format!(" Runs the function of `/{name}` directly (in a unit test, say).");
    quote! {
        #(#docs)*
        #[doc = ""]
        #[doc = #summary]
        #(#cfgs)*
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, Default)]
        #vis struct #ident;

        #(#cfgs)*
        impl #ident {
            /// The command's name, without the slash.
            #vis const NAME: &'static str = #name;

            #[doc = #call_doc]
            #(#others)*
            #vis #sig #block
        }
    }
}

/// A `Command` impl that compiles, emitted next to errors so that the
/// places that register the command do not report errors of their own.
pub(super) fn dummy(function: &ItemFn, private: &TokenStream) -> TokenStream {
    let ident = &function.sig.ident;
    let (_, _, cfgs) = crate::common::attrs::split(&function.attrs);
    quote! {
        #(#cfgs)*
        const _: () = {
            impl #private::Command for #ident {
                fn name(&self) -> &str {
                    ""
                }

                fn run<'__a>(
                    &'__a self,
                    _: #private::CommandArgs,
                    _: #private::CommandContext,
                ) -> #private::BoxFuture<'__a, #private::CommandOutput> {
                    ::core::unreachable!("this slash command did not compile")
                }
            }
        };
    }
}

/// The `Command` impl.
pub(super) fn command_impl(
    function: &ItemFn,
    def: &CommandDef,
    private: &TokenStream,
) -> TokenStream {
    let p = private;
    let ident = &function.sig.ident;
    let (_, _, cfgs) = crate::common::attrs::split(&function.attrs);
    let name = &def.name;
    let description = match &def.description {
        Some(text) => quote!(#p::Option::Some(#text)),
        None => quote!(#p::Option::None),
    };
    // Local names are hygienic (mixed site), so that they never clash with
    // the user's parameter names.
    let args = hidden("__claude_args");
    let ctx = hidden("__claude_ctx");
    let mut declared = Vec::new();
    let mut bindings = Vec::new();
    let mut call_args = Vec::new();
    for (i, param) in def.params.iter().enumerate() {
        let arg_name = param.ident.to_string();
        let arg_name = arg_name.strip_prefix("r#").unwrap_or(&arg_name).to_owned();
        let local = format_ident!("__claude_arg{}", i, span = Span::mixed_site());
        let describe = param
            .description
            .as_ref()
            .map(|text| quote!(.description(#text)));
        match &param.kind {
            ParamKind::Required(ty) | ParamKind::Optional(ty) => {
                let required = matches!(param.kind, ParamKind::Required(_));
                let (constructor, getter) = if required {
                    (quote!(required), quote!(required_arg))
                } else {
                    (quote!(optional), quote!(optional_arg))
                };
                declared.push(quote! {
                    #p::CommandArgument::#constructor(#arg_name) #describe
                });
                let p_ty = respan(p, ty.span());
                let read = quote_spanned! {ty.span()=>
                    #p_ty::#getter::<#ty>(&#args, #name, #arg_name)
                };
                bindings.push(quote! {
                    let #local = match #read {
                        #p::Result::Ok(value) => value,
                        #p::Result::Err(failure) => return failure,
                    };
                });
                call_args.push(quote!(#local));
            }
            ParamKind::All { by_ref } => {
                call_args.push(if *by_ref {
                    quote!(&#args)
                } else {
                    quote!(::core::clone::Clone::clone(&#args))
                });
            }
            ParamKind::Context { by_ref } => {
                call_args.push(if *by_ref {
                    quote!(&#ctx)
                } else {
                    quote!(::core::clone::Clone::clone(&#ctx))
                });
            }
        }
    }
    let output = &def.output;
    let p_out = respan(p, output.span());
    let into_output = quote_spanned! {output.span()=>
        <#output as #p_out::IntoCommandOutput>::into_command_output
    };
    // "Not `Send`" points at the function's name.
    let p_fn = respan(p, ident.span());
    let future = quote_spanned! {ident.span()=>
        #p::Box::pin(#p_fn::assert_send(async move {
            #(#bindings)*
            let _ = (&#args, &#ctx);
            #into_output(<#ident>::call(#(#call_args),*).await)
        }))
    };
    quote! {
        #(#cfgs)*
        const _: () = {
            impl #p::Command for #ident {
                fn name(&self) -> &str {
                    #name
                }

                fn description(&self) -> #p::Option<&str> {
                    #description
                }

                fn arguments(&self) -> #p::Vec<#p::CommandArgument> {
                    #p::Vec::from([#(#declared),*])
                }

                fn run<'__a>(
                    &'__a self,
                    #args: #p::CommandArgs,
                    #ctx: #p::CommandContext,
                ) -> #p::BoxFuture<'__a, #p::CommandOutput> {
                    #future
                }
            }
        };
    }
}

/// An identifier only generated code can name.
fn hidden(name: &str) -> syn::Ident {
    syn::Ident::new(name, Span::mixed_site())
}
