//! Generating the hook: a unit struct named after the function, the
//! function as its `call` method, and its `IntoHookMatcher` impl. (A
//! parameter named like the function would shadow the struct, which Rust
//! refuses: validation reports it first.)

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Ident, ItemFn, Path, Visibility};

use super::validate::{HookDef, Timeout};

/// What the stand-in emitted next to errors needs.
pub(super) struct Dummy {
    vis: Visibility,
    ident: Ident,
    docs: Vec<Attribute>,
    cfgs: Vec<Attribute>,
    krate: Path,
}

impl Dummy {
    pub(super) fn of(function: &ItemFn, krate: Option<Path>) -> Self {
        let (docs, _, cfgs) = crate::common::attrs::split(&function.attrs);
        Self {
            vis: function.vis.clone(),
            ident: function.sig.ident.clone(),
            docs,
            cfgs,
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::claude_agent_sdk)),
        }
    }
}

/// A hook of the right name that compiles, so that an error in the
/// attribute does not cascade into errors where the hook is registered.
pub(super) fn dummy(dummy: &Dummy) -> TokenStream {
    let Dummy {
        vis,
        ident,
        docs,
        cfgs,
        krate,
    } = dummy;
    quote! {
        #(#docs)*
        #(#cfgs)*
        #[allow(non_camel_case_types, dead_code)]
        #[derive(Debug, Clone, Copy, Default)]
        #vis struct #ident;

        #(#cfgs)*
        impl #krate::hooks::IntoHookMatcher for #ident {
            fn into_hook_matcher(self) -> #krate::hooks::HookMatcher {
                ::core::unreachable!("this hook did not compile")
            }
        }
    }
}

pub(super) fn expand(hook: &HookDef) -> TokenStream {
    let HookDef {
        function,
        event,
        matcher,
        timeout,
        on_failure,
        krate,
        input_ty,
        context_ty,
        output_ty,
    } = hook;
    let (docs, others, cfgs) = crate::common::attrs::split(&function.attrs);
    let vis = &function.vis;
    let ident = &function.sig.ident;
    let mut sig = function.sig.clone();
    sig.ident = Ident::new("call", ident.span());
    let block = &function.block;

    let summary = summary(hook);
    let event_name = event.to_string();
    let call_doc = format!(
        "The function of the `{event_name}` hook [`{ident}`](struct@{ident}), to call it directly \
         (e.g. in a test)."
    );

    // Each check is spanned on the part it is about, so that a mismatch is
    // reported there: the input type against the event, the return type
    // against `IntoHookResult`, the context parameter against
    // `HookContext`.
    // Local names are resolved at the call site (whatever the hygiene of
    // the spans they are reported at).
    let input = Ident::new("input", Span::call_site());
    let output = Ident::new("output", Span::call_site());
    let marker = quote!(#krate::hooks::event::#event);
    let take_input = quote_spanned! {input_ty.span()=>
        <#input_ty as #krate::hooks::HookInputFor<#marker>>::from_hook_input(#input)
    };
    let answer = quote_spanned! {output_ty.span()=>
        <#output_ty as #krate::hooks::IntoHookResult>::into_hook_result(#output)
    };
    let call = match context_ty {
        Some(context_ty) => {
            let context = Ident::new("context", Span::call_site().located_at(context_ty.span()));
            quote!(#ident::call(#input, #context))
        }
        None => quote!(#ident::call(#input)),
    };
    let mut settings = TokenStream::new();
    if let Some(matcher) = matcher {
        settings.extend(quote!(let hook = hook.matcher(#matcher);));
    }
    if let Some(timeout) = timeout {
        let duration = match timeout {
            Timeout::Seconds(secs) => quote!(::core::time::Duration::from_secs(#secs)),
            Timeout::SecondsF64(secs) => quote!(::core::time::Duration::from_secs_f64(#secs)),
        };
        settings.extend(quote!(let hook = hook.timeout(#duration);));
    }
    if let Some(policy) = on_failure {
        settings.extend(quote!(let hook = hook.on_failure(#krate::hooks::OnFailure::#policy);));
    }

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
            #[doc = #call_doc]
            #(#others)*
            #vis #sig #block
        }

        #(#cfgs)*
        impl #krate::hooks::IntoHookMatcher for #ident {
            fn into_hook_matcher(self) -> #krate::hooks::HookMatcher {
                let hook = #krate::hooks::HookMatcher::new(
                    <#marker as #krate::hooks::event::HookEventMarker>::event(),
                    |input: #krate::hooks::HookInput, context: #krate::hooks::HookContext| async move {
                        let input = match #take_input {
                            ::core::result::Result::Ok(input) => input,
                            ::core::result::Result::Err(error) => {
                                return ::core::result::Result::Err(error);
                            }
                        };
                        let output = #call.await;
                        #answer
                    },
                );
                #settings
                hook
            }
        }
    }
}

/// The generated paragraph of the hook's documentation.
fn summary(hook: &HookDef) -> String {
    let mut text = format!("A `{}` hook", hook.event);
    if let Some(matcher) = &hook.matcher {
        text.push_str(&format!(" for tools matching `{}`", matcher.value()));
    }
    match &hook.timeout {
        Some(Timeout::Seconds(secs)) => text.push_str(&format!(" (timeout {secs} s)")),
        Some(Timeout::SecondsF64(secs)) => text.push_str(&format!(" (timeout {secs} s)")),
        None => {}
    }
    text.push_str(
        ", made by `#[hook]`: register it with `ClaudeAgentOptionsBuilder::hook`, or call its \
         function with `call`.",
    );
    text
}
