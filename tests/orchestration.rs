//! Orchestration against the real CLI: sessions fanned out in parallel with
//! one failing, and a sequential pipeline fed by the previous result.

use std::path::PathBuf;
use std::time::Duration;

use claude_agent_sdk::Error;
use claude_agent_sdk::messages::ResultMessage;
use claude_agent_sdk::messages::TerminalReason;
use claude_agent_sdk::orchestration::{Parallel, Sequential};
use claude_agent_sdk::testing::Turn;
use claude_agent_sdk_e2e::Harness;

#[tokio::test]
async fn parallel_sessions_report_every_outcome_when_some_fail() {
    let h = Harness::new().await;
    // A second model server that refuses every request with a 400 (the CLI
    // retries a 400 a few times at once, with fewer betas, then gives up).
    let broken = Harness::new().await;
    broken
        .model
        .push_many((0..8).map(|_| Turn::error(400).with_message("refused by the test")));
    let report = Parallel::new(h.options().build())
        .max_concurrency(2)
        .task_timeout(Duration::from_secs(60))
        .prompt("alpha", "SAY alpha done")
        .prompt("beta", "SAY beta done")
        .prompt_with(
            "no-cli",
            "SAY never",
            h.options()
                .cli_path(PathBuf::from("/definitely/not/claude"))
                .build(),
        )
        .prompt_with(
            "api-error",
            "SAY never",
            broken.options().env("CLAUDE_CODE_MAX_RETRIES", "0").build(),
        )
        .run()
        .await;

    let names: Vec<&str> = report.outcomes.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["alpha", "beta", "no-cli", "api-error"]);
    assert_eq!(report.get("alpha").unwrap().text(), Some("alpha done"));
    assert_eq!(report.get("beta").unwrap().text(), Some("beta done"));
    let no_cli = report.get("no-cli").unwrap();
    assert!(
        matches!(
            no_cli.result,
            Err(Error::CliNotFound { .. } | Error::Spawn { .. })
        ),
        "{no_cli}"
    );
    let api_error = report.get("api-error").unwrap();
    let failed_turn = api_error
        .result_message()
        .expect("the CLI ran and reported");
    assert!(failed_turn.is_error());
    assert_eq!(failed_turn.terminal_reason, Some(TerminalReason::ApiError));
    assert!(
        api_error.failure().unwrap().contains("api_error"),
        "{api_error}"
    );

    let failures: Vec<&str> = report.failures().map(|o| o.name.as_str()).collect();
    assert_eq!(failures, ["no-cli", "api-error"]);
    let totals = report.totals();
    assert_eq!((totals.succeeded, totals.failed), (2, 2));
    let cost: f64 = report.outcomes.iter().map(|o| o.cost_usd()).sum();
    assert!(cost > 0.0);
    assert!((totals.cost_usd - cost).abs() < 1e-12);
    assert!(totals.usage.output_tokens > 0);
    assert_eq!(h.model.requests().len(), 2, "one model request per session");
}

#[tokio::test]
async fn a_sequential_pipeline_feeds_each_result_to_the_next_step() {
    let h = Harness::new().await;
    let report = Sequential::new(h.options().build())
        .step("draft", "SAY alpha-42")
        .then("review", |draft: &ResultMessage| {
            format!("SAY reviewed {}", draft.result().unwrap_or_default())
        })
        .then_with(
            "publish",
            h.options()
                .cli_path(PathBuf::from("/definitely/not/claude"))
                .build(),
            |review: &ResultMessage| format!("SAY {}", review.result().unwrap_or_default()),
        )
        .then("announce", |_: &ResultMessage| "SAY never")
        .run()
        .await;

    let names: Vec<&str> = report.outcomes.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["draft", "review", "publish"]);
    assert_eq!(report.outcomes[0].text(), Some("alpha-42"));
    assert_eq!(report.outcomes[1].text(), Some("reviewed alpha-42"));
    assert_eq!(report.failure().unwrap().name, "publish");
    assert_eq!(report.skipped, ["announce"]);
    assert_eq!(report.final_text(), None);
    // The second session's prompt was made from the first one's result.
    let requests = h.model.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests[1]
            .user_texts()
            .iter()
            .any(|t| t.contains("SAY reviewed alpha-42")),
        "{:?}",
        requests[1].user_texts()
    );
    assert_eq!(report.totals().succeeded, 2);
}
