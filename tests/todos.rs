//! Todo tracking against the real CLI: a todo list follows the agent's
//! TaskCreate / TaskUpdate calls (and TodoWrite where the CLI offers it).

use claude_agent_sdk::query_stream;
use claude_agent_sdk::todos::{TodoEvent, TodoSource, TodoStatus, TodoTools, TodoTracker};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;

#[tokio::test]
async fn a_todo_list_follows_the_agents_task_tools() {
    let h = Harness::new().await;
    let options = h.options().track_todos(true).build();
    let tracker = TodoTracker::new();
    let mut events = tracker.events();
    let mut watcher = tracker.subscribe();
    let prompt = [
        r#"CALL TaskCreate {"subject":"Write tests","description":"all of them","activeForm":"Writing tests"}"#,
        r#"CALL TaskCreate {"subject":"Ship","description":"tag and publish","activeForm":"Shipping"}"#,
        r#"CALL TaskUpdate {"taskId":"1","status":"in_progress"}"#,
        r#"CALL TaskUpdate {"taskId":"1","status":"completed"}"#,
        r#"CALL TaskUpdate {"taskId":"2","status":"in_progress","addBlockedBy":["1"]}"#,
        r#"CALL TaskList {}"#,
        "SAY planned",
    ]
    .join("; ");
    let mut messages = tracker.track(query_stream(prompt, options).await.unwrap());
    let mut offered = Vec::new();
    let mut result = None;
    while let Some(message) = messages.next().await {
        let message = message.unwrap();
        if let Some(init) = message.as_init() {
            offered.clone_from(&init.tools);
        }
        if let Some(r) = message.as_result() {
            result = Some(r.clone());
        }
    }
    assert!(offered.iter().any(|t| t == "TaskCreate"), "{offered:?}");
    assert_eq!(result.unwrap().result(), Some("planned"));

    let list = tracker.snapshot();
    assert_eq!(list.len(), 2, "{list}");
    let tests = list.get("1").unwrap();
    assert_eq!(tests.subject, "Write tests");
    assert_eq!(tests.description, "all of them");
    assert_eq!(tests.status, TodoStatus::Completed);
    assert_eq!(tests.source, TodoSource::Tasks);
    let ship = list.get("2").unwrap();
    assert_eq!(ship.status, TodoStatus::InProgress);
    assert_eq!(ship.blocked_by, ["1"]);
    assert_eq!(list.current().unwrap().label(), "Shipping");
    assert_eq!(list.progress().to_string(), "1/2 done, 1 in progress");
    assert_eq!(list.to_string(), "[x] Write tests\n[>] Shipping");

    // Every change was announced, in order; TaskList confirmed the list.
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        seen.push(event);
    }
    let summary: Vec<String> = seen
        .iter()
        .map(|e| match e {
            TodoEvent::Added(t) => format!("added {}", t.id),
            TodoEvent::Updated { after, .. } => format!("{} {}", after.id, after.status),
            TodoEvent::Removed(t) => format!("removed {}", t.id),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "added 1",
            "added 2",
            "1 in_progress",
            "1 completed",
            // One update changes two tasks (task 1 now blocks task 2);
            // events follow the list's order.
            "1 completed",
            "2 in_progress",
        ]
    );
    assert_eq!(seen[4].todo().blocks, ["2"]);
    assert!(seen[3].is_completion());
    assert!(watcher.has_changed().unwrap());
    assert_eq!(watcher.borrow_and_update().progress().completed, 1);
}

#[tokio::test]
async fn todo_write_is_followed_where_the_cli_offers_it() {
    let h = Harness::new().await;
    let options = h.options().todo_tools(TodoTools::TodoWrite).build();
    let tracker = TodoTracker::new();
    let prompt = [
        r#"CALL TodoWrite {"todos":[{"content":"Read the code","status":"in_progress","activeForm":"Reading the code"},{"content":"Fix the bug","status":"pending","activeForm":"Fixing the bug"}]}"#,
        r#"CALL TodoWrite {"todos":[{"content":"Read the code","status":"completed","activeForm":"Reading the code"},{"content":"Fix the bug","status":"in_progress","activeForm":"Fixing the bug"}]}"#,
        "SAY fixed",
    ]
    .join("; ");
    let mut messages = tracker.track(query_stream(prompt, options).await.unwrap());
    let mut offered = Vec::new();
    while let Some(message) = messages.next().await {
        if let Some(init) = message.unwrap().as_init() {
            offered.clone_from(&init.tools);
        }
    }
    assert!(offered.iter().any(|t| t == "TodoWrite"), "{offered:?}");
    assert!(!offered.iter().any(|t| t == "TaskCreate"), "{offered:?}");
    let list = tracker.snapshot();
    assert_eq!(list.to_string(), "[x] Read the code\n[>] Fixing the bug");
    assert!(list.iter().all(|t| t.source == TodoSource::TodoWrite));
}

#[tokio::test]
async fn the_task_hooks_feed_a_tracker_without_the_stream() {
    let h = Harness::new().await;
    let tracker = TodoTracker::new();
    let [created, completed] = tracker.hooks();
    let options = h
        .options()
        .track_todos(true)
        .hook(created)
        .hook(completed)
        .build();
    let prompt = [
        r#"CALL TaskCreate {"subject":"Write tests","description":"all of them"}"#,
        r#"CALL TaskCreate {"subject":"Ship","description":"tag and publish"}"#,
        r#"CALL TaskUpdate {"taskId":"1","status":"completed"}"#,
        "SAY hooked",
    ]
    .join("; ");
    // The messages are not given to the tracker: only the hooks feed it.
    let messages = claude_agent_sdk::query(prompt, options).await.unwrap();
    let result = messages.iter().find_map(|m| m.as_result()).unwrap();
    assert_eq!(result.result(), Some("hooked"));
    let list = tracker.snapshot();
    assert_eq!(list.len(), 2, "{list}");
    assert_eq!(list.get("1").unwrap().status, TodoStatus::Completed);
    assert_eq!(list.get("2").unwrap().description, "tag and publish");
    assert_eq!(list.get("2").unwrap().status, TodoStatus::Pending);
}
