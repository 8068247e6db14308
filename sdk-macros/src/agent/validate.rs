//! Checking the attribute and the item, collecting every problem.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Expr, Ident, Lit, LitStr, Path};

use super::parse::{Parsed, Setting};
use crate::common::diagnostics::Errors;
use crate::common::docs;
use crate::common::suggest::closest;

/// The keys `#[agent]` knows.
const KEYS: [&str; 16] = [
    "name",
    "description",
    "prompt",
    "prompt_file",
    "tools",
    "disallowed_tools",
    "model",
    "mcp_servers",
    "skills",
    "max_turns",
    "effort",
    "permission_mode",
    "background",
    "memory",
    "initial_prompt",
    "crate",
];

const EFFORTS: [&str; 5] = ["low", "medium", "high", "xhigh", "max"];
const PERMISSION_MODES: [&str; 6] = [
    "default",
    "acceptEdits",
    "plan",
    "bypassPermissions",
    "dontAsk",
    "auto",
];
const MEMORY_SCOPES: [&str; 3] = ["user", "project", "local"];

/// Where the prompt comes from.
pub(super) enum PromptSource {
    /// Written in the attribute.
    Inline(LitStr),
    /// A file, embedded at compile time.
    File(LitStr),
}

/// A checked `#[agent]`.
pub(super) struct AgentDef {
    pub(super) item: syn::ItemStruct,
    pub(super) name: String,
    pub(super) description: TokenStream,
    pub(super) prompt: PromptSource,
    pub(super) tools: Option<Vec<LitStr>>,
    pub(super) disallowed_tools: Option<Vec<LitStr>>,
    pub(super) model: Option<LitStr>,
    pub(super) mcp_servers: Option<Vec<LitStr>>,
    pub(super) skills: Option<Vec<LitStr>>,
    pub(super) max_turns: Option<u32>,
    pub(super) effort: Option<LitStr>,
    pub(super) permission_mode: Option<LitStr>,
    pub(super) background: Option<bool>,
    pub(super) memory: Option<LitStr>,
    pub(super) initial_prompt: Option<LitStr>,
    pub(super) krate: Path,
}

/// What the stand-in emitted next to errors needs.
pub(super) struct Stand {
    pub(super) item: syn::Item,
    pub(super) krate: Path,
}

