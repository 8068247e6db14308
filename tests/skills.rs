//! Skills against the real CLI: a skill installed by the SDK is offered and
//! loaded through the Skill tool; a skill folder edited on disk is picked
//! up by the registry's hot reload and, after `reload_skills`, by the CLI.

use std::time::Duration;

use claude_agent_sdk::options::Skills;
use claude_agent_sdk::skills::{
    Installer, SKILL_FILE, SkillRegistry, SkillSpec, project_skills_dir,
};
use claude_agent_sdk::testing::wait_for_skill_changes;
use claude_agent_sdk::{ClaudeClient, Message};
use claude_agent_sdk_e2e::{Harness, turn};

/// The text of every user message the model server received, in order.
fn model_saw(h: &Harness) -> String {
    h.model
        .requests()
        .iter()
        .flat_map(|r| r.user_texts())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_skill_installed_by_the_sdk_is_offered_and_loaded() {
    let h = Harness::new().await;
    let spec = SkillSpec::new(
        "release-notes",
        "Writes release notes. Use when asked for release notes.",
    )
    .field("argument-hint", "<version>")
    .body("RELEASE-NOTES-BODY: follow [the style guide](style.md).\n")
    .file("style.md", "Short sentences.\n");
    let installed = Installer::project(h.env.cwd()).install(&spec).unwrap();
    assert!(installed.validation.is_valid(), "{}", installed.validation);
    assert!(installed.audit.is_clean(), "{}", installed.audit);

    let mut client = ClaudeClient::new(h.options().skills(Skills::All).build());
    client.connect().await.unwrap();
    let commands = client.supported_commands().unwrap();
    let command = commands
        .iter()
        .find(|c| c.name == "release-notes")
        .unwrap_or_else(|| panic!("the initialize answer lists the skill: {commands:?}"));
    assert_eq!(
        command.description,
        "Writes release notes. Use when asked for release notes. (project)"
    );
    assert_eq!(command.argument_hint, "<version>");

    let messages = turn(
        &client,
        r#"CALL Skill {"skill":"release-notes","args":"2.0"}; SAY notes written"#,
    )
    .await;
    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert!(
        init.skills.contains(&"release-notes".to_owned()),
        "{:?}",
        init.skills
    );
    assert!(
        init.slash_commands.contains(&"release-notes".to_owned()),
        "{:?}",
        init.slash_commands
    );
    // The Skill tool launches it ...
    let launched = messages
        .iter()
        .filter_map(Message::as_user)
        .find(|m| {
            m.tool_results()
                .any(|r| r.text() == "Launching skill: release-notes")
        })
        .expect("the Skill tool's result");
    assert_eq!(
        launched.tool_use_result.as_ref().unwrap()["commandName"],
        "release-notes"
    );
    // ... and its body, front matter stripped, reaches the model.
    let body = messages
        .iter()
        .filter_map(Message::as_user)
        .find(|m| m.is_synthetic == Some(true) && m.text().contains("RELEASE-NOTES-BODY"))
        .expect("the skill body as a synthetic user message");
    let base = format!("Base directory for this skill: {}", installed.dir.display());
    assert!(body.text().contains(&base), "{}", body.text());
    let seen = model_saw(&h);
    assert!(seen.contains("RELEASE-NOTES-BODY"), "{seen}");
    assert!(seen.contains("ARGUMENTS: 2.0"), "{seen}");
    assert!(!seen.contains("argument-hint"), "front matter is stripped");
    let result = messages.iter().find_map(Message::as_result).unwrap();
    assert_eq!(result.result(), Some("notes written"));
    client.disconnect().await.unwrap();
}

fn write_skill(h: &Harness, name: &str, description: &str, body: &str) {
    let dir = project_skills_dir(h.env.cwd()).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(SKILL_FILE),
        format!("---\nname: {name}\ndescription: {description}\n---\n{body}\n"),
    )
    .unwrap();
}

#[tokio::test]
async fn edits_on_disk_reach_the_registry_and_the_cli() {
    let h = Harness::new().await;
    write_skill(&h, "notes", "Takes notes, version one.", "NOTES-V1");
    let registry = SkillRegistry::project(h.env.cwd());
    assert_eq!(registry.names(), ["notes"]);
    let mut watcher = registry.watch().unwrap();

    let mut client = ClaudeClient::new(h.options().skills(Skills::All).build());
    client.connect().await.unwrap();
    turn(&client, r#"CALL Skill {"skill":"notes"}; SAY first"#).await;
    assert!(model_saw(&h).contains("NOTES-V1"));

    // Edit one skill and add another, by hand, while the session runs.
    write_skill(&h, "notes", "Takes notes, version two.", "NOTES-V2");
    write_skill(&h, "fresh", "A skill added mid-session.", "FRESH-BODY");
    let changes = wait_for_skill_changes(&mut watcher, Duration::from_secs(20), |c| {
        c.updated.iter().any(|n| n == "notes") && c.added.iter().any(|n| n == "fresh")
    })
    .await
    .unwrap();
    assert!(changes.removed.is_empty(), "{changes:?}");
    let notes = registry.get("notes").unwrap();
    assert_eq!(notes.description(), Some("Takes notes, version two."));
    assert!(notes.body().unwrap().contains("NOTES-V2"));

    // The CLI rescans when told to, and the next turn uses the new files.
    let offered = client.reload_skills().await.unwrap();
    let describe = |name: &str| {
        offered
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.description.clone())
    };
    assert_eq!(
        describe("fresh").as_deref(),
        Some("A skill added mid-session. (project)")
    );
    assert_eq!(
        describe("notes").as_deref(),
        Some("Takes notes, version two. (project)")
    );
    let before = h.model.requests().len();
    let messages = turn(
        &client,
        r#"CALL Skill {"skill":"notes"}; CALL Skill {"skill":"fresh"}; SAY second"#,
    )
    .await;
    let init = messages.iter().find_map(Message::as_init).unwrap();
    assert!(
        init.skills.contains(&"fresh".to_owned()),
        "{:?}",
        init.skills
    );
    let later: String = h.model.requests()[before..]
        .iter()
        .flat_map(|r| r.user_texts())
        .collect();
    assert!(later.contains("NOTES-V2"), "{later}");
    assert!(later.contains("FRESH-BODY"), "{later}");

    // The whole skills folder vanishes: the registry empties, nothing
    // panics, and the CLI drops the skills on its next rescan.
    std::fs::remove_dir_all(project_skills_dir(h.env.cwd())).unwrap();
    wait_for_skill_changes(&mut watcher, Duration::from_secs(20), |c| {
        c.removed.len() == 2
    })
    .await
    .unwrap();
    assert!(registry.is_empty());
    let offered = client.reload_skills().await.unwrap();
    assert!(
        !offered
            .iter()
            .any(|s| s.name == "fresh" || s.name == "notes"),
        "{offered:?}"
    );
    client.disconnect().await.unwrap();
}
