//! Compile-time behaviour of `#[agent]`: the accepted forms compile, and each
//! mistake is reported where it is made (trybuild UI tests).
//!
//! The expected compiler output in `tests/ui/agent/fail/*.stderr` is pinned to
//! Rust 1.95 (the toolchain CI uses); after a toolchain change,
//! regenerate it with `TRYBUILD=overwrite cargo test -p claude-agent-sdk --test
//! agent_macro` and review the diff.

/// The toolchain the `.stderr` files were written with.
const PINNED_RUSTC: &str = "rustc 1.95.";

#[test]
fn agent_macro_ui() {
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
    cases.pass("tests/ui/agent/pass/*.rs");
    cases.compile_fail("tests/ui/agent/fail/*.rs");
}

/// Reviews, with its prompt in a file.
#[claude_agent_sdk::agent(prompt_file = "tests/fixtures/agents/reviewer.md", tools = ["Read"])]
struct FileReviewer;

#[test]
fn a_prompt_file_is_read_relative_to_the_crate_at_compile_time() {
    use claude_agent_sdk::agents::Agent;
    let definition = FileReviewer.definition();
    assert_eq!(
        definition.prompt,
        include_str!("fixtures/agents/reviewer.md")
    );
    assert_eq!(
        definition.description,
        "Reviews, with its prompt in a file."
    );
    assert_eq!(FileReviewer::NAME, "file-reviewer");
}
