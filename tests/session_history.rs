//! Session history on real session files written by the real CLI: listing,
//! messages, rename (the CLI resumes by the new title), tag, delete, fork
//! (the CLI resumes the fork with the history up to the chosen message),
//! and a session's round trip through a session store into another
//! configuration directory.

use std::time::Duration;

use claude_agent_sdk::session::history::{
    ForkSession, ListSessions, SessionHistory, SessionMessageKind, project_key_for_directory,
};
use claude_agent_sdk::session::store::{
    FileSessionStore, InMemorySessionStore, SessionStore, import_session, materialize_session,
};
use claude_agent_sdk::session::{Session, prompt};
use claude_agent_sdk::testing::CliEnv;
use claude_agent_sdk::{ClaudeAgentOptions, Error, Message};
use claude_agent_sdk_e2e::Harness;

fn history(h: &Harness) -> SessionHistory {
    SessionHistory::new(h.env.config_dir())
}

/// Runs the prompts as the turns of one new session and returns its id.
async fn run_session(options: ClaudeAgentOptions, prompts: &[&str]) -> String {
    let mut session = Session::create(options).await.unwrap();
    for text in prompts {
        let result = session.turn(*text).await.unwrap();
        assert!(!result.is_error(), "{result:?}");
    }
    let id = session.id().unwrap();
    session.close().await.unwrap();
    id
}

fn git_init(dir: &std::path::Path, branch: &str) {
    let status = std::process::Command::new("git")
        .args(["init", "-q", "-b", branch])
        .current_dir(dir)
        .status()
        .expect("git");
    assert!(status.success());
}

