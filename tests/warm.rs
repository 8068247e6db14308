//! Warm starts on the real CLI: `startup`, parked spares claimed for a
//! folder, and the pool that keeps them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use claude_agent_sdk::hooks::{HookMatcher, HookOutput, PreToolUseInput, event};
use claude_agent_sdk::mcp::McpServer;
use claude_agent_sdk::permissions::{PermissionResult, ToolPermissionRequest};
use claude_agent_sdk::warm::{ClaimOptions, ClaimRejection, WarmPool, prewarm, startup};
use claude_agent_sdk::{AgentDefinition, Error, Message, PermissionMode, tool};
use claude_agent_sdk_e2e::{
    Harness, TREE_TAG_VAR, collect, kill_pid, kill_tagged, new_tree_tag, process_gone,
    receive_turn, result_text, turn, wait_process_gone, wait_tree_gone,
};

/// Add two numbers.
#[tool]
async fn add(a: i64, b: i64) -> String {
    (a + b).to_string()
}

fn first_is_init(messages: &[Message]) {
    assert!(
        matches!(messages.first(), Some(m) if m.as_init().is_some()),
        "the stream does not start with init: {:?}",
        messages.first()
    );
}

#[tokio::test]
async fn a_warm_handle_answers_its_first_prompt_without_starting_the_cli() {
    let h = Harness::new().await;
    let warm = startup(h.options().build()).await.unwrap();
    assert!(warm.is_alive());
    assert!(warm.ready_in() > Duration::ZERO);
    assert!(h.model.requests().is_empty(), "nothing was asked yet");
    let pid = warm.pid().unwrap();

    let messages = collect(warm.query("SAY warm hello").await.unwrap()).await;
    first_is_init(&messages);
    assert_eq!(result_text(&messages), "warm hello");
    // The run is over: the CLI exits on its own.
    assert!(wait_process_gone(pid, Duration::from_secs(15)).await);
}

#[tokio::test]
async fn a_warm_handle_becomes_a_client_for_many_turns_and_close_reaps_it() {
    let h = Harness::new().await;
    let client = startup(h.options().build()).await.unwrap().into_client();
    assert!(client.is_connected());
    assert_eq!(result_text(&turn(&client, "SAY one").await), "one");
    assert_eq!(result_text(&turn(&client, "SAY two").await), "two");
    // The second request carries the first turn.
    let last = h.model.requests().last().unwrap().clone();
    assert!(last.user_texts().iter().any(|t| t.contains("SAY one")));

    let idle = startup(h.options().build()).await.unwrap();
    let pid = idle.pid().unwrap();
    idle.close().await;
    assert!(process_gone(pid));
}