pub(super) fn validate(parsed: Parsed) -> Result<AgentDef, (syn::Error, Box<Stand>)> {
    let Parsed { args, item } = parsed;
    let mut errors = Errors::default();
    let mut seen: Vec<String> = Vec::new();

    let mut name = None;
    let mut description = None;
    let mut prompt: Option<PromptSource> = None;
    let mut tools = None;
    let mut disallowed_tools = None;
    let mut model = None;
    let mut mcp_servers = None;
    let mut skills = None;
    let mut max_turns = None;
    let mut effort = None;
    let mut permission_mode = None;
    let mut background = None;
    let mut memory = None;
    let mut initial_prompt = None;
    let mut krate = None;

    for Setting { key, value } in args.settings {
        let key_name = key.to_string();
        if !KEYS.contains(&key_name.as_str()) {
            let hint = match closest(&key_name, &KEYS) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("expected one of: {}", KEYS.join(", ")),
            };
            errors.spanned(
                &key,
                format!("unknown `#[agent]` argument `{key_name}`; {hint}"),
            );
            continue;
        }
        if seen.contains(&key_name) {
            errors.spanned(&key, format!("`{key_name}` is given twice"));
            continue;
        }
        seen.push(key_name.clone());
        // Only `background` may stand alone.
        let value = match (value, key_name.as_str()) {
            (Some(value), _) => value,
            (None, "background") => {
                background = Some(true);
                continue;
            }
            (None, _) => {
                errors.spanned(
                    &key,
                    format!("`{key_name}` needs a value: `{key_name} = ...`"),
                );
                continue;
            }
        };
        let value = &value;
        match key_name.as_str() {
            "name" => {
                if let Some(lit) = string(value, &key_name, &mut errors) {
                    check_name(&lit.value(), lit.span(), &mut errors);
                    name = Some(lit.value());
                }
            }
            "description" => {
                description = non_empty(value, &key_name, &mut errors).map(|lit| quote!(#lit));
            }
            "prompt" | "prompt_file" => {
                let Some(lit) = non_empty(value, &key_name, &mut errors) else {
                    continue;
                };
                if prompt.is_some() {
                    errors.spanned(&key, "give either `prompt` or `prompt_file`, not both");
                    continue;
                }
                prompt = Some(if key_name == "prompt" {
                    PromptSource::Inline(lit)
                } else {
                    check_file(&lit, &mut errors);
                    PromptSource::File(lit)
                });
            }
            "tools" => tools = strings(value, &key_name, &mut errors),
            "disallowed_tools" => disallowed_tools = strings(value, &key_name, &mut errors),
            "mcp_servers" => mcp_servers = strings(value, &key_name, &mut errors),
            "skills" => skills = strings(value, &key_name, &mut errors),
            "model" => model = non_empty(value, &key_name, &mut errors),
            "initial_prompt" => initial_prompt = non_empty(value, &key_name, &mut errors),
            "effort" => effort = one_of(value, &key_name, &EFFORTS, &mut errors),
            "permission_mode" => {
                permission_mode = one_of(value, &key_name, &PERMISSION_MODES, &mut errors);
            }
            "memory" => memory = one_of(value, &key_name, &MEMORY_SCOPES, &mut errors),
            "max_turns" => match literal(value) {
                Some(Lit::Int(int)) => match int.base10_parse::<u32>() {
                    Ok(0) | Err(_) => errors.spanned(
                        int,
                        "`max_turns` is a number of turns greater than zero, e.g. `max_turns = 5`",
                    ),
                    Ok(turns) => max_turns = Some(turns),
                },
                _ => errors.spanned(
                    value,
                    "`max_turns` is a number of turns greater than zero, e.g. `max_turns = 5`",
                ),
            },
            "background" => match literal(value) {
                Some(Lit::Bool(flag)) => background = Some(flag.value),
                _ => errors.spanned(value, "`background` is `true` or `false`"),
            },
            "crate" => match literal(value) {
                Some(Lit::Str(lit)) => match lit.parse::<Path>() {
                    Ok(path) => krate = Some(path),
                    Err(_) => errors.spanned(
                        lit,
                        "`crate` is the path of claude-agent-sdk as a string, e.g. \
                         `crate = \"::my_sdk\"`",
                    ),
                },
                _ => errors.spanned(
                    value,
                    "`crate` is the path of claude-agent-sdk as a string, e.g. \
                     `crate = \"::my_sdk\"`",
                ),
            },
            _ => unreachable!("every known key is handled"),
        }
    }

    let krate = krate.unwrap_or_else(|| syn::parse_quote!(::claude_agent_sdk));
    let stand = |item: syn::Item, krate: Path| Box::new(Stand { item, krate });
    let item = match item {
        syn::Item::Struct(item) => item,
        other => {
            errors.spanned(
                item_keyword(&other),
                "`#[agent]` goes on a unit struct, e.g. `struct CodeReviewer;`",
            );
            let err = errors.finish().err().unwrap_or_else(|| {
                syn::Error::new(Span::call_site(), "`#[agent]` goes on a unit struct")
            });
            return Err((err, stand(other, krate)));
        }
    };
    if !matches!(item.fields, syn::Fields::Unit) {
        errors.spanned(
            &item.fields,
            "`#[agent]` goes on a unit struct (`struct CodeReviewer;`): an agent definition is \
             data, and the struct only names it",
        );
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        errors.spanned(&item.generics, "an agent struct cannot be generic");
    }
    let description = description.or_else(|| docs::description(&item.attrs));
    if description.is_none() {
        errors.spanned(
            &item.ident,
            "an agent needs a description, which tells Claude when to use it: write a doc \
             comment on the struct (or `description = \"...\"`)",
        );
    }
    if prompt.is_none() {
        errors.push(syn::Error::new(
            Span::call_site(),
            "an agent needs its system prompt: add `prompt = \"...\"` or `prompt_file = \
             \"path/relative/to/the/crate.md\"`",
        ));
    }
    let name = name.unwrap_or_else(|| kebab_case(&item.ident));
    match (errors.finish(), description, prompt) {
        (Ok(()), Some(description), Some(prompt)) => Ok(AgentDef {
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
        }),
        (result, ..) => {
            let err = result
                .err()
                .unwrap_or_else(|| syn::Error::new(Span::call_site(), "invalid `#[agent]`"));
            Err((err, stand(syn::Item::Struct(item), krate)))
        }
    }
}

/// The tokens that name the kind of an item (`fn`, `enum`, ...), for
/// pointing at it.
fn item_keyword(item: &syn::Item) -> TokenStream {
    match item {
        syn::Item::Fn(f) => {
            let token = f.sig.fn_token;
            quote!(#token)
        }
        syn::Item::Enum(e) => {
            let token = e.enum_token;
            quote!(#token)
        }
        syn::Item::Union(u) => {
            let token = u.union_token;
            quote!(#token)
        }
        syn::Item::Impl(i) => {
            let token = i.impl_token;
            quote!(#token)
        }
        syn::Item::Trait(t) => {
            let token = t.trait_token;
            quote!(#token)
        }
        other => quote!(#other),
    }
}

/// `CodeReviewer` → `code-reviewer`, `HTTPProbe` → `http-probe`.
fn kebab_case(ident: &Ident) -> String {
    let text = ident.to_string();
    let text = text.strip_prefix("r#").unwrap_or(&text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let previous = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1);
            let boundary = match previous {
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('-') {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else if *c == '_' {
            out.push('-');
        } else {
            out.push(*c);
        }
    }
    out
}

fn check_name(name: &str, span: Span, errors: &mut Errors) {
    if name.is_empty() || name.len() > 64 {
        errors.push(syn::Error::new(
            span,
            "an agent's name is 1 to 64 characters long",
        ));
    } else if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        errors.push(syn::Error::new(
            span,
            format!(
                "invalid agent name `{name}`: {c:?} is not allowed; use letters, digits, `_` and \
                 `-` (the model passes it as `subagent_type`)"
            ),
        ));
    }
}

/// The file exists relative to the crate being compiled (when cargo says
/// where that is).
fn check_file(lit: &LitStr, errors: &mut Errors) {
    let path = std::path::PathBuf::from(lit.value());
    let full = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) if path.is_relative() => std::path::Path::new(&dir).join(&path),
        _ => path,
    };
    if let Err(err) = std::fs::metadata(&full) {
        errors.spanned(
            lit,
            format!(
                "cannot read the prompt file `{}` (paths are relative to the crate's root, \
                 where its Cargo.toml is): {err}",
                full.display()
            ),
        );
    }
}

fn literal(value: &Expr) -> Option<&Lit> {
    match value {
        Expr::Lit(lit) => Some(&lit.lit),
        Expr::Group(group) => literal(&group.expr),
        _ => None,
    }
}

fn string(value: &Expr, key: &str, errors: &mut Errors) -> Option<LitStr> {
    match literal(value) {
        Some(Lit::Str(lit)) => Some(lit.clone()),
        _ => {
            errors.spanned(value, format!("`{key}` is a string: `{key} = \"...\"`"));
            None
        }
    }
}

fn non_empty(value: &Expr, key: &str, errors: &mut Errors) -> Option<LitStr> {
    let lit = string(value, key, errors)?;
    if lit.value().trim().is_empty() {
        errors.spanned(&lit, format!("`{key}` cannot be empty"));
        return None;
    }
    Some(lit)
}

fn one_of(value: &Expr, key: &str, allowed: &[&str], errors: &mut Errors) -> Option<LitStr> {
    let lit = string(value, key, errors)?;
    if allowed.contains(&lit.value().as_str()) {
        return Some(lit);
    }
    let hint = match closest(&lit.value(), allowed) {
        Some(known) => format!("; did you mean `\"{known}\"`?"),
        None => String::new(),
    };
    let list = allowed
        .iter()
        .map(|a| format!("`\"{a}\"`"))
        .collect::<Vec<_>>()
        .join(", ");
    errors.spanned(&lit, format!("`{key}` is one of {list}{hint}"));
    None
}

fn strings(value: &Expr, key: &str, errors: &mut Errors) -> Option<Vec<LitStr>> {
    let Expr::Array(array) = value else {
        errors.spanned(
            value,
            format!("`{key}` is a list of strings, e.g. `{key} = [\"Read\", \"Grep\"]`"),
        );
        return None;
    };
    let mut items: Vec<LitStr> = Vec::new();
    let mut ok = true;
    for element in &array.elems {
        match literal(element) {
            Some(Lit::Str(lit)) if !lit.value().trim().is_empty() => {
                if items.iter().any(|seen| seen.value() == lit.value()) {
                    errors.spanned(lit, format!("`{}` is listed twice", lit.value()));
                    ok = false;
                } else {
                    items.push(lit.clone());
                }
            }
            _ => {
                errors.spanned(
                    element,
                    format!("the items of `{key}` are non-empty strings"),
                );
                ok = false;
            }
        }
    }
    ok.then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn struct_names_become_kebab_case() {
        let name = |s: &str| kebab_case(&Ident::new(s, Span::call_site()));
        assert_eq!(name("CodeReviewer"), "code-reviewer");
        assert_eq!(name("HTTPProbe"), "http-probe");
        assert_eq!(name("Reviewer2Go"), "reviewer2-go");
        assert_eq!(name("Plain"), "plain");
        assert_eq!(name("snake_case"), "snake-case");
    }
}
