//! Compile-time behaviour of `#[slash_command]`: the accepted forms compile, and each
//! mistake is reported where it is made (trybuild UI tests).
//!
//! The expected compiler output in `tests/ui/slash_command/fail/*.stderr` is pinned to
//! Rust 1.95 (the toolchain CI uses); after a toolchain change,
//! regenerate it with `TRYBUILD=overwrite cargo test -p claude-agent-sdk --test
//! slash_command_macro` and review the diff.

/// The toolchain the `.stderr` files were written with.
const PINNED_RUSTC: &str = "rustc 1.95.";

#[test]
fn slash_command_macro_ui() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = std::process::Command::new(&rustc)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    assert!(
        version.starts_with(PINNED_RUSTC),
        "the UI test expectations are pinned to {PINNED_RUSTC}x, but `{rustc} \
         --version` says {version:?}"
    );
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/slash_command/pass/*.rs");
    cases.compile_fail("tests/ui/slash_command/fail/*.rs");
}
