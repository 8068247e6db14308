//! The idle timeout: a CLI that stays alive but silent while a turn runs
//! ends the turn with `Error::Stalled` and is reaped; time spent in the
//! SDK's own callbacks does not count as silence.

use std::time::Duration;

use claude_agent_sdk::permissions::PermissionResult;
use claude_agent_sdk::{ClaudeClient, Error, Message, query, query_stream};
use claude_agent_sdk_e2e::{
    Harness, TREE_TAG_VAR, kill_tagged, new_tree_tag, wait_process_gone, wait_tree_gone,
};
use futures::StreamExt;

async fn assert_tree_gone(tag: &str) {
    let left = wait_tree_gone(tag, Duration::from_secs(10)).await;
    if !left.is_empty() {
        kill_tagged(tag);
        panic!("processes left: {left:?}");
    }
}

#[tokio::test]
async fn a_silent_cli_ends_the_query_with_a_typed_error() {
    let h = Harness::new().await;
    let tag = new_tree_tag();
    let options = h
        .options()
        .env(TREE_TAG_VAR, &tag)
        .idle_timeout(Duration::from_secs(2))
        .build();
    // The model takes a minute to answer: the CLI has nothing to say.
    let mut stream = query_stream("SLOW 60000; SAY too late", options)
        .await
        .unwrap();
    let pid = stream.pid().unwrap();
    let outcome = tokio::time::timeout(Duration::from_secs(30), async {
        let mut last = None;
        while let Some(item) = stream.next().await {
            if let Err(err) = item {
                last = Some(err);
            }
        }
        last
    })
    .await
    .expect("the idle timeout ends the stream");
    assert!(
        matches!(outcome, Some(Error::Stalled { after }) if after == Duration::from_secs(2)),
        "{outcome:?}"
    );
    assert!(wait_process_gone(pid, Duration::from_secs(10)).await);
    assert_tree_gone(&tag).await;
}

#[tokio::test]
async fn a_silent_cli_ends_a_client_turn_with_a_typed_error() {
    let h = Harness::new().await;
    let mut client = ClaudeClient::new(h.options().idle_timeout(Duration::from_secs(2)).build());
    client.connect().await.unwrap();
    // Connected and waiting for a prompt: silence is normal, no timeout.
    tokio::time::sleep(Duration::from_secs(3)).await;
    client.query("SLOW 60000; SAY too late").await.unwrap();
    let mut turn = client.receive_response();
    let outcome = tokio::time::timeout(Duration::from_secs(30), async {
        let mut last = None;
        while let Some(item) = turn.next().await {
            if let Err(err) = item {
                last = Some(err);
            }
        }
        last
    })
    .await
    .expect("the idle timeout ends the turn");
    assert!(
        matches!(outcome, Some(Error::Stalled { .. })),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn time_in_the_sdks_own_callbacks_is_not_silence() {
    let h = Harness::new().await;
    let options = h
        .options()
        .idle_timeout(Duration::from_millis(1500))
        .can_use_tool(|_request| async {
            tokio::time::sleep(Duration::from_secs(4)).await;
            PermissionResult::allow()
        })
        .build();
    let messages = query(
        r#"CALL Bash {"command":"touch slow-permission.txt","description":"x"}"#,
        options,
    )
    .await
    .unwrap();
    let result = messages.iter().rev().find_map(|m| match m {
        Message::Result(r) => Some(r),
        _ => None,
    });
    assert!(result.is_some_and(|r| !r.is_error()), "{messages:?}");
    assert!(h.env.cwd().join("slow-permission.txt").exists());
}