#[tokio::test]
async fn lists_sessions_newest_first_with_their_details_and_reads_messages() {
    let h = Harness::new().await;
    git_init(h.env.cwd(), "feature/history");
    let other_dir = tempfile::tempdir().unwrap();

    let first = run_session(h.options().build(), &["SAY one", "SAY two"]).await;
    let other = prompt("SAY elsewhere", h.options().cwd(other_dir.path()).build())
        .await
        .unwrap()
        .session_id()
        .to_owned();
    let last = prompt("SAY three", h.options().build())
        .await
        .unwrap()
        .session_id()
        .to_owned();

    let history = history(&h);
    let all = history.list_sessions(&ListSessions::new()).unwrap();
    let ids: Vec<&str> = all.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(ids, [last.as_str(), other.as_str(), first.as_str()]);

    let here = history
        .list_sessions(&ListSessions::new().dir(h.env.cwd()))
        .unwrap();
    let ids: Vec<&str> = here.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(ids, [last.as_str(), first.as_str()], "only this directory");
    let page = |limit, offset| {
        history
            .list_sessions(
                &ListSessions::new()
                    .dir(h.env.cwd())
                    .limit(limit)
                    .offset(offset),
            )
            .unwrap()
            .into_iter()
            .map(|s| s.session_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(page(1, 0), [last.as_str()]);
    assert_eq!(page(1, 1), [first.as_str()]);
    assert!(page(5, 2).is_empty());
    let elsewhere = history
        .list_sessions(&ListSessions::new().dir(other_dir.path()))
        .unwrap();
    assert_eq!(elsewhere.len(), 1);
    assert_eq!(elsewhere[0].session_id, other);
    assert!(
        history
            .list_sessions(&ListSessions::new().dir("/nonexistent/project"))
            .unwrap()
            .is_empty()
    );

    // Damage the CLI would not write, but a crash or a copy might: a
    // half-written last line, garbage, an empty file, a stray file name.
    let file = history.session_file(&first).unwrap().unwrap();
    let mut damaged = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    std::io::Write::write_all(
        &mut damaged,
        b"not json\n\n[1,2]\n{\"type\":\"user\",\"mess",
    )
    .unwrap();
    let project_dir = file.parent().unwrap();
    std::fs::write(
        project_dir.join("00000000-0000-4000-8000-000000000001.jsonl"),
        b"",
    )
    .unwrap();
    std::fs::write(project_dir.join("notes.jsonl"), b"{}").unwrap();
    std::fs::create_dir_all(h.env.config_dir().join("projects/stray-file")).unwrap();
    std::fs::write(h.env.config_dir().join("projects/loose.jsonl"), b"{}").unwrap();
    let again = history
        .list_sessions(&ListSessions::new().dir(h.env.cwd()))
        .unwrap();
    assert_eq!(
        again.iter().map(|s| &s.session_id).collect::<Vec<_>>(),
        [&first, &last],
        "damaged and stray files are skipped (and appending made `first` the newest)"
    );

    let info = history.get_session_info(&first).unwrap().expect("info");
    assert_eq!(info, again[0]);
    assert_eq!(info.first_prompt.as_deref(), Some("SAY one"));
    assert_eq!(info.last_prompt.as_deref(), Some("SAY two"));
    assert_eq!(
        info.summary, "SAY two",
        "the last prompt when there is no title"
    );
    assert_eq!(info.custom_title, None);
    assert_eq!(info.git_branch.as_deref(), Some("feature/history"));
    assert_eq!(
        info.cwd.as_deref(),
        Some(std::fs::canonicalize(h.env.cwd()).unwrap().as_path())
    );
    assert!(info.file_size > 0);
    let created = info.created_at.expect("created_at");
    assert!(created <= info.last_modified);
    assert!(info.last_modified.elapsed().unwrap() < Duration::from_secs(120));
    assert_eq!(
        elsewhere[0].git_branch.as_deref(),
        Some("HEAD"),
        "what the CLI records outside a git repository"
    );

    let messages = history.get_session_messages(&first, None, 0).unwrap();
    let turns: Vec<(SessionMessageKind, String)> =
        messages.iter().map(|m| (m.kind, m.text())).collect();
    assert_eq!(
        turns,
        [
            (SessionMessageKind::User, "SAY one".to_owned()),
            (SessionMessageKind::Assistant, "one".to_owned()),
            (SessionMessageKind::User, "SAY two".to_owned()),
            (SessionMessageKind::Assistant, "two".to_owned()),
        ]
    );
    assert!(messages.iter().all(|m| m.session_id == first));
    assert!(messages[1].parent_uuid.is_some());
    let Message::Assistant(typed) = messages[3].to_message().unwrap() else {
        panic!("an assistant message");
    };
    assert_eq!(typed.text(), "two");
    let middle = history.get_session_messages(&first, Some(2), 1).unwrap();
    assert_eq!(middle, messages[1..3]);

    let missing = "00000000-0000-4000-8000-000000000000";
    assert_eq!(history.get_session_info(missing).unwrap(), None);
    assert!(matches!(
        history.get_session_messages(missing, None, 0),
        Err(Error::SessionNotFound { .. })
    ));
    assert!(matches!(
        history.get_session_messages("not-a-uuid", None, 0),
        Err(Error::InvalidSessionArgument(_))
    ));
}

#[tokio::test]
async fn a_renamed_session_is_resumed_by_its_new_title_and_keeps_its_tag() {
    let h = Harness::new().await;
    let id = prompt("SAY hello", h.options().build())
        .await
        .unwrap()
        .session_id()
        .to_owned();
    let history = history(&h);

    history.rename_session(&id, "  Release notes  ").unwrap();
    history.tag_session(&id, Some("urgent\u{200B}")).unwrap();
    let info = history.get_session_info(&id).unwrap().unwrap();
    assert_eq!(info.title(), Some("Release notes"));
    assert_eq!(info.summary, "Release notes");
    assert_eq!(info.tag.as_deref(), Some("urgent"));

    // The CLI finds the session by its title and continues it.
    let by_title = h.options().resume("Release notes").build();
    let mut session = Session::create(by_title).await.unwrap();
    let result = session.turn("SAY again").await.unwrap();
    assert_eq!(result.session_id(), id);
    let history_sent = h.model.requests().last().unwrap().user_texts().join("\n");
    assert!(history_sent.contains("SAY hello"), "{history_sent}");

    // Renamed again while the CLI has the session open and keeps writing:
    // the new title wins over the one the CLI started with.
    history.rename_session(&id, "Final notes").unwrap();
    session.turn("SAY once more").await.unwrap();
    session.close().await.unwrap();
    let info = history.get_session_info(&id).unwrap().unwrap();
    assert_eq!(info.title(), Some("Final notes"));
    assert_eq!(info.tag.as_deref(), Some("urgent"));
    assert_eq!(info.last_prompt.as_deref(), Some("SAY once more"));

    // The old title no longer names the session for the CLI.
    let stale = prompt("SAY stale", h.options().resume("Release notes").build()).await;
    let error = stale.expect_err("the old title no longer names a session");
    assert!(
        error
            .to_string()
            .contains("does not match any session title"),
        "{error}"
    );
    let listed = history.list_sessions(&ListSessions::new()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].custom_title.as_deref(), Some("Final notes"));

    history.tag_session(&id, None).unwrap();
    assert_eq!(history.get_session_info(&id).unwrap().unwrap().tag, None);
    assert!(matches!(
        history.rename_session(&id, " "),
        Err(Error::InvalidSessionArgument(_))
    ));
    assert!(matches!(
        history.tag_session("00000000-0000-4000-8000-000000000000", Some("x")),
        Err(Error::SessionNotFound { .. })
    ));
}

#[tokio::test]
async fn delete_removes_a_session_with_its_subagent_transcripts() {
    let h = Harness::new().await;
    let options = h.options().allowed_tools(["Agent"]).build();
    let task = r#"CALL Agent {"description":"check","prompt":"SAY sub done","subagent_type":"general-purpose","run_in_background":false}; SAY main done"#;
    let result = prompt(task, options).await.unwrap();
    assert_eq!(result.result(), Some("main done"));
    let id = result.session_id().to_owned();
    let history = history(&h);
    let file = history.session_file(&id).unwrap().expect("session file");
    let subagents = file.with_extension("").join("subagents");
    assert!(
        std::fs::read_dir(&subagents).unwrap().count() > 0,
        "the CLI keeps the subagent's transcript next to the session"
    );

    let messages = history.get_session_messages(&id, None, 0).unwrap();
    let texts: Vec<String> = messages.iter().map(|m| m.text()).collect();
    assert_eq!(texts.first().map(String::as_str), Some(task));
    assert_eq!(texts.last().map(String::as_str), Some("main done"));
    assert!(
        !texts.iter().any(|t| t == "sub done"),
        "the subagent's messages are not part of the conversation: {texts:?}"
    );
    let listed = history.list_sessions(&ListSessions::new()).unwrap();
    assert_eq!(listed.len(), 1, "subagent transcripts are not sessions");

    let agents = history.list_subagents(&id).unwrap();
    assert_eq!(agents.len(), 1);
    let agent = &agents[0];
    assert_eq!(agent.agent_type.as_deref(), Some("general-purpose"));
    assert_eq!(agent.description.as_deref(), Some("check"));
    let call = messages
        .iter()
        .find_map(|m| match m.to_message() {
            Ok(Message::Assistant(a)) => a.tool_uses().next().map(|t| t.id.clone()),
            _ => None,
        })
        .expect("the Agent tool call");
    assert_eq!(agent.parent_tool_use_id.as_deref(), Some(call.as_str()));
    let work = history
        .get_subagent_messages(&id, &agent.agent_id, None, 0)
        .unwrap();
    let texts: Vec<String> = work.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["SAY sub done", "sub done"]);
    assert!(
        work.iter()
            .all(|m| m.parent_tool_use_id.as_deref() == Some(call.as_str()))
    );
    assert!(matches!(
        history.get_subagent_messages(&id, "nobody", None, 0),
        Err(Error::InvalidSessionArgument(_))
    ));

    history.delete_session(&id).unwrap();
    assert!(!file.exists());
    assert!(!file.with_extension("").exists());
    assert!(
        history
            .list_sessions(&ListSessions::new())
            .unwrap()
            .is_empty()
    );
    assert_eq!(history.get_session_info(&id).unwrap(), None);
    assert!(matches!(
        history.delete_session(&id),
        Err(Error::SessionNotFound { .. })
    ));
}

