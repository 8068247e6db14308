//! [`SkillWatcher`]: hot reload of a [`SkillRegistry`] when its folders
//! change on disk.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::mpsc;

use super::error::SkillError;
use super::registry::{SkillChanges, SkillRegistry};

/// How long the watcher waits for a burst of file events to settle.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How often the folders are rescanned even without events (to notice a
/// folder that appears or comes back, and events a platform drops).
const POLL: Duration = Duration::from_secs(2);

/// Reports the changes of a watched [`SkillRegistry`], as they happen.
///
/// Made by [`SkillRegistry::watch`]. The registry is updated before each
/// report, so [`SkillRegistry::get`] already returns the new skills. Folders
/// that do not exist yet, vanish or come back are handled: the watcher
/// never fails once started. Dropping it stops watching.
///
/// It is also a [`Stream`] of [`SkillChanges`].
#[derive(Debug)]
pub struct SkillWatcher {
    changes: mpsc::Receiver<SkillChanges>,
    task: tokio::task::JoinHandle<()>,
}

impl SkillWatcher {
    /// The next changes; `None` once the watcher has stopped.
    pub async fn changed(&mut self) -> Option<SkillChanges> {
        self.changes.recv().await
    }

    /// Changes already reported and not yet taken, without waiting.
    pub fn try_changed(&mut self) -> Option<SkillChanges> {
        self.changes.try_recv().ok()
    }

    /// Stops watching.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for SkillWatcher {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Stream for SkillWatcher {
    type Item = SkillChanges;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<SkillChanges>> {
        self.changes.poll_recv(cx)
    }
}

impl SkillRegistry {
    /// Watches the registry's folders and reloads it when files change:
    /// edits, new and removed skill folders, reference files, and roots
    /// that appear or vanish. Each reload that changed something is
    /// reported by the returned [`SkillWatcher`].
    ///
    /// To have a connected CLI pick the changes up at once, call
    /// [`ClaudeClient::reload_skills`](crate::ClaudeClient::reload_skills)
    /// for each report (the CLI also notices new skill folders by itself
    /// after a few seconds):
    ///
    /// ```no_run
    /// use claude_agent_sdk::{ClaudeAgentOptions, ClaudeClient};
    /// use claude_agent_sdk::options::Skills;
    /// use claude_agent_sdk::skills::SkillRegistry;
    ///
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let registry = SkillRegistry::project(".");
    /// let mut watcher = registry.watch()?;
    /// let mut client = ClaudeClient::new(ClaudeAgentOptions::builder().skills(Skills::All).build());
    /// client.connect().await?;
    /// while let Some(changes) = watcher.changed().await {
    ///     println!("changed: {:?}", changes.names().collect::<Vec<_>>());
    ///     let offered = client.reload_skills().await?;
    ///     println!("the CLI now offers {} skills and commands", offered.len());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`SkillError::Watch`] when called outside a Tokio runtime or when
    /// the platform's file watcher cannot be created.
    pub fn watch(&self) -> Result<SkillWatcher, SkillError> {
        let folder = || self.roots().first().cloned().unwrap_or_default();
        let runtime = tokio::runtime::Handle::try_current().map_err(|e| SkillError::Watch {
            path: folder(),
            message: format!("a Tokio runtime is needed: {e}"),
        })?;
        let (events, raw) = mpsc::unbounded_channel::<()>();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let ignored = matches!(&event, Ok(e) if matches!(e.kind, EventKind::Access(_)));
            if !ignored {
                // Errors trigger a rescan as well: the rescan tells.
                let _ = events.send(());
            }
        })
        .map_err(|e| SkillError::Watch {
            path: folder(),
            message: e.to_string(),
        })?;
        let (report, changes) = mpsc::channel(16);
        let task = runtime.spawn(run(self.clone(), watcher, raw, report));
        Ok(SkillWatcher { changes, task })
    }
}

