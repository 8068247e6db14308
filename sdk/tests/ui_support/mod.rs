//! Running one macro's trybuild UI tests (`tests/ui/<macro>/{pass,fail}`).

/// The toolchain the `.stderr` files were written with.
const PINNED_RUSTC: &str = "rustc 1.95.";

/// Checks that the compiler is the one the expected `.stderr` files were
/// written with, then runs `tests/ui/<dir>/pass/*.rs` (must compile) and
/// `tests/ui/<dir>/fail/*.rs` (must fail with the recorded output).
pub(crate) fn run_ui_tests(dir: &str) {
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
    cases.pass(format!("tests/ui/{dir}/pass/*.rs"));
    cases.compile_fail(format!("tests/ui/{dir}/fail/*.rs"));
}
