//! Parameters named like their function. `#[tool]`, `#[slash_command]` and
//! `#[hook]` replace the function with a unit struct of its name and keep
//! the function as the struct's `call` method, where a parameter of that
//! name would have to shadow the struct, which Rust refuses (E0530).

use syn::ext::IdentExt;
use syn::{Block, FnArg, Ident, Pat, Signature};

/// The bindings of the signature's parameters (inside patterns too) that
/// are named like the function.
pub(crate) fn named_like_fn(sig: &Signature) -> Vec<&Ident> {
    let name = sig.ident.unraw();
    let mut found = Vec::new();
    for arg in &sig.inputs {
        if let FnArg::Typed(typed) = arg {
            bindings(&typed.pat, &mut found);
        }
    }
    found.retain(|ident| ident.unraw() == name);
    found
}

/// Every identifier a pattern binds.
fn bindings<'a>(pat: &'a Pat, out: &mut Vec<&'a Ident>) {
    match pat {
        Pat::Ident(pat) => {
            out.push(&pat.ident);
            if let Some((_, sub)) = &pat.subpat {
                bindings(sub, out);
            }
        }
        Pat::Struct(pat) => pat.fields.iter().for_each(|f| bindings(&f.pat, out)),
        Pat::TupleStruct(pat) => pat.elems.iter().for_each(|p| bindings(p, out)),
        Pat::Tuple(pat) => pat.elems.iter().for_each(|p| bindings(p, out)),
        Pat::Slice(pat) => pat.elems.iter().for_each(|p| bindings(p, out)),
        Pat::Or(pat) => pat.cases.iter().for_each(|p| bindings(p, out)),
        Pat::Reference(pat) => bindings(&pat.pat, out),
        Pat::Paren(pat) => bindings(&pat.pat, out),
        Pat::Type(pat) => bindings(&pat.pat, out),
        _ => {}
    }
}

/// Makes a function compile whatever its parameters are named: every
/// pattern becomes `_` and the body one that never runs. Emitted next to
/// the error about a parameter named like the function, so that the
/// function's callers (and the compiler's E0530) add nothing to it.
pub(crate) fn stub_out(sig: &mut Signature, block: &mut Block) {
    for arg in sig.inputs.iter_mut() {
        if let FnArg::Typed(typed) = arg {
            *typed.pat = syn::parse_quote!(_);
        }
    }
    *block = syn::parse_quote!({ ::core::unreachable!("this function did not compile") });
}