#[tokio::test]
async fn a_claimed_spare_takes_every_claimable_option_and_runs_tools_hooks_and_permissions() {
    let h = Harness::new().await;
    let hooked = Arc::new(Mutex::new(Vec::<String>::new()));
    let asked = Arc::new(Mutex::new(Vec::<String>::new()));
    let (hook_log, ask_log) = (hooked.clone(), asked.clone());
    let server = McpServer::new("calc").tool(add);
    // `add` is not allowed outright: the permission callback is asked.
    let options = h
        .spare_options()
        .mcp_server(server)
        .hook(HookMatcher::on(
            event::PreToolUse,
            move |input: PreToolUseInput, _ctx| {
                hook_log.lock().unwrap().push(input.tool_name.clone());
                async { HookOutput::default() }
            },
        ))
        .can_use_tool(move |request: ToolPermissionRequest| {
            ask_log.lock().unwrap().push(request.tool_name.clone());
            async { PermissionResult::allow() }
        })
        .build();
    let spare = prewarm(options).await.unwrap();
    let spare_pid = spare.pid().unwrap();
    // Parked in a private folder of its own until claimed.
    let parked_in = std::fs::read_link(format!("/proc/{spare_pid}/cwd")).unwrap();
    assert!(
        parked_in
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("claude-spare-"),
        "{parked_in:?}"
    );

    let cwd = h.env.cwd().to_path_buf();
    let extra_dir = tempfile::tempdir().unwrap();
    let warm = spare
        .claim(
            ClaimOptions::new(&cwd)
                .add_dir(extra_dir.path())
                .settings(serde_json::json!({"permissions": {"deny": ["Write"]}}))
                .model("claude-claimed-model")
                .permission_mode(PermissionMode::AcceptEdits)
                .max_thinking_tokens(2048)
                .append_system_prompt("APPENDED-AT-CLAIM")
                .title("claimed title")
                .env("CLAUDE_CODE_HOST_SESSION_ID", "host-session-1")
                .agent("reviewer", AgentDefinition::new("Reviews", "You review.")),
        )
        .await
        .unwrap();
    let info = warm.claim_info().unwrap().clone();
    assert_eq!(
        info.cwd
            .as_deref()
            .map(std::fs::canonicalize)
            .transpose()
            .unwrap(),
        Some(std::fs::canonicalize(&cwd).unwrap())
    );
    assert!(!info.session_id.is_empty());
    assert!(info.parked_ms.is_some());
    assert!(!parked_in.exists(), "the parking folder was not removed");
    assert_eq!(warm.options().cwd(), Some(cwd.as_path()));

    let messages = collect(
        warm.query(format!(
            r#"CALL mcp__calc__add {{"a":40,"b":2}}; CALL Bash {{"command":"echo hi > bash-ran.txt","description":"write"}}; CALL Write {{"file_path":"{}","content":"x"}}; SAY claimed"#,
            cwd.join("denied.txt").display()
        ))
        .await
        .unwrap(),
    )
    .await;
    first_is_init(&messages);
    let init = messages[0].as_init().unwrap();
    assert_eq!(
        std::fs::canonicalize(&init.cwd).unwrap(),
        std::fs::canonicalize(&cwd).unwrap()
    );
    assert_eq!(init.model, "claude-claimed-model");
    assert_eq!(init.permission_mode, Some(PermissionMode::AcceptEdits));
    assert!(
        init.agents.iter().any(|a| a == "reviewer"),
        "{:?}",
        init.agents
    );
    assert!(init.tools.iter().any(|t| t == "mcp__calc__add"));
    assert_eq!(result_text(&messages), "claimed");

    let requests = h.model.requests();
    // The settings overlay's deny rule stopped `Write`; the added folder is
    // in the session's context.
    assert!(
        !cwd.join("denied.txt").exists(),
        "the deny rule of the overlay was not applied"
    );
    let write_result = &requests.last().unwrap().tool_results()[2];
    assert!(write_result.is_error, "{write_result:?}");
    let extra = std::fs::canonicalize(extra_dir.path()).unwrap();
    assert!(
        requests[0]
            .body()
            .to_string()
            .contains(extra.to_str().unwrap()),
        "the added folder did not reach the session"
    );
    assert_eq!(requests[0].model(), Some("claude-claimed-model"));
    assert!(
        requests[0].system_text().contains("APPENDED-AT-CLAIM"),
        "the appended prompt did not reach the model"
    );
    // The in-process tool ran, in the claimed folder's session.
    let results = requests[1].tool_results();
    assert_eq!(results[0].text, "42");
    assert!(
        cwd.join("bash-ran.txt").is_file(),
        "Bash did not run in the claimed folder"
    );
    // The hook saw both tools; the permission callback was asked for the
    // tool that is not allowed (Bash writing in the folder is, in
    // acceptEdits mode).
    let hooked = hooked.lock().unwrap().clone();
    assert!(hooked.iter().any(|t| t == "mcp__calc__add"), "{hooked:?}");
    assert!(hooked.iter().any(|t| t == "Bash"), "{hooked:?}");
    assert_eq!(asked.lock().unwrap().clone(), ["mcp__calc__add"]);
}

