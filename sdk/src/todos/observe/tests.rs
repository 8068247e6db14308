//! The frames below are shaped like those CLI 2.1.330 sent for a scripted
//! TaskCreate / TaskUpdate / TaskGet / TaskList run.

use serde_json::{Value, json};

use super::*;

fn call(id: &str, tool: &str, input: Value) -> Message {
    Message::from_value(json!({
        "type": "assistant",
        "message": {"id": "msg", "type": "message", "role": "assistant", "model": "m",
                    "content": [{"type": "tool_use", "id": id, "name": tool, "input": input}],
                    "stop_reason": null},
        "parent_tool_use_id": null, "session_id": "s", "uuid": "u"
    }))
    .unwrap()
}

fn result(id: &str, text: &str, structured: Value, is_error: bool) -> Message {
    let mut block = json!({"type": "tool_result", "tool_use_id": id, "content": text});
    if is_error {
        block["is_error"] = Value::Bool(true);
    }
    Message::from_value(json!({
        "type": "user",
        "message": {"role": "user", "content": [block]},
        "parent_tool_use_id": null, "session_id": "s", "uuid": "u2",
        "tool_use_result": structured
    }))
    .unwrap()
}

/// Feeds a call and its result; returns the events of the result.
fn run(
    list: &mut TodoList,
    id: &str,
    tool: &str,
    input: Value,
    text: &str,
    out: Value,
) -> Vec<TodoEvent> {
    assert!(
        list.observe(&call(id, tool, input)).is_empty(),
        "calls change nothing"
    );
    list.observe(&result(id, text, out, false))
}

#[test]
fn follows_a_task_tools_session() {
    let mut list = TodoList::new();
    let events = run(
        &mut list,
        "t0",
        "TaskCreate",
        json!({"subject": "Write tests", "description": "all of them", "activeForm": "Writing tests", "metadata": {"k": 1}}),
        "Task #1 created successfully: Write tests",
        json!({"task": {"id": "1", "subject": "Write tests", "description": "all of them"}}),
    );
    assert!(
        matches!(&events[..], [TodoEvent::Added(t)] if t.id == "1" && t.subject == "Write tests")
    );
    let first = list.get("1").unwrap();
    assert_eq!(first.active_form.as_deref(), Some("Writing tests"));
    assert_eq!(first.metadata["k"], 1);
    assert_eq!(first.source, TodoSource::Tasks);

    // 2.1.197 leaves the description out of the result: the input has it.
    run(
        &mut list,
        "t1",
        "TaskCreate",
        json!({"subject": "Ship", "description": "ship it"}),
        "Task #2 created successfully: Ship",
        json!({"task": {"id": "2", "subject": "Ship"}}),
    );
    assert_eq!(list.get("2").unwrap().description, "ship it");

    let events = run(
        &mut list,
        "t2",
        "TaskUpdate",
        json!({"taskId": "1", "status": "in_progress", "owner": "me", "addBlocks": ["2"]}),
        "Updated task #1 owner, status, blocks",
        json!({"success": true, "taskId": "1", "updatedFields": ["owner", "status", "blocks"],
               "statusChange": {"from": "pending", "to": "in_progress"}}),
    );
    assert_eq!(
        events.len(),
        2,
        "task 1 changed, and task 2 is now blocked: {events:?}"
    );
    assert!(events[0].is_status_change());
    assert_eq!(list.get("1").unwrap().owner.as_deref(), Some("me"));
    assert_eq!(list.get("1").unwrap().blocks, ["2"]);
    assert_eq!(list.get("2").unwrap().blocked_by, ["1"]);
    assert_eq!(list.current().unwrap().label(), "Writing tests");

    // TaskGet and TaskList agree with what was tracked: nothing changes.
    let events = run(
        &mut list,
        "t3",
        "TaskGet",
        json!({"taskId": "1"}),
        "Task #1: Write tests\nStatus: in_progress",
        json!({"task": {"blockedBy": [], "blocks": ["2"], "description": "all of them", "id": "1",
                        "status": "in_progress", "subject": "Write tests"}}),
    );
    assert!(events.is_empty(), "{events:?}");
    let events = run(
        &mut list,
        "t4",
        "TaskList",
        json!({}),
        "#1 [in_progress] Write tests (me)\n#2 [pending] Ship [blocked by #1]",
        json!({"tasks": [{"blockedBy": [], "id": "1", "owner": "me", "status": "in_progress", "subject": "Write tests"},
                         {"blockedBy": ["1"], "id": "2", "status": "pending", "subject": "Ship"}]}),
    );
    assert!(events.is_empty(), "{events:?}");

    let events = run(
        &mut list,
        "t5",
        "TaskUpdate",
        json!({"status": "deleted", "taskId": "2"}),
        "Updated task #2 deleted",
        json!({"statusChange": {"from": "pending", "to": "deleted"}, "success": true, "taskId": "2", "updatedFields": ["deleted"]}),
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TodoEvent::Removed(t) if t.id == "2"))
    );
    assert!(
        list.get("1").unwrap().blocks.is_empty(),
        "dependencies follow"
    );

    // A failed update changes nothing.
    let events = run(
        &mut list,
        "t6",
        "TaskUpdate",
        json!({"status": "completed", "taskId": "9"}),
        "Task not found",
        json!({"error": "Task not found", "success": false, "taskId": "9", "updatedFields": []}),
    );
    assert!(events.is_empty());
    assert!(list.get("9").is_none());

    let events = run(
        &mut list,
        "t7",
        "TaskUpdate",
        json!({"taskId": "1", "status": "completed", "metadata": {"k": null, "done": true}}),
        "Updated task #1 status",
        json!({"success": true, "taskId": "1", "updatedFields": ["status"],
               "statusChange": {"from": "in_progress", "to": "completed"}}),
    );
    assert!(events[0].is_completion());
    let done = list.get("1").unwrap();
    assert_eq!(Value::Object(done.metadata.clone()), json!({"done": true}));
    assert!(list.progress().is_done());
    assert!(list.pending.is_empty(), "every call was answered");
}

