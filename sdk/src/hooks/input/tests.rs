use serde_json::json;

use super::*;

fn common() -> Value {
    json!({
        "session_id": "s1",
        "transcript_path": "/home/u/.claude/projects/p/s1.jsonl",
        "cwd": "/work",
        "permission_mode": "default",
        "prompt_id": "p1",
        "effort": {"level": "medium"},
    })
}

/// One input per event, with the fields of the CLI 2.1.330 schemas.
fn samples() -> Vec<Value> {
    let specific = [
        json!({"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {"command": "ls"}, "tool_use_id": "t1", "mcp_server": {"name": "calc", "source": "sdk"}}),
        json!({"hook_event_name": "PostToolUse", "tool_name": "Bash", "tool_input": {}, "tool_response": {"stdout": "x"}, "tool_use_id": "t1", "duration_ms": 214}),
        json!({"hook_event_name": "PostToolUseFailure", "tool_name": "Bash", "tool_input": {}, "tool_use_id": "t1", "error": "exit 1", "is_interrupt": false, "duration_ms": 3}),
        json!({"hook_event_name": "PostToolBatch", "tool_calls": [{"tool_name": "Read", "tool_input": {"file_path": "/a"}, "tool_use_id": "t1", "tool_response": "text"}]}),
        json!({"hook_event_name": "Notification", "message": "Claude needs your permission to use Bash", "notification_type": "permission_prompt"}),
        json!({"hook_event_name": "UserPromptSubmit", "prompt": "hi", "source": "sdk", "session_title": "t"}),
        json!({"hook_event_name": "UserPromptExpansion", "expansion_type": "slash_command", "command_name": "review", "command_args": "a b", "command_source": "project", "prompt": "/review a b"}),
        json!({"hook_event_name": "SessionStart", "source": "compact", "model": "claude-opus-5-5", "context_tokens": 12}),
        json!({"hook_event_name": "SessionEnd", "reason": "clear"}),
        json!({"hook_event_name": "Stop", "stop_hook_active": false, "last_assistant_message": "done", "background_tasks": [{"id": "a1", "type": "local_agent", "status": "running", "description": "d"}], "session_crons": [{"id": "c1", "schedule": "0 9 * * 1-5", "recurring": true}]}),
        json!({"hook_event_name": "StopFailure", "error": "rate_limit", "error_details": "429", "last_assistant_message": "x"}),
        json!({"hook_event_name": "SubagentStart", "agent_id": "a1", "agent_type": "general-purpose"}),
        json!({"hook_event_name": "SubagentStop", "stop_hook_active": false, "agent_id": "a1", "agent_transcript_path": "/t/a1.jsonl", "agent_type": "general-purpose", "last_assistant_message": "sub done", "background_tasks": [], "session_crons": []}),
        json!({"hook_event_name": "PreCompact", "trigger": "manual", "custom_instructions": null}),
        json!({"hook_event_name": "PostCompact", "trigger": "manual", "compact_summary": "summary"}),
        json!({"hook_event_name": "PreModelSwitch", "from_model": "a", "to_model": "b", "requested_model": null, "source": "sdk", "context_tokens": 10, "prompt_cache_warm": true, "cache_ttl": "5m", "estimated_cache_write_usd": 0.5, "pricing": "catalog"}),
        json!({"hook_event_name": "PostModelSwitch", "from_model": "a", "to_model": "b", "requested_model": "opus", "source": "resume", "context_tokens": 10, "prompt_cache_warm": false, "cache_ttl": "1h", "estimated_cache_write_usd": 0.0, "pricing": "default"}),
        json!({"hook_event_name": "PermissionRequest", "tool_name": "Bash", "tool_input": {"command": "touch x"}, "permission_suggestions": [{"type": "setMode", "mode": "acceptEdits", "destination": "session"}], "tool_kind": "mcp_skill"}),
        json!({"hook_event_name": "PermissionDenied", "tool_name": "Bash", "tool_input": {}, "tool_use_id": "t1", "reason": "classifier"}),
        json!({"hook_event_name": "Setup", "trigger": "init"}),
        json!({"hook_event_name": "TeammateIdle", "teammate_name": "bob", "team_name": "red"}),
        json!({"hook_event_name": "TaskCreated", "task_id": "1", "task_subject": "Write tests", "task_description": "all of them"}),
        json!({"hook_event_name": "TaskCompleted", "task_id": "1", "task_subject": "Write tests"}),
        json!({"hook_event_name": "Elicitation", "mcp_server_name": "asker", "message": "Name?", "mode": "form", "requested_schema": {"type": "object"}}),
        json!({"hook_event_name": "ElicitationResult", "mcp_server_name": "asker", "action": "accept", "content": {"name": "Ada"}}),
        json!({"hook_event_name": "ConfigChange", "source": "project_settings", "file_path": "/work/.claude/settings.json"}),
        json!({"hook_event_name": "WorktreeCreate", "name": "feature"}),
        json!({"hook_event_name": "WorktreeRemove", "worktree_path": "/w/feature"}),
        json!({"hook_event_name": "InstructionsLoaded", "file_path": "/work/CLAUDE.md", "memory_type": "Project", "load_reason": "session_start", "globs": ["*.rs"]}),
        json!({"hook_event_name": "CwdChanged", "old_cwd": "/a", "new_cwd": "/b"}),
        json!({"hook_event_name": "FileChanged", "file_path": "/a/x", "event": "unlink"}),
        json!({"hook_event_name": "DirectoryAdded", "directory": "/extra", "source": "slash_command"}),
        json!({"hook_event_name": "MessageDisplay", "turn_id": "u1", "message_id": "m1", "index": 0, "final": true, "delta": "Hello"}),
    ];
    specific
        .into_iter()
        .map(|mut value| {
            let fields = value.as_object_mut().unwrap();
            for (k, v) in common().as_object().unwrap() {
                fields.insert(k.clone(), v.clone());
            }
            value
        })
        .collect()
}

#[test]
fn every_event_decodes_to_its_variant_and_round_trips() {
    let samples = samples();
    assert_eq!(samples.len(), HookEvent::ALL.len());
    for (sample, event) in samples.into_iter().zip(HookEvent::ALL) {
        let input =
            HookInput::from_value(sample.clone()).unwrap_or_else(|e| panic!("{event}: {e}"));
        assert_eq!(input.event(), event);
        assert!(!matches!(input, HookInput::Other { .. }), "{event}");
        assert_eq!(input.common().session_id, "s1");
        assert_eq!(input.common().cwd, PathBuf::from("/work"));
        assert_eq!(
            input.common().effort.as_ref().map(|e| &e.level),
            Some(&Effort::Medium)
        );
        assert_eq!(input.to_value(), sample, "{event} round trip");
    }
}

#[test]
fn typed_fields_are_read() {
    let samples = samples();
    let HookInput::PreToolUse(pre) = HookInput::from_value(samples[0].clone()).unwrap() else {
        panic!()
    };
    assert_eq!(pre.tool_name, "Bash");
    assert_eq!(pre.tool_input["command"], "ls");
    assert_eq!(pre.mcp_server.unwrap().source, "sdk");
    let HookInput::Stop(stop) = HookInput::from_value(samples[9].clone()).unwrap() else {
        panic!()
    };
    assert_eq!(stop.background_tasks[0].task_type, "local_agent");
    assert!(stop.session_crons[0].recurring);
    let HookInput::PermissionRequest(request) = HookInput::from_value(samples[17].clone()).unwrap()
    else {
        panic!()
    };
    assert!(matches!(
        request.permission_suggestions[0],
        crate::permissions::PermissionUpdate::SetMode { .. }
    ));
    assert_eq!(request.extra["tool_kind"], "mcp_skill");
    let HookInput::MessageDisplay(display) = HookInput::from_value(samples[32].clone()).unwrap()
    else {
        panic!()
    };
    assert!(display.is_final);
    let HookInput::SessionEnd(end) = HookInput::from_value(samples[8].clone()).unwrap() else {
        panic!()
    };
    assert_eq!(end.reason, SessionEndReason::Clear);
}

#[test]
fn unknown_events_and_misfits_are_kept() {
    let raw = json!({"hook_event_name": "Teleport", "session_id": "s9", "cwd": "/x", "destination": "mars"});
    let input = HookInput::from_value(raw.clone()).unwrap();
    match &input {
        HookInput::Other {
            event,
            common,
            raw: kept,
        } => {
            assert_eq!(event, "Teleport");
            assert_eq!(common.session_id, "s9");
            assert_eq!(kept, &raw);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(input.event(), HookEvent::Other("Teleport".into()));
    assert_eq!(input.to_value(), raw);

    // A known event with a field of the wrong kind: an error, or `Other`
    // when asked to be lenient.
    let misfit = json!({"hook_event_name": "SessionEnd", "session_id": "s", "reason": 42});
    assert!(HookInput::from_value(misfit.clone()).is_err());
    let lossy = HookInput::from_value_lossy(misfit.clone());
    assert!(matches!(&lossy, HookInput::Other { event, .. } if event == "SessionEnd"));
    assert_eq!(lossy.event(), HookEvent::SessionEnd);
    assert_eq!(lossy.to_value(), misfit);

    assert!(HookInput::from_value(json!([1])).is_err());
    assert!(HookInput::from_value(json!({"session_id": "s"})).is_err());
    assert!(matches!(
        HookInput::from_value_lossy(json!("nope")),
        HookInput::Other { .. }
    ));
}

#[test]
fn serde_goes_through_the_event_name() {
    let sample = samples().remove(5);
    let input: HookInput = serde_json::from_value(sample.clone()).unwrap();
    assert_eq!(input.event(), HookEvent::UserPromptSubmit);
    assert_eq!(serde_json::to_value(&input).unwrap(), sample);
}
