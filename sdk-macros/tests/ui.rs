//! Compile tests of `#[tool]` and `#[tools]`: what must compile, and the
//! errors for what must not.

/// Valid uses compile and run, whatever the compiler.
#[test]
fn pass() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
}

/// The expected messages (`tests/ui/fail/*.stderr`) are those of Rust 1.95,
/// the toolchain this workspace is tested with; other compilers word
/// diagnostics differently, so the comparison only exists there.
#[rustversion::stable(1.95)]
#[test]
fn fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
}
