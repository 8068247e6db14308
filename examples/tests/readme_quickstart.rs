//! The README's quickstart is `examples/quickstart.rs`, word for word (from
//! its first `use` on), so what a user pastes is what CI runs.

#[test]
fn the_readme_quickstart_is_the_quickstart_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("examples/quickstart.rs")).unwrap();
    let marker = "<!-- quickstart -->\n```rust,no_run\n";
    let start = readme
        .find(marker)
        .expect("the quickstart marker in the README")
        + marker.len();
    let block = &readme[start..];
    let block = &block[..block.find("```").expect("the end of the quickstart block")];
    let program = &example[example.find("use claude_agent_sdk").unwrap()..];
    assert_eq!(block.trim_end(), program.trim_end());
    // A complete program: nothing but the SDK and tokio.
    assert!(block.contains("#[tokio::main]"));
    assert!(!block.contains("claude_agent_sdk_examples"));
    assert!(!block.contains("anyhow"));
}
