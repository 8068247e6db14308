//! Sorting a function's or a type's attributes for the generated items.

use syn::Attribute;

/// Whether an attribute is `#[cfg(...)]` or `#[cfg_attr(...)]` (which goes
/// on every generated item).
pub(crate) fn is_cfg(attr: &Attribute) -> bool {
    attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr")
}

/// Doc attributes, other attributes, and `cfg` attributes (which also go on
/// every generated item).
pub(crate) fn split(attrs: &[Attribute]) -> (Vec<Attribute>, Vec<Attribute>, Vec<Attribute>) {
    let mut docs = Vec::new();
    let mut others = Vec::new();
    let mut cfgs = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.push(attr.clone());
        } else if is_cfg(attr) {
            cfgs.push(attr.clone());
        } else {
            others.push(attr.clone());
        }
    }
    (docs, others, cfgs)
}
