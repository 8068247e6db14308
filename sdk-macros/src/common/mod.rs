//! Helpers shared by the macros.

pub(crate) mod attrs;
pub(crate) mod diagnostics;
pub(crate) mod docs;
pub(crate) mod params;
pub(crate) mod paths;
pub(crate) mod signature;
pub(crate) mod spans;
pub(crate) mod suggest;
