//! Compile-time behaviour of `#[agent]`: the accepted forms compile, and each
//! mistake is reported where it is made (trybuild UI tests).
//!
//! The expected compiler output in `tests/ui/agent/fail/*.stderr` is pinned to
//! Rust 1.95 (the toolchain CI uses); after a toolchain change,
//! regenerate it with `TRYBUILD=overwrite cargo test -p claude-agent-sdk --test
//! agent_macro` and review the diff.

mod ui_support;

#[test]
fn agent_macro_ui() {
    ui_support::run_ui_tests("agent");
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
