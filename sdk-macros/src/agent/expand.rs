//! Generating the agent: the struct as written, its `NAME`, and its `Agent`
//! impl building the `AgentDefinition`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use super::validate::{AgentDef, PromptSource, Stand};

pub(super) fn expand(def: &AgentDef) -> TokenStream {
    let AgentDef {
        item,
        name,
        description,
        prompt,
        tools,
        disallowed_tools,
        model,
        mcp_servers,
        skills,
        max_turns,
        effort,
        permission_mode,
        background,
        memory,
        initial_prompt,
        krate,
    } = def;
    let ident = &item.ident;
    let vis = &item.vis;
    let cfgs: Vec<_> = item
        .attrs
        .iter()
        .filter(|a| crate::common::attrs::is_cfg(a))
        .collect();
    let prompt = match prompt {
        PromptSource::Inline(lit) => quote!(#lit),
        PromptSource::File(lit) if std::path::Path::new(&lit.value()).is_absolute() => {
            quote!(::core::include_str!(#lit))
        }
        PromptSource::File(lit) => {
            quote!(::core::include_str!(
                ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/", #lit)
            ))
        }
    };
    let mut settings = TokenStream::new();
    let list = |method: TokenStream, items: &Option<Vec<LitStr>>| match items {
        Some(items) => quote!(.#method([#(#items),*] as [&str; _])),
        None => TokenStream::new(),
    };
    settings.extend(list(quote!(tools), tools));
    settings.extend(list(quote!(disallowed_tools), disallowed_tools));
    settings.extend(list(quote!(mcp_servers), mcp_servers));
    settings.extend(list(quote!(skills), skills));
    if let Some(model) = model {
        settings.extend(quote!(.model(#model)));
    }
    if let Some(turns) = max_turns {
        settings.extend(quote!(.max_turns(#turns)));
    }
    if let Some(effort) = effort {
        settings.extend(quote!(.effort(#krate::options::Effort::from(#effort))));
    }
    if let Some(mode) = permission_mode {
        settings.extend(quote!(.permission_mode(#krate::PermissionMode::from(#mode))));
    }
    if let Some(background) = background {
        settings.extend(quote!(.background(#background)));
    }
    if let Some(memory) = memory {
        settings.extend(quote!(.memory(#memory)));
    }
    if let Some(initial) = initial_prompt {
        settings.extend(quote!(.initial_prompt(#initial)));
    }
    let summary = format!(
        "The subagent `{name}`, made by `#[agent]`: add it with \
         `ClaudeAgentOptionsBuilder::agent`; the model starts it with the Agent tool \
         (`subagent_type: \"{name}\"`)."
    );
    let mut item = item.clone();
    item.attrs.push(syn::parse_quote!(#[doc = ""]));
    item.attrs.push(syn::parse_quote!(#[doc = #summary]));
    quote! {
        #item

        #(#cfgs)*
        impl #ident {
            /// The agent's name: what the model passes as `subagent_type`.
            #vis const NAME: &'static str = #name;
        }

        #(#cfgs)*
        impl #krate::agents::Agent for #ident {
            fn name(&self) -> &str {
                #name
            }

            fn definition(&self) -> #krate::AgentDefinition {
                #krate::AgentDefinition::new(#description, #prompt) #settings
            }
        }
    }
}

/// The item as written and an `Agent` impl that compiles, so that an error
/// in the attribute does not cascade into errors where the agent is used.
pub(super) fn stand_in(stand: &Stand) -> TokenStream {
    let Stand { item, krate } = stand;
    let syn::Item::Struct(strukt) = item else {
        return quote!(#item);
    };
    let ident = &strukt.ident;
    let (impl_generics, ty_generics, where_clause) = strukt.generics.split_for_impl();
    quote! {
        #item

        impl #impl_generics #ident #ty_generics #where_clause {
            /// The agent's name (this agent did not compile).
            #[allow(dead_code)]
            pub const NAME: &'static str = "";
        }

        impl #impl_generics #krate::agents::Agent for #ident #ty_generics #where_clause {
            fn name(&self) -> &str {
                ::core::unreachable!("this agent did not compile")
            }

            fn definition(&self) -> #krate::AgentDefinition {
                ::core::unreachable!("this agent did not compile")
            }
        }
    }
}