#[tokio::test]
async fn a_fork_resumes_with_the_history_up_to_the_chosen_message() {
    let h = Harness::new().await;
    let id = run_session(h.options().build(), &["SAY one", "SAY two", "SAY three"]).await;
    let history = history(&h);
    let original = history.get_session_messages(&id, None, 0).unwrap();
    assert_eq!(original.len(), 6);
    let two = &original[3];
    assert_eq!(two.text(), "two");

    let fork = history
        .fork_session(&id, &ForkSession::new().up_to_message(&two.uuid))
        .unwrap();
    assert_ne!(fork, id);
    let info = history.get_session_info(&fork).unwrap().unwrap();
    assert_eq!(info.title(), Some("SAY one (fork)"));
    let forked = history.get_session_messages(&fork, None, 0).unwrap();
    let texts: Vec<String> = forked.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["SAY one", "one", "SAY two", "two"]);
    for (copy, source) in forked.iter().zip(&original) {
        assert_ne!(copy.uuid, source.uuid, "fresh ids");
        assert_eq!(copy.session_id, fork);
        assert_eq!(copy.raw["forkedFrom"]["messageUuid"], source.uuid.as_str());
    }

    // The CLI resumes the fork: the model sees turns one and two, not three.
    let mut session = Session::resume(&fork, h.options().build()).await.unwrap();
    let result = session.turn("SAY four").await.unwrap();
    session.close().await.unwrap();
    assert_eq!(result.result(), Some("four"));
    assert_eq!(result.session_id(), fork);
    let sent = h.model.requests().last().unwrap().user_texts().join("\n");
    assert!(
        sent.contains("SAY one") && sent.contains("SAY two"),
        "{sent}"
    );
    assert!(!sent.contains("SAY three"), "{sent}");
    let texts: Vec<String> = history
        .get_session_messages(&fork, None, 0)
        .unwrap()
        .iter()
        .map(|m| m.text())
        .collect();
    assert_eq!(
        texts,
        ["SAY one", "one", "SAY two", "two", "SAY four", "four"]
    );
    let unchanged = history.get_session_messages(&id, None, 0).unwrap();
    assert_eq!(unchanged, original, "the original is untouched");

    // A whole-session fork with a title.
    let copy = history
        .fork_session(&id, &ForkSession::new().title("Copy"))
        .unwrap();
    assert_eq!(
        history.get_session_info(&copy).unwrap().unwrap().title(),
        Some("Copy")
    );
    assert_eq!(
        history.get_session_messages(&copy, None, 0).unwrap().len(),
        6
    );
    assert!(matches!(
        history.fork_session(
            &id,
            &ForkSession::new().up_to_message("00000000-0000-4000-8000-000000000000")
        ),
        Err(Error::InvalidSessionArgument(_))
    ));
}