#[tokio::test]
async fn refused_claims_are_typed_and_a_refused_spare_stays_claimable() {
    let h = Harness::new().await;
    let spare = prewarm(h.spare_options().build()).await.unwrap();

    // The CLI refuses a folder that does not exist; the spare stays parked.
    let failed = spare
        .claim(ClaimOptions::new("/nonexistent/claude-sdk-claim"))
        .await
        .unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::CwdNotFound),
        "{failed}"
    );
    let spare = failed.into_spare().expect("the spare stays parked");

    // A file is not a folder.
    let file = h.env.cwd().join("not-a-folder.txt");
    std::fs::write(&file, "x").unwrap();
    let failed = spare.claim(ClaimOptions::new(&file)).await.unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::CwdNotADirectory),
        "{failed}"
    );
    let spare = failed.into_spare().unwrap();

    // A permission mode the CLI does not know.
    let failed = spare
        .claim(ClaimOptions::new(h.env.cwd()).permission_mode(PermissionMode::from("sideways")))
        .await
        .unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::PermissionModeNotClaimable),
        "{failed}"
    );
    let spare = failed.into_spare().unwrap();

    // A folder whose settings only a cold start applies.
    let project = folder_only_a_cold_start_can_serve();
    let failed = spare
        .claim(ClaimOptions::new(project.path()))
        .await
        .unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::ProjectSettingsNotClaimable),
        "{failed}"
    );
    assert!(failed.reason().unwrap().start_cold());
    let spare = failed.into_spare().unwrap();

    // What the SDK refuses itself is never sent, and the spare is kept.
    let failed = spare
        .claim(ClaimOptions::new(h.env.cwd()).env("NOT_CLAIMABLE", "1"))
        .await
        .unwrap_err();
    assert!(
        matches!(failed.error(), Error::InvalidOptions(_)),
        "{failed}"
    );
    let spare = failed.into_spare().unwrap();

    // After all that, the spare still serves a claim.
    let warm = spare.claim(ClaimOptions::new(h.env.cwd())).await.unwrap();
    let messages = collect(warm.query("SAY still fine").await.unwrap()).await;
    assert_eq!(result_text(&messages), "still fine");
}

#[tokio::test]
async fn options_the_cli_refuses_after_the_claim_stop_the_spare_instead_of_being_dropped() {
    let h = Harness::new().await;

    // A settings overlay the CLI finds invalid.
    let spare = prewarm(h.spare_options().build()).await.unwrap();
    let pid = spare.pid().unwrap();
    let failed = spare
        .claim(ClaimOptions::new(h.env.cwd()).settings(serde_json::json!({"permissions": "bad"})))
        .await
        .unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::SettingsNotApplied),
        "{failed}"
    );
    assert!(failed.to_string().contains("permissions"), "{failed}");
    assert!(failed.into_spare().is_none());
    assert!(wait_process_gone(pid, Duration::from_secs(15)).await);

    // A model the CLI does not accept.
    let spare = prewarm(h.spare_options().build()).await.unwrap();
    let pid = spare.pid().unwrap();
    let failed = spare
        .claim(ClaimOptions::new(h.env.cwd()).model(""))
        .await
        .unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::OptionNotApplied),
        "{failed}"
    );
    assert!(failed.to_string().contains("model"), "{failed}");
    assert!(wait_process_gone(pid, Duration::from_secs(15)).await);
    assert!(h.model.requests().is_empty(), "a prompt was sent");
}

