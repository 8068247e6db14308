//! Waiting for a [`SkillWatcher`] to report the changes a test expects.

use std::io;
use std::time::Duration;

use crate::skills::{SkillChanges, SkillWatcher};

/// Waits until the changes `watcher` has reported satisfy `done`, and
/// returns them. Reports are merged by appending their lists, so a skill
/// added in one report and updated in the next is in both `added` and
/// `updated`.
///
/// ```no_run
/// use std::time::Duration;
/// use claude_agent_sdk::skills::SkillRegistry;
/// use claude_agent_sdk::testing::wait_for_skill_changes;
///
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let registry = SkillRegistry::project(".");
/// let mut watcher = registry.watch()?;
/// // … write `.claude/skills/notes/SKILL.md` …
/// let changes = wait_for_skill_changes(&mut watcher, Duration::from_secs(20), |c| {
///     c.added.iter().any(|name| name == "notes")
/// })
/// .await?;
/// assert!(changes.removed.is_empty());
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// [`io::ErrorKind::TimedOut`] when the changes reported within `timeout`
/// do not satisfy `done` (the message lists them), or an error when the
/// watcher stopped.
pub async fn wait_for_skill_changes(
    watcher: &mut SkillWatcher,
    timeout: Duration,
    done: impl Fn(&SkillChanges) -> bool,
) -> io::Result<SkillChanges> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut all = SkillChanges::default();
    while !done(&all) {
        let next = tokio::time::timeout_at(deadline, watcher.changed())
            .await
            .map_err(|_| {
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("no skill changes as expected within {timeout:?}; so far {all:?}"),
                )
            })?
            .ok_or_else(|| io::Error::other("the skill watcher stopped"))?;
        all.added.extend(next.added);
        all.updated.extend(next.updated);
        all.removed.extend(next.removed);
        all.failed.extend(next.failed);
    }
    Ok(all)
}
