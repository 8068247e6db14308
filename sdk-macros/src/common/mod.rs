//! Helpers shared by the macros.

pub(crate) mod diagnostics;
pub(crate) mod docs;
pub(crate) mod paths;