#[tokio::test]
async fn a_spare_started_with_a_settings_file_takes_a_claims_overlay() {
    let h = Harness::new().await;
    let file = h.env.home().join("spare-settings.json");
    std::fs::write(&file, r#"{"permissions": {"allow": ["Bash(echo:*)"]}}"#).unwrap();
    let spare = prewarm(
        h.spare_options()
            .settings(claude_agent_sdk::options::Settings::File(file))
            .build(),
    )
    .await
    .unwrap();
    let warm = spare
        .claim(
            ClaimOptions::new(h.env.cwd())
                .settings(serde_json::json!({"permissions": {"deny": ["Write"]}})),
        )
        .await
        .unwrap();
    let messages = collect(warm.query("SAY with both").await.unwrap()).await;
    assert_eq!(result_text(&messages), "with both");
}

#[tokio::test]
async fn a_spare_that_died_is_reported_as_exited() {
    let h = Harness::new().await;
    let spare = prewarm(h.spare_options().build()).await.unwrap();
    let pid = spare.pid().unwrap();
    kill_pid(pid);
    spare.exited().await;
    let failed = spare
        .claim(ClaimOptions::new(h.env.cwd()))
        .await
        .unwrap_err();
    assert_eq!(
        failed.reason(),
        Some(&ClaimRejection::SpareExited),
        "{failed}"
    );
    assert!(failed.into_spare().is_none());
}

#[tokio::test]
async fn options_that_name_a_session_are_refused_for_a_spare() {
    let h = Harness::new().await;
    let err = prewarm(h.spare_options().continue_conversation(true).build())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidOptions(_)), "{err}");
}

