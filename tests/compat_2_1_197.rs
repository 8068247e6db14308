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

#[tokio::test]
async fn parked_spares_are_unsupported_on_the_old_cli_and_the_pool_starts_cold() {
    use claude_agent_sdk::warm::{ClaimOptions, WarmPool, prewarm};
    use std::time::Duration;

    let h = Harness::with_version(OLD).await;
    match prewarm(h.spare_options().build()).await {
        Err(Error::Unsupported { feature, detail }) => {
            assert!(feature.contains("--await-claim"), "{feature}");
            assert!(detail.contains("await-claim"), "{detail}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }

    // A pool on such a CLI still serves every session, cold.
    let pool = WarmPool::builder(h.spare_options().build())
        .spares(1)
        .retry_after_failure(Duration::from_millis(50))
        .build();
    let stream = pool
        .query("SAY cold on 2.1.197", ClaimOptions::new(h.env.cwd()))
        .await
        .unwrap();
    let messages = claude_agent_sdk_e2e::collect(stream).await;
    assert_eq!(
        last_result(&messages).and_then(|r| r.result()),
        Some("cold on 2.1.197")
    );
    let stats = pool.stats();
    assert_eq!(stats.misses, 1, "{stats:?}");
    assert_eq!(stats.spawn_failures, 1, "{stats:?}");
    assert!(stats.spares_unsupported, "{stats:?}");
    // It does not keep trying.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(pool.stats().spawn_failures, 1);
    assert_eq!(pool.stats().starting, 0);
    pool.shutdown().await;
}
