//! `#[tool]` on a function and `#[tools]` on an impl block.
//!
//! Each goes entry → parse → validate → expand. Errors are collected and
//! reported together; the output then still contains the items call sites
//! name (the tool struct, the `ToolSet` impl), so that one mistake does not
//! cascade into errors elsewhere.
//!
//! `#[tool]` replaces the function with a unit struct of its name and keeps
//! the function as the struct's `call` method, so no parameter may be named
//! like the function (it would shadow the struct): validation reports it.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{ImplItem, ItemFn, ItemImpl};

use crate::common;
use crate::common::diagnostics::Errors;
use crate::common::docs;
use crate::common::paths::Target;
use expand::{ToolSpec, private_path, tool_impl};
use parse::{ArgsOf, FnKind};

/// `#[tool]` on a free function.
pub(crate) fn expand_fn(attr: TokenStream, item: TokenStream, target: Target) -> TokenStream {
    let mut item: ItemFn = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(_) => {
            let err = syn::Error::new_spanned(
                &item,
                "`#[tool]` goes on an `async fn` (or on methods inside a `#[tools]` impl)",
            );
            let err = err.into_compile_error();
            return quote!(#err #item);
        }
    };
    if let Some(receiver) = item.sig.receiver() {
        // A method in a plain impl: only the impl block can hold the
        // generated items, so leave the method as it is.
        let err = syn::Error::new_spanned(
            receiver.self_token,
            "a `#[tool]` method needs `#[tools]` on its `impl` block",
        )
        .into_compile_error();
        return quote!(#err #item);
    }
    let mut errors = Errors::default();
    let args = parse::tool_args(attr, ArgsOf::Tool, &mut errors);
    let sig = parse::tool_sig(&mut item.sig, FnKind::Free, &mut errors);
    validate::signature(&item.sig, &mut errors);
    validate::input_types(&sig, &mut errors);
    let shadowed = validate::param_names(&item.sig, &sig, &mut errors);
    let (name, _) = validate::tool_name(&args, &item.sig, &mut errors);
    validate::meta(args.meta.as_ref(), &mut errors);
    if shadowed {
        // Keep `call` (call sites name it) without the parameter the
        // compiler would refuse too.
        common::params::stub_out(&mut item.sig, &mut item.block);
    }

    let root = args
        .krate
        .as_ref()
        .map_or_else(|| target.default_root(), |path| quote!(#path));
    let private = private_path(&root);
    let ident = &item.sig.ident;
    let vis = &item.vis;
    let (doc_attrs, other_attrs): (Vec<_>, Vec<_>) =
        item.attrs.iter().partition(|a| a.path().is_ident("doc"));
    let cfg_attrs: Vec<_> = other_attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .collect();

    let mut call_sig = item.sig.clone();
    call_sig.ident = format_ident!("call", span = ident.span());
    let block = &item.block;
    let call_doc =
        format!(" Runs the `{name}` tool's function directly (in unit tests, say), without MCP.");
    let items = quote! {
        #(#doc_attrs)*
        #(#cfg_attrs)*
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #ident;

        #(#cfg_attrs)*
        impl #ident {
            #[doc = #call_doc]
            #(#other_attrs)*
            #vis #call_sig #block
        }
    };

    let tool = match errors.finish() {
        Ok(()) => {
            let spec = ToolSpec {
                name: &name,
                args: &args,
                description: docs::description(&item.attrs),
                sig: &sig,
                fn_span: ident.span(),
                private: &private,
            };
            tool_impl(
                &spec,
                &quote!(#ident),
                &format_ident!("__ToolInput"),
                &quote!(<#ident>::call),
                None,
            )
        }
        Err(err) => {
            let err = err.into_compile_error();
            let dummy = dummy_tool(&private, &quote!(#ident));
            quote!(#err #dummy)
        }
    };
    quote! {
        #items

        #(#cfg_attrs)*
        const _: () = {
            #tool
        };
    }
}

/// `#[tools]` on an impl block. It implements `ToolSet` and `SharedTools`
/// for the impl's type, so a type has at most one `#[tools]` block.
pub(crate) fn expand_impl(attr: TokenStream, item: TokenStream, target: Target) -> TokenStream {
    let mut item: ItemImpl = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(_) => {
            let err = syn::Error::new_spanned(
                &item,
                "`#[tools]` goes on an `impl` block whose `#[tool]` methods share its state",
            );
            let err = err.into_compile_error();
            return quote!(#err #item);
        }
    };
    let mut errors = Errors::default();
    let impl_args = parse::tool_args(attr, ArgsOf::Tools, &mut errors);
    validate::tools_impl(&item, &mut errors);
    let root = impl_args
        .krate
        .as_ref()
        .map_or_else(|| target.default_root(), |path| quote!(#path));
    let private = private_path(&root);
    let self_ty = item.self_ty.clone();

    let mut tools = Vec::new();
    let mut names = Vec::new();
    for impl_item in &mut item.items {
        let ImplItem::Fn(method) = impl_item else {
            continue;
        };
        let Some(position) = method.attrs.iter().position(parse::is_tool_attr) else {
            continue;
        };
        let tool_attr = method.attrs.remove(position);
        if let Some(extra) = method.attrs.iter().find(|a| parse::is_tool_attr(a)) {
            errors.spanned(extra, "only one `#[tool]` per method");
        }
        let args = parse::tool_args(parse::attr_tokens(&tool_attr), ArgsOf::Tool, &mut errors);
        if let Some(krate) = &args.krate {
            errors.spanned(
                krate,
                "put `crate = \"...\"` on `#[tools]`, not on its methods",
            );
        }
        let sig = parse::tool_sig(&mut method.sig, FnKind::Method, &mut errors);
        validate::signature(&method.sig, &mut errors);
        validate::input_types(&sig, &mut errors);
        let (name, name_span) = validate::tool_name(&args, &method.sig, &mut errors);
        validate::meta(args.meta.as_ref(), &mut errors);
        names.push((name.clone(), name_span));
        tools.push((
            method.sig.ident.clone(),
            name,
            args,
            sig,
            docs::description(&method.attrs),
        ));
    }
    if tools.is_empty() {
        errors.spanned(
            &item.self_ty,
            "`#[tools]` found no `#[tool]` method in this impl block",
        );
    }
    validate::distinct_names(&names, &mut errors);

    let p = &private;
    let generated = match errors.finish() {
        Ok(()) => {
            let mut impls = Vec::new();
            let mut constructors = Vec::new();
            for (method, name, args, mut sig, description) in tools {
                replace_self(&mut sig, &self_ty);
                let tool_ident = format_ident!("__Tool_{}", method.unraw());
                let spec = ToolSpec {
                    name: &name,
                    args: &args,
                    description,
                    sig: &sig,
                    fn_span: method.span(),
                    private: p,
                };
                let tool_impl = tool_impl(
                    &spec,
                    &quote!(#tool_ident),
                    &format_ident!("__ToolInput_{}", method.unraw()),
                    &quote!(<#self_ty>::#method),
                    sig.has_receiver.then(|| quote!(&*self.0)),
                );
                impls.push(quote! {
                    #[allow(non_camel_case_types)]
                    struct #tool_ident(#p::Arc<#self_ty>);

                    #tool_impl
                });
                constructors.push(quote! {
                    #p::Arc::new(#tool_ident(#p::Arc::clone(&self))) as #p::Arc<dyn #p::Tool>
                });
            }
            quote! {
                #(#impls)*

                #[automatically_derived]
                impl #p::SharedTools for #self_ty {
                    fn shared_tools(self: #p::Arc<Self>) -> #p::Vec<#p::Arc<dyn #p::Tool>> {
                        #p::Vec::from([#(#constructors),*])
                    }
                }

                #[automatically_derived]
                impl #p::ToolSet for #self_ty {
                    fn into_tools(self) -> #p::Vec<#p::Arc<dyn #p::Tool>> {
                        #p::SharedTools::shared_tools(#p::Arc::new(self))
                    }
                }
            }
        }
        Err(err) => {
            let err = err.into_compile_error();
            quote! {
                #err

                impl #p::ToolSet for #self_ty {
                    fn into_tools(self) -> #p::Vec<#p::Arc<dyn #p::Tool>> {
                        #p::Vec::new()
                    }
                }
            }
        }
    };
    quote! {
        #item

        const _: () = {
            #generated
        };
    }
}

/// A `Tool` impl that compiles whatever was wrong, so that call sites do not
/// add errors of their own.
fn dummy_tool(p: &TokenStream, tool_ty: &TokenStream) -> TokenStream {
    quote! {
        impl #p::Tool for #tool_ty {
            fn name(&self) -> &str {
                ""
            }

            fn input_schema(&self) -> #p::Result<#p::JsonObject, #p::SchemaError> {
                #p::Result::Err(#p::SchemaError::new("the tool did not compile"))
            }

            fn call<'__a>(
                &'__a self,
                _: #p::JsonObject,
                _: #p::ToolContext,
            ) -> #p::BoxFuture<'__a, #p::ToolResult> {
                #p::Box::pin(async { #p::ToolResult::error("the tool did not compile") })
            }
        }
    }
}

/// In a method's parameter and return types, `Self` means the impl's type;
/// the generated tool struct is another type, so spell it out.
fn replace_self(sig: &mut parse::ToolSig, self_ty: &syn::Type) {
    fn replace(tokens: TokenStream, self_ty: &syn::Type) -> TokenStream {
        tokens
            .into_iter()
            .map(|tree| match tree {
                proc_macro2::TokenTree::Ident(ident) if ident == "Self" => {
                    quote!(#self_ty)
                }
                proc_macro2::TokenTree::Group(group) => {
                    let mut new = proc_macro2::Group::new(
                        group.delimiter(),
                        replace(group.stream(), self_ty),
                    );
                    new.set_span(group.span());
                    quote!(#new)
                }
                other => quote!(#other),
            })
            .collect()
    }
    let fix = |ty: &mut Box<syn::Type>| {
        let tokens = replace(quote!(#ty), self_ty);
        if let Ok(new) = syn::parse2(tokens) {
            **ty = new;
        }
    };
    fix(&mut sig.output);
    match &mut sig.input {
        parse::Input::Struct(ty) => fix(ty),
        parse::Input::Params(params) => params.iter_mut().for_each(|p| fix(&mut p.ty)),
    }
}