#[tokio::test]
async fn a_pool_serves_more_sessions_than_spares_and_falls_back_cold() {
    let h = Harness::new().await;
    let server = McpServer::new("calc").tool(add);
    let pool = WarmPool::builder(
        h.spare_options()
            .allowed_tools(server.qualified_tool_names())
            .mcp_server(server)
            .build(),
    )
    .spares(2)
    .build();
    assert_eq!(pool.wait_parked(2, Duration::from_secs(60)).await, 2);

    // Five sessions at once on two spares: three start cold, none hangs.
    let cwd = h.env.cwd().to_path_buf();
    let runs = (0..5).map(|i| {
        let pool = &pool;
        let cwd = cwd.clone();
        async move {
            let prompt = format!(r#"CALL mcp__calc__add {{"a":{i},"b":1}}; SAY run {i}"#);
            let stream = pool.query(prompt, ClaimOptions::new(cwd)).await.unwrap();
            collect(stream).await
        }
    });
    let all = tokio::time::timeout(Duration::from_secs(120), futures::future::join_all(runs))
        .await
        .expect("the pool hung");
    for (i, messages) in all.iter().enumerate() {
        first_is_init(messages);
        assert_eq!(result_text(messages), format!("run {i}"));
    }
    let stats = pool.stats();
    assert_eq!(stats.hits + stats.misses + stats.fallbacks, 5, "{stats:?}");
    assert!(stats.hits >= 2, "{stats:?}");
    assert!(stats.misses >= 1, "{stats:?}");

    // A claim the spare cannot serve starts cold instead.
    let project = folder_only_a_cold_start_can_serve();
    assert!(pool.wait_parked(1, Duration::from_secs(60)).await >= 1);
    let messages = collect(
        pool.query("SAY cold anyway", ClaimOptions::new(project.path()))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(result_text(&messages), "cold anyway");
    assert_eq!(pool.stats().fallbacks, 1, "{:?}", pool.stats());

    // A claim that is wrong whatever the CLI fails, and keeps the spare.
    let parked = pool.wait_parked(2, Duration::from_secs(60)).await;
    let err = pool
        .query(
            "SAY never",
            ClaimOptions::new("/nonexistent/claude-sdk-pool"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::ClaimRejected {
                reason: ClaimRejection::CwdNotFound,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(pool.stats().parked, parked);
    pool.shutdown().await;
}

#[tokio::test]
async fn a_pool_replaces_a_spare_killed_while_parked_and_reaps_everything_when_dropped() {
    let h = Harness::new().await;
    let tag = new_tree_tag();
    let pool = WarmPool::builder(h.spare_options().env(TREE_TAG_VAR, &tag).build())
        .spares(2)
        .build();
    assert_eq!(pool.wait_parked(2, Duration::from_secs(60)).await, 2);
    let before = pool.spare_pids();
    kill_pid(before[0]);
    assert!(wait_process_gone(before[0], Duration::from_secs(10)).await);

    // The pool notices and starts another.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let pids = pool.spare_pids();
        if pids.len() == 2 && !pids.contains(&before[0]) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not replaced: {pids:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(pool.stats().died, 1, "{:?}", pool.stats());
    let messages = collect(
        pool.query("SAY after a death", ClaimOptions::new(h.env.cwd()))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(result_text(&messages), "after a death");

    let fds_before_drop = open_fds();
    drop(pool);
    let left = wait_tree_gone(&tag, Duration::from_secs(20)).await;
    if !left.is_empty() {
        kill_tagged(&tag);
    }
    assert!(left.is_empty(), "left behind: {left:?}");
    // The pipes of the spares are closed too.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        open_fds() < fds_before_drop,
        "{} >= {fds_before_drop}",
        open_fds()
    );
}

#[tokio::test]
async fn a_client_from_a_pool_keeps_the_conversation() {
    let h = Harness::new().await;
    let pool = WarmPool::builder(h.spare_options().build())
        .spares(1)
        .build();
    assert_eq!(pool.wait_parked(1, Duration::from_secs(60)).await, 1);
    let client = pool.client(ClaimOptions::new(h.env.cwd())).await.unwrap();
    assert_eq!(pool.stats().hits, 1);
    client.query("SAY first").await.unwrap();
    assert_eq!(result_text(&receive_turn(&client).await), "first");
    assert_eq!(result_text(&turn(&client, "SAY second").await), "second");
    pool.shutdown().await;
    // The claimed session is the caller's: it outlives the pool.
    assert!(client.is_connected());
    assert_eq!(result_text(&turn(&client, "SAY third").await), "third");
}

#[tokio::test]
async fn a_session_waits_for_a_spare_already_starting_instead_of_starting_another_cli() {
    let h = Harness::new().await;
    let pool = WarmPool::builder(h.spare_options().build())
        .spares(1)
        .build();
    // Asked at once: the spare is still starting.
    let warm = pool.session(ClaimOptions::new(h.env.cwd())).await.unwrap();
    let stats = pool.stats();
    assert_eq!(
        (stats.hits, stats.misses, stats.waited),
        (1, 0, 1),
        "{stats:?}"
    );
    assert!(warm.claim_info().is_some(), "served cold");
    let messages = collect(warm.query("SAY waited").await.unwrap()).await;
    assert_eq!(result_text(&messages), "waited");
    pool.shutdown().await;
}

#[tokio::test]
async fn a_pool_grows_after_a_miss_and_shrinks_back_when_spares_idle() {
    let h = Harness::new().await;
    let pool = WarmPool::builder(h.spare_options().build())
        .min_spares(1)
        .max_spares(2)
        .idle_expiry(Duration::from_millis(1500))
        .build();
    assert_eq!(pool.wait_parked(1, Duration::from_secs(60)).await, 1);
    // Two sessions at once: one hit, one miss.
    let (a, b) = tokio::join!(
        pool.session(ClaimOptions::new(h.env.cwd())),
        pool.session(ClaimOptions::new(h.env.cwd()))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let stats = pool.stats();
    assert_eq!((stats.hits, stats.misses), (1, 1), "{stats:?}");
    // The miss raised the target to the cap.
    assert_eq!(pool.wait_parked(2, Duration::from_secs(60)).await, 2);
    drop((a, b));
    // Idle past the expiry, the extra spare is closed.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while pool.stats().expired == 0 {
        assert!(std::time::Instant::now() < deadline, "{:?}", pool.stats());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let stats = pool.stats();
    assert_eq!(stats.parked + stats.starting, 1, "{stats:?}");
    pool.shutdown().await;
}

/// A folder whose settings set `env`, which only a cold start applies
/// (`project_settings_not_claimable`).
fn folder_only_a_cold_start_can_serve() -> tempfile::TempDir {
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir(project.path().join(".claude")).unwrap();
    std::fs::write(
        project.path().join(".claude/settings.json"),
        r#"{"env": {"PROJECT_VAR": "1"}}"#,
    )
    .unwrap();
    project
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count)
}
