//! The application panicking in `main` mid-turn (unwinding through the
//! runtime) leaves no process of the CLI's tree behind, not even the ones
//! the Bash tool started in a session of their own.

use std::process::Stdio;
use std::time::Duration;

use claude_agent_sdk_e2e::{TREE_TAG_VAR, kill_tagged, new_tree_tag, wait_tree_gone};

#[tokio::test]
async fn a_panic_in_main_mid_turn_leaves_no_process() {
    // The pinned CLI, installed before the child needs it.
    claude_agent_sdk::testing::cli_path().await.unwrap();
    let tag = new_tree_tag();
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_panic-mid-turn"))
        .env(TREE_TAG_VAR, &tag)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let output = tokio::time::timeout(Duration::from_secs(90), child.wait_with_output())
        .await
        .expect("the application ends")
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("READY"),
        "never reached the tool call: {stderr}"
    );
    assert!(
        stderr.contains("the application panics in main"),
        "did not panic as planned: {stderr}"
    );
    assert!(!output.status.success());
    let left = wait_tree_gone(&tag, Duration::from_secs(10)).await;
    if !left.is_empty() {
        kill_tagged(&tag);
        panic!("processes left after the application panicked: {left:?}");
    }
}

/// Processes left by an application that was killed outright (SIGKILL: no
/// destructor runs) are ended when the SDK next starts a CLI, in any
/// process.
#[tokio::test]
async fn the_processes_of_a_killed_application_are_ended_at_the_next_start() {
    claude_agent_sdk::testing::cli_path().await.unwrap();
    let tag = new_tree_tag();
    let mut app = tokio::process::Command::new(env!("CARGO_BIN_EXE_panic-mid-turn"))
        .arg("hang")
        .env(TREE_TAG_VAR, &tag)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = tokio::io::BufReader::new(app.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(
        Duration::from_secs(60),
        tokio::io::AsyncBufReadExt::read_line(&mut stdout, &mut line),
    )
    .await
    .expect("the application reaches its tool call")
    .unwrap();
    assert_eq!(line.trim(), "READY");
    let app_pid = app.id().unwrap();
    app.start_kill().unwrap();
    app.wait().await.unwrap();
    // The tool's processes outlive the killed application...
    tokio::time::sleep(Duration::from_millis(500)).await;
    let orphans: Vec<_> = claude_agent_sdk_e2e::tagged_processes(&tag)
        .into_iter()
        .filter(|(pid, _)| *pid != app_pid)
        .collect();
    assert!(
        orphans
            .iter()
            .any(|(_, command)| command.starts_with("tail")),
        "expected orphans to clean up: {orphans:?}"
    );
    // ...until another application starts a CLI.
    let next = tokio::process::Command::new(env!("CARGO_BIN_EXE_panic-mid-turn"))
        .arg("query")
        .env(TREE_TAG_VAR, new_tree_tag())
        .output()
        .await
        .unwrap();
    assert!(
        String::from_utf8_lossy(&next.stdout).contains("DONE"),
        "{}",
        String::from_utf8_lossy(&next.stderr)
    );
    let left = wait_tree_gone(&tag, Duration::from_secs(10)).await;
    if !left.is_empty() {
        kill_tagged(&tag);
        panic!("orphans of the killed application left: {left:?}");
    }
}