#[tokio::test]
async fn a_session_moves_through_a_store_to_another_configuration_directory() {
    let h = Harness::new().await;
    let task = r#"CALL Agent {"description":"note","prompt":"SAY noted","subagent_type":"general-purpose","run_in_background":false}; SAY remember 7"#;
    let id = run_session(h.options().allowed_tools(["Agent"]).build(), &[task]).await;
    let source = history(&h);
    let messages = source.get_session_messages(&id, None, 0).unwrap();
    let agents = source.list_subagents(&id).unwrap();
    assert_eq!(agents.len(), 1);
    let agent_work = source
        .get_subagent_messages(&id, &agents[0].agent_id, None, 0)
        .unwrap();

    let memory = InMemorySessionStore::new();
    let store_dir = tempfile::tempdir().unwrap();
    let files = FileSessionStore::new(store_dir.path());
    let key = import_session(&source, &id, &memory).await.unwrap();
    assert_eq!(key.project, project_key_for_directory(h.env.cwd()));
    assert_eq!(key.session_id, id);
    assert_eq!(import_session(&source, &id, &files).await.unwrap(), key);
    let lines = std::fs::read_to_string(source.session_file(&id).unwrap().unwrap())
        .unwrap()
        .lines()
        .count();
    assert_eq!(memory.load(&key).await.unwrap().unwrap().len(), lines);
    assert_eq!(
        memory.load(&key).await.unwrap(),
        files.load(&key).await.unwrap()
    );
    assert_eq!(files.list(&key.project).await.unwrap().len(), 1);
    let subpath = format!("subagents/agent-{}", agents[0].agent_id);
    assert_eq!(memory.list_subkeys(&key).await.unwrap(), [subpath.as_str()]);
    let stored_agent = memory
        .load(&key.clone().with_subpath(&subpath))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored_agent[0]["type"], "agent_metadata",
        "the sidecar travels as the first entry"
    );

    // Another machine: its own home, configuration directory and checkout.
    let there = CliEnv::new(&h.model).unwrap();
    let project = project_key_for_directory(there.cwd());
    let written = materialize_session(&files, &key, &there.config_dir(), &project)
        .await
        .unwrap();
    assert!(written.starts_with(there.config_dir().join("projects").join(&project)));
    let target = SessionHistory::new(there.config_dir());
    assert_eq!(target.get_session_messages(&id, None, 0).unwrap(), messages);
    let moved_agents = target.list_subagents(&id).unwrap();
    assert_eq!(moved_agents.len(), 1);
    assert_eq!(
        moved_agents[0].parent_tool_use_id,
        agents[0].parent_tool_use_id
    );
    assert_eq!(moved_agents[0].agent_type, agents[0].agent_type);
    assert_eq!(
        target
            .get_subagent_messages(&id, &agents[0].agent_id, None, 0)
            .unwrap(),
        agent_work
    );

    let options = there
        .apply(ClaudeAgentOptions::builder().cli_path(&h.cli))
        .initialize_timeout(Duration::from_secs(30))
        .build();
    let mut session = Session::resume(&id, options).await.unwrap();
    let result = session.turn("SAY recalled").await.unwrap();
    session.close().await.unwrap();
    assert_eq!(result.session_id(), id);
    let sent = h.model.requests().last().unwrap().user_texts().join("\n");
    assert!(
        sent.contains("SAY remember 7"),
        "the resumed CLI sees the history: {sent}"
    );

    // The in-memory copy materialises to the same conversation.
    let elsewhere = tempfile::tempdir().unwrap();
    materialize_session(&memory, &key, elsewhere.path(), &project)
        .await
        .unwrap();
    assert_eq!(
        SessionHistory::new(elsewhere.path())
            .get_session_messages(&id, None, 0)
            .unwrap(),
        messages
    );
    let unknown = key.clone();
    memory.delete(&unknown).await.unwrap();
    assert!(matches!(
        materialize_session(&memory, &unknown, elsewhere.path(), &project).await,
        Err(Error::SessionNotFound { .. })
    ));
}

