//! Compile-time behaviour of `#[hook]`: the accepted forms compile, and each
//! mistake is reported where it is made (trybuild UI tests).
//!
//! The expected compiler output in `tests/ui/hook/fail/*.stderr` is pinned to
//! Rust 1.95 (the toolchain CI uses); after a toolchain change,
//! regenerate it with `TRYBUILD=overwrite cargo test -p claude-agent-sdk --test
//! hook_macro` and review the diff.

mod ui_support;

#[test]
fn hook_macro_ui() {
    ui_support::run_ui_tests("hook");
}
