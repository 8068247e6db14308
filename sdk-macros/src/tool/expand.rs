//! Code generation: the `Tool` impl of one tool, and the items around it.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use super::parse::{CallArg, Input, ToolArgs, ToolSig};
use crate::common::spans::respan;

/// Everything needed to generate one tool's `Tool` impl.
pub(crate) struct ToolSpec<'a> {
    /// The tool's name.
    pub(crate) name: &'a str,
    /// The attribute arguments.
    pub(crate) args: &'a ToolArgs,
    /// The description (`&'static str` expression), if any.
    pub(crate) description: Option<TokenStream>,
    /// The signature, read.
    pub(crate) sig: &'a ToolSig,
    /// Where errors about the function as a whole point (its name).
    pub(crate) fn_span: Span,
    /// The `__private` module path.
    pub(crate) private: &'a TokenStream,
}

/// The `__private` path under `root`.
pub(crate) fn private_path(root: &TokenStream) -> TokenStream {
    quote!(#root::__private)
}

/// The input struct (for named parameters) and `impl Tool for #tool_ty`,
/// whose `call` runs `#callee(#receiver, args...)`.
pub(crate) fn tool_impl(
    spec: &ToolSpec<'_>,
    tool_ty: &TokenStream,
    args_ident: &Ident,
    callee: &TokenStream,
    receiver: Option<TokenStream>,
) -> TokenStream {
    let p = spec.private;
    let name = spec.name;
    let (input_struct, input_ty) = input_struct(spec, args_ident);
    let input_span = input_ty.span();
    let output = &spec.sig.output;
    let output_span = output.span();

    let description = match &spec.args.description {
        Some(lit) => quote!(#p::Option::Some(#lit)),
        None => match &spec.description {
            Some(doc) => quote!(#p::Option::Some(#doc)),
            None => quote!(#p::Option::None),
        },
    };
    let title = match &spec.args.title {
        Some(lit) => quote!(#p::Option::Some(#lit)),
        None => quote!(#p::Option::None),
    };
    let hints = [
        ("read_only", &spec.args.read_only),
        ("destructive", &spec.args.destructive),
        ("idempotent", &spec.args.idempotent),
        ("open_world", &spec.args.open_world),
    ]
    .into_iter()
    .filter_map(|(method, value)| {
        let value = value.as_ref()?;
        let method = format_ident!("{method}");
        Some(quote!(.#method(#value)))
    });
    let meta = match &spec.args.meta {
        Some(lit) => quote!(#p::meta(#lit)),
        None => quote!(#p::Option::None),
    };

    let call_args = spec.sig.call_args.iter().map(|arg| match arg {
        CallArg::Field(ident) => quote!(__input.#ident),
        CallArg::Whole => quote!(__input),
        CallArg::Context { by_ref: true } => quote!(&__ctx),
        CallArg::Context { by_ref: false } => quote!(__ctx),
    });
    let receiver = receiver.into_iter();
    let decode = quote_spanned! {input_span=>
        <#input_ty as #p::ToolInput>::decode(#name, __arguments)
    };
    let schema = quote_spanned! {input_span=>
        <#input_ty as #p::ToolInput>::input_schema()
    };
    // Both name the trait the same way at the same place, so a return type
    // that is not a tool result gets one error.
    let output_schema = quote_spanned! {output_span=>
        <#output as #p::IntoToolResult>::output_schema()
    };
    let into_result = quote_spanned! {output_span=>
        <#output as #p::IntoToolResult>::into_tool_result
    };
    // "Not `Send`" points at the function's name.
    let p_fn = respan(p, spec.fn_span);
    let future = quote_spanned! {spec.fn_span=>
        #p::Box::pin(#p_fn::assert_send(async move {
            let __input: #input_ty = match #decode {
                #p::Result::Ok(input) => input,
                #p::Result::Err(error) => return error,
            };
            let _ = &__ctx;
            #into_result(#callee(#(#receiver,)* #(#call_args),*).await)
        }))
    };

    quote! {
        #input_struct

        #[automatically_derived]
        impl #p::Tool for #tool_ty {
            fn name(&self) -> &str {
                #name
            }

            fn description(&self) -> #p::Option<&str> {
                #description
            }

            fn title(&self) -> #p::Option<&str> {
                #title
            }

            fn input_schema(&self) -> #p::Result<#p::JsonObject, #p::SchemaError> {
                #schema
            }

            fn output_schema(&self) -> #p::Result<#p::Option<#p::JsonObject>, #p::SchemaError> {
                #output_schema
            }

            fn annotations(&self) -> #p::ToolAnnotations {
                #p::ToolAnnotations::new() #(#hints)*
            }

            fn meta(&self) -> #p::Option<#p::JsonObject> {
                #meta
            }

            fn call<'__a>(
                &'__a self,
                __arguments: #p::JsonObject,
                __ctx: #p::ToolContext,
            ) -> #p::BoxFuture<'__a, #p::ToolResult> {
                #future
            }
        }
    }
}

/// The generated input struct (named parameters), and the input type.
fn input_struct(spec: &ToolSpec<'_>, args_ident: &Ident) -> (TokenStream, TokenStream) {
    let p = spec.private;
    match &spec.sig.input {
        Input::Struct(ty) => (TokenStream::new(), quote!(#ty)),
        Input::Params(params) => {
            let serde_crate = format!("{}::serde", tokens_to_path(p));
            let schemars_crate = format!("{}::schemars", tokens_to_path(p));
            let fields = params.iter().map(|param| {
                let attrs = &param.field_attrs;
                let ident = &param.ident;
                let ty = &param.ty;
                quote!(#(#attrs)* #ident: #ty)
            });
            let item = quote! {
                #[derive(#p::serde::Deserialize, #p::schemars::JsonSchema)]
                #[serde(crate = #serde_crate)]
                #[schemars(crate = #schemars_crate)]
                #[allow(non_camel_case_types, dead_code)]
                struct #args_ident {
                    #(#fields,)*
                }
            };
            (item, quote!(#args_ident))
        }
    }
}

/// The tokens, all at `span`.
fn tokens_to_path(tokens: &TokenStream) -> String {
    tokens.to_string().replace(' ', "")
}