#[tokio::test]
async fn the_older_cli_writes_files_the_history_reads_and_resumes_forks_of() {
    let h = Harness::with_version("2.1.197").await;
    let id = run_session(h.options().build(), &["SAY old one", "SAY old two"]).await;
    let history = history(&h);
    let info = history.get_session_info(&id).unwrap().unwrap();
    assert_eq!(info.first_prompt.as_deref(), Some("SAY old one"));
    let messages = history.get_session_messages(&id, None, 0).unwrap();
    let texts: Vec<String> = messages.iter().map(|m| m.text()).collect();
    assert_eq!(texts, ["SAY old one", "old one", "SAY old two", "old two"]);

    let fork = history
        .fork_session(&id, &ForkSession::new().up_to_message(&messages[1].uuid))
        .unwrap();
    let mut session = Session::resume(&fork, h.options().build()).await.unwrap();
    let result = session.turn("SAY old three").await.unwrap();
    session.close().await.unwrap();
    assert_eq!(result.session_id(), fork);
    let sent = h.model.requests().last().unwrap().user_texts().join("\n");
    assert!(
        sent.contains("SAY old one") && !sent.contains("SAY old two"),
        "{sent}"
    );
}

#[tokio::test]
async fn the_sessions_of_a_repository_include_its_other_working_trees() {
    let h = Harness::new().await;
    let repo = h.env.cwd();
    git_init(repo, "main");
    let git = |args: &[&str], dir: &std::path::Path| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
    };
    git(&["commit", "-q", "--allow-empty", "-m", "init"], repo);
    let outside = tempfile::tempdir().unwrap();
    let worktree = outside.path().join("feature-tree");
    git(
        &[
            "worktree",
            "add",
            "-q",
            "-b",
            "feature",
            worktree.to_str().unwrap(),
        ],
        repo,
    );

    let main_id = prompt("SAY in main", h.options().build())
        .await
        .unwrap()
        .session_id()
        .to_owned();
    let tree_id = prompt("SAY in the worktree", h.options().cwd(&worktree).build())
        .await
        .unwrap()
        .session_id()
        .to_owned();

    let history = history(&h);
    let both = history
        .list_sessions(&ListSessions::new().dir(repo))
        .unwrap();
    let ids: Vec<&str> = both.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(ids, [tree_id.as_str(), main_id.as_str()]);
    assert_eq!(both[0].git_branch.as_deref(), Some("feature"));
    assert_eq!(both[1].git_branch.as_deref(), Some("main"));
    let from_tree = history
        .list_sessions(&ListSessions::new().dir(&worktree))
        .unwrap();
    assert_eq!(
        from_tree.len(),
        2,
        "the same repository seen from the other tree"
    );

    let only_main = history
        .list_sessions(&ListSessions::new().dir(repo).include_worktrees(false))
        .unwrap();
    let ids: Vec<&str> = only_main.iter().map(|s| s.session_id.as_str()).collect();
    assert_eq!(ids, [main_id.as_str()]);
}