/// Identifies a folder, to notice one that was replaced by another of the
/// same name.
fn identity(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// Keeps one recursive watch on every folder that exists.
fn sync_watches(
    watcher: &mut impl Watcher,
    watched: &mut HashMap<PathBuf, (u64, u64)>,
    folders: Vec<PathBuf>,
) {
    watched.retain(|path, id| {
        let same = folders.contains(path) && identity(path) == Some(*id);
        if !same {
            let _ = watcher.unwatch(path);
        }
        same
    });
    for folder in folders {
        if watched.contains_key(&folder) {
            continue;
        }
        if let Some(id) = identity(&folder)
            && watcher.watch(&folder, RecursiveMode::Recursive).is_ok()
        {
            watched.insert(folder, id);
        }
    }
}

async fn run(
    registry: SkillRegistry,
    mut watcher: notify::RecommendedWatcher,
    mut raw: mpsc::UnboundedReceiver<()>,
    report: mpsc::Sender<SkillChanges>,
) {
    let mut watched = HashMap::new();
    let mut poll = tokio::time::interval(POLL);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        // Looking at the folders blocks: off the async threads.
        let folders = registry.watched_folders();
        let synced = tokio::task::spawn_blocking(move || {
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                sync_watches(&mut watcher, &mut watched, folders);
            }));
            if outcome.is_err() {
                tracing::warn!("updating the skill folder watches panicked; retrying later");
            }
            (watcher, watched)
        })
        .await;
        // Only a runtime shutting down cancels it.
        let Ok(synced) = synced else { return };
        (watcher, watched) = synced;
        tokio::select! {
            () = report.closed() => return,
            event = raw.recv() => {
                if event.is_none() {
                    return;
                }
                tokio::time::sleep(DEBOUNCE).await;
                while raw.try_recv().is_ok() {}
            }
            _ = poll.tick() => {}
        }
        let reloading = registry.clone();
        let changes = match tokio::task::spawn_blocking(move || reloading.reload()).await {
            Ok(changes) => changes,
            Err(error) => {
                tracing::warn!(%error, "reloading the skill registry failed; retrying later");
                SkillChanges::default()
            }
        };
        if !changes.is_empty() && report.send(changes).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::test_support::write_skill;
    use crate::testing::wait_for_skill_changes;

    /// How long a test waits for the watcher.
    const WAIT: Duration = Duration::from_secs(20);

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn edits_new_skills_and_a_vanishing_folder() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("skills");
        write_skill(&root, "alpha", "A");
        let registry = SkillRegistry::new();
        registry.add_root(&root);
        let mut watcher = registry.watch().unwrap();

        write_skill(&root, "alpha", "A, edited");
        write_skill(&root, "beta", "B");
        let changes = wait_for_skill_changes(&mut watcher, WAIT, |c| {
            c.updated.contains(&"alpha".to_owned()) && c.added.contains(&"beta".to_owned())
        })
        .await
        .unwrap();
        assert!(changes.removed.is_empty(), "{changes:?}");
        assert_eq!(
            registry.get("alpha").unwrap().description(),
            Some("A, edited")
        );

        // The whole folder vanishes: every skill is removed, nothing panics.
        std::fs::remove_dir_all(&root).unwrap();
        wait_for_skill_changes(&mut watcher, WAIT, |c| c.removed.len() == 2)
            .await
            .unwrap();
        assert!(registry.is_empty());

        // It comes back: the watcher finds it again.
        write_skill(&root, "gamma", "G");
        wait_for_skill_changes(&mut watcher, WAIT, |c| {
            c.added.contains(&"gamma".to_owned())
        })
        .await
        .unwrap();
        assert_eq!(registry.names(), ["gamma"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_root_that_does_not_exist_yet() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("later/skills");
        let registry = SkillRegistry::new();
        registry.add_root(&root);
        let mut watcher = registry.watch().unwrap();
        write_skill(&root, "late", "L");
        wait_for_skill_changes(&mut watcher, WAIT, |c| c.added.contains(&"late".to_owned()))
            .await
            .unwrap();
        watcher.stop();
    }

    #[test]
    fn watching_needs_a_runtime() {
        let err = SkillRegistry::new().watch().unwrap_err();
        assert!(err.to_string().contains("Tokio"), "{err}");
    }
}
