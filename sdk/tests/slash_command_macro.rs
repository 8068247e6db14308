//! Compile-time behaviour of `#[slash_command]`: the accepted forms compile, and each
//! mistake is reported where it is made (trybuild UI tests).
//!
//! The expected compiler output in `tests/ui/slash_command/fail/*.stderr` is pinned to
//! Rust 1.95 (the toolchain CI uses); after a toolchain change,
//! regenerate it with `TRYBUILD=overwrite cargo test -p claude-agent-sdk --test
//! slash_command_macro` and review the diff.

mod ui_support;

#[test]
fn slash_command_macro_ui() {
    ui_support::run_ui_tests("slash_command");
}