#[test]
fn task_list_is_authoritative_for_agent_tasks() {
    let mut list = TodoList::new();
    let mine = list.add("my own todo");
    list.record_task("5", "stale", TodoStatus::Pending);
    let events = run(
        &mut list,
        "l",
        "TaskList",
        json!({}),
        "#7 [pending] Fresh",
        json!({"tasks": [{"id": "7", "status": "pending", "subject": "Fresh", "blockedBy": []}]}),
    );
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(list.get("5").is_none());
    assert_eq!(list.get("7").unwrap().subject, "Fresh");
    assert!(list.get(&mine).is_some(), "todos added by hand stay");
}

#[test]
fn errors_unknown_calls_and_text_only_results() {
    let mut list = TodoList::new();
    list.observe(&call("e", "TaskCreate", json!({"subject": "x"})));
    let events = list.observe(&result(
        "e",
        "<tool_use_error>Error: No such tool available: TaskCreate</tool_use_error>",
        json!("Error: No such tool available: TaskCreate"),
        true,
    ));
    assert!(events.is_empty());
    assert!(list.is_empty());
    // A result for a call that was never seen is ignored.
    assert!(
        list.observe(&result(
            "zzz",
            "Task #1 created successfully: y",
            json!({}),
            false
        ))
        .is_empty()
    );
    // Without a structured result, the text gives the id.
    list.observe(&call("t", "TaskCreate", json!({"subject": "From text"})));
    let events = list.observe(&result(
        "t",
        "Task #3 created successfully: From text",
        Value::Null,
        false,
    ));
    assert_eq!(events.len(), 1);
    assert_eq!(list.get("3").unwrap().subject, "From text");
    // Other tools are not tracked.
    list.observe(&call("b", "Bash", json!({"command": "ls"})));
    assert!(list.pending.is_empty());
}

#[test]
fn todo_write_replaces_its_list() {
    let mut list = TodoList::new();
    let events = run(
        &mut list,
        "w1",
        "TodoWrite",
        json!({"todos": [{"activeForm": "doing a", "content": "a", "status": "pending"},
                         {"activeForm": "doing b", "content": "b", "status": "in_progress"}]}),
        "Todos have been modified successfully.",
        json!({"newTodos": [{"activeForm": "doing a", "content": "a", "status": "pending"},
                            {"activeForm": "doing b", "content": "b", "status": "in_progress"}],
               "oldTodos": []}),
    );
    assert_eq!(events.len(), 2);
    assert_eq!(list.current().unwrap().label(), "doing b");
    assert_eq!(list.get("todo-2").unwrap().source, TodoSource::TodoWrite);
    let events = run(
        &mut list,
        "w2",
        "TodoWrite",
        json!({"todos": [{"activeForm": "doing a", "content": "a", "status": "completed"}]}),
        "Todos have been modified successfully.",
        json!({"newTodos": [{"activeForm": "doing a", "content": "a", "status": "completed"}],
               "oldTodos": []}),
    );
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events[0].is_completion());
    assert!(matches!(&events[1], TodoEvent::Removed(t) if t.subject == "b"));
    assert!(list.progress().is_done());
}

#[test]
fn unanswered_calls_are_bounded() {
    let mut list = TodoList::new();
    for i in 0..(MAX_PENDING + 10) {
        list.observe(&call(&format!("c{i}"), "TaskList", json!({})));
    }
    assert_eq!(list.pending.len(), MAX_PENDING);
}
