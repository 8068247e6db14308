//! The older supported CLI, 2.1.197: features are detected from what the
//! CLI does, not from its version number.

use claude_agent_sdk::messages::last_result;
use claude_agent_sdk::{Error, query, query_stream};
use claude_agent_sdk_e2e::Harness;

const OLD: &str = "2.1.197";

#[tokio::test]
async fn a_query_with_a_tool_works_on_the_old_cli() {
    let h = Harness::with_version(OLD).await;
    let options = h.options().allowed_tools(["Bash"]).build();
    let messages = query(
        r#"CALL Bash {"command":"echo old-cli","description":"x"}"#,
        options,
    )
    .await
    .unwrap();
    let init = messages.iter().find_map(|m| m.as_init()).unwrap();
    assert_eq!(init.claude_code_version.as_deref(), Some(OLD));
    let result = last_result(&messages).unwrap();
    assert_eq!(result.result(), Some("DONE old-cli"));
}

#[tokio::test]
async fn query_returns_init_first_and_the_result_last_on_the_old_cli() {
    let h = Harness::with_version(OLD).await;
    claude_agent_sdk_e2e::assert_query_starts_with_init_and_ends_with_result(&h).await;
}

#[tokio::test]
async fn an_option_the_old_cli_lacks_is_refused_with_a_clear_error() {
    let h = Harness::with_version(OLD).await;
    let options = h
        .options()
        .extra_arg("resume-drops-turn", Some("abc"))
        .build();
    match query_stream("SAY hi", options).await {
        Err(Error::Unsupported { feature, .. }) => {
            assert_eq!(feature, "the option `--resume-drops-turn`");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}
