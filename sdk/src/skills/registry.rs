//! [`SkillRegistry`]: the skills of one or more skill folders, kept up to
//! date.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use super::files::{SKILL_FILE, project_skills_dir, walk};
use super::skill::Skill;

/// What changed in a [`SkillRegistry`] (by skill name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkillChanges {
    /// Skills that appeared.
    pub added: Vec<String>,
    /// Skills whose files changed: their entries were replaced, with fresh
    /// caches.
    pub updated: Vec<String>,
    /// Skills that disappeared.
    pub removed: Vec<String>,
    /// Skill folders that could not be loaded (a skill that loaded before
    /// keeps its previous entry).
    pub failed: Vec<SkillLoadFailure>,
}

impl SkillChanges {
    /// Whether nothing changed and nothing failed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.removed.is_empty()
            && self.failed.is_empty()
    }

    /// Every skill that was added, updated or removed.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.added
            .iter()
            .chain(&self.updated)
            .chain(&self.removed)
            .map(String::as_str)
    }
}

/// A skill folder that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkillLoadFailure {
    /// The folder.
    pub dir: PathBuf,
    /// Why.
    pub message: String,
}

/// The files of a skill folder as of the last look: path, size, time.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    walk(dir)
        .entries
        .into_iter()
        .map(|e| (e.relative, e.len, e.modified))
        .collect()
}

#[derive(Debug)]
struct Entry {
    skill: Arc<Skill>,
    fingerprint: Fingerprint,
}

#[derive(Debug, Default)]
struct State {
    roots: Vec<PathBuf>,
    registered: Vec<PathBuf>,
    entries: BTreeMap<String, Entry>,
}

/// The skills of one or more skill folders (such as a project's
/// `.claude/skills`), by name, kept up to date.
///
/// [`reload`](Self::reload) rescans the folders and updates the entries in
/// place: a skill whose files changed is replaced by a freshly loaded one
/// (so its cached body and references are dropped), a new folder is added,
/// a removed one is dropped. [`watch`](Self::watch) does that whenever the
/// files change. Handles are cheap to clone and share one registry.
///
/// The name of a skill is its folder name, as the CLI invokes it. When two
/// folders hold a skill of the same name, the one registered with
/// [`register`](Self::register) wins, then the earlier root.
///
/// ```
/// use claude_agent_sdk::skills::SkillRegistry;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let project = tempfile::tempdir()?;
/// let skills = project.path().join(".claude/skills/greet");
/// std::fs::create_dir_all(&skills)?;
/// std::fs::write(skills.join("SKILL.md"), "---\nname: greet\ndescription: Greets.\n---\nHello.\n")?;
///
/// let registry = SkillRegistry::project(project.path());
/// assert_eq!(registry.names(), ["greet"]);
///
/// std::fs::write(skills.join("SKILL.md"), "---\nname: greet\ndescription: Greets warmly.\n---\nHi!\n")?;
/// let changes = registry.reload();
/// assert_eq!(changes.updated, ["greet"]);
/// assert_eq!(registry.get("greet").unwrap().description(), Some("Greets warmly."));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct SkillRegistry {
    state: Arc<RwLock<State>>,
    reloading: Arc<Mutex<()>>,
}

impl SkillRegistry {
    /// An empty registry.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A registry of a project's skills (`<project>/.claude/skills`, which
    /// need not exist yet).
    #[must_use]
    pub fn project(project: impl AsRef<Path>) -> Self {
        let registry = Self::new();
        registry.add_root(project_skills_dir(project));
        registry
    }

    /// Adds a folder of skill folders (which need not exist yet) and loads
    /// its skills.
    pub fn add_root(&self, root: impl Into<PathBuf>) -> SkillChanges {
        {
            let mut state = self.write();
            let root = root.into();
            if !state.roots.contains(&root) {
                state.roots.push(root);
            }
        }
        self.reload()
    }

    /// Adds one skill folder (which need not be inside a root) and loads
    /// it.
    pub fn register(&self, dir: impl Into<PathBuf>) -> SkillChanges {
        {
            let mut state = self.write();
            let dir = dir.into();
            if !state.registered.contains(&dir) {
                state.registered.push(dir);
            }
        }
        self.reload()
    }

    /// The folders of skill folders.
    #[must_use]
    pub fn roots(&self) -> Vec<PathBuf> {
        self.read().roots.clone()
    }

    /// Every folder a watcher should watch: the roots and the registered
    /// skill folders.
    pub(crate) fn watched_folders(&self) -> Vec<PathBuf> {
        let state = self.read();
        state
            .roots
            .iter()
            .chain(&state.registered)
            .cloned()
            .collect()
    }

    /// The skill named `name` (its folder name).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Arc<Skill>> {
        self.read().entries.get(name).map(|e| e.skill.clone())
    }

    /// The names of all skills, sorted.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        self.read().entries.keys().cloned().collect()
    }

    /// All skills, by name.
    #[must_use]
    pub fn skills(&self) -> Vec<Arc<Skill>> {
        self.read()
            .entries
            .values()
            .map(|e| e.skill.clone())
            .collect()
    }

    /// How many skills there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.read().entries.len()
    }

    /// Whether there is no skill.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.read().entries.is_empty()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Rescans every folder and updates the entries in place. Never fails:
    /// folders that vanished count as removed, skills that cannot be loaded
    /// are listed in [`SkillChanges::failed`]. A skill that loaded before
    /// from the same folder and now fails (a `SKILL.md` caught half
    /// written) keeps its previous entry until it loads again.
    pub fn reload(&self) -> SkillChanges {
        let _one_at_a_time = self
            .reloading
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (roots, registered, known) = {
            let state = self.read();
            let known: BTreeMap<String, (PathBuf, Fingerprint)> = state
                .entries
                .iter()
                .map(|(name, e)| {
                    (
                        name.clone(),
                        (e.skill.dir().to_owned(), e.fingerprint.clone()),
                    )
                })
                .collect();
            (state.roots.clone(), state.registered.clone(), known)
        };
        let found = discover(&roots, &registered);
        let mut changes = SkillChanges::default();
        let mut fresh: BTreeMap<String, Entry> = BTreeMap::new();
        let mut kept: Vec<String> = Vec::new();
        for (name, dir) in &found {
            let print = fingerprint(dir);
            if let Some((known_dir, known_print)) = known.get(name)
                && known_dir == dir
                && *known_print == print
            {
                kept.push(name.clone());
                continue;
            }
            match Skill::load(dir) {
                Ok(skill) => {
                    if known.contains_key(name) {
                        changes.updated.push(name.clone());
                    } else {
                        changes.added.push(name.clone());
                    }
                    fresh.insert(
                        name.clone(),
                        Entry {
                            skill: Arc::new(skill),
                            fingerprint: print,
                        },
                    );
                }
                Err(e) => {
                    // A skill caught mid-save keeps its last good entry.
                    if known
                        .get(name)
                        .is_some_and(|(known_dir, _)| known_dir == dir)
                    {
                        kept.push(name.clone());
                    }
                    changes.failed.push(SkillLoadFailure {
                        dir: dir.clone(),
                        message: e.to_string(),
                    });
                }
            }
        }
        let mut state = self.write();
        state.entries.retain(|name, _| {
            kept.contains(name) || fresh.contains_key(name) || {
                changes.removed.push(name.clone());
                false
            }
        });
        state.entries.extend(fresh);
        changes
    }
}

/// The skill folders under `roots` and in `registered`: name → folder.
fn discover(roots: &[PathBuf], registered: &[PathBuf]) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let has_skill_file =
        |dir: &Path| std::fs::metadata(dir.join(SKILL_FILE)).is_ok_and(|m| m.is_file());
    for dir in registered {
        if let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned())
            && has_skill_file(dir)
        {
            found.entry(name).or_insert_with(|| dir.clone());
        }
    }
    for root in roots {
        let Ok(read) = std::fs::read_dir(root) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = read
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            if name.starts_with('.') || !has_skill_file(&dir) {
                continue;
            }
            found.entry(name).or_insert(dir);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::test_support::write_skill;

    #[test]
    fn reload_adds_updates_and_removes_in_place() {
        let root = tempfile::tempdir().unwrap();
        write_skill(root.path(), "alpha", "A");
        write_skill(root.path(), "beta", "B");
        std::fs::create_dir(root.path().join("not-a-skill")).unwrap();
        std::fs::create_dir(root.path().join(".hidden")).unwrap();
        std::fs::write(root.path().join(".hidden").join(SKILL_FILE), "x").unwrap();
        let registry = SkillRegistry::new();
        let changes = registry.add_root(root.path());
        assert_eq!(changes.added, ["alpha", "beta"]);
        assert_eq!(registry.names(), ["alpha", "beta"]);

        let old_alpha = registry.get("alpha").unwrap();
        assert_eq!(&*old_alpha.body().unwrap(), "Body of alpha.\n");
        assert!(registry.reload().is_empty(), "nothing changed");
        assert!(Arc::ptr_eq(&old_alpha, &registry.get("alpha").unwrap()));

        write_skill(root.path(), "alpha", "A2 (longer)");
        std::fs::remove_dir_all(root.path().join("beta")).unwrap();
        write_skill(root.path(), "gamma", "G");
        let changes = registry.reload();
        assert_eq!(changes.added, ["gamma"]);
        assert_eq!(changes.updated, ["alpha"]);
        assert_eq!(changes.removed, ["beta"]);
        let new_alpha = registry.get("alpha").unwrap();
        assert_eq!(new_alpha.description(), Some("A2 (longer)"));
        assert!(!new_alpha.is_body_loaded(), "fresh caches");
        // Holders of the old entry keep what they had.
        assert_eq!(old_alpha.description(), Some("A"));

        // A reference file changing counts as an update too.
        std::fs::write(root.path().join("gamma/notes.md"), "n").unwrap();
        assert_eq!(registry.reload().updated, ["gamma"]);
    }

    #[test]
    fn a_vanished_or_missing_root_is_empty_not_an_error() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("skills");
        let registry = SkillRegistry::new();
        assert!(registry.add_root(&root).is_empty());
        write_skill(&root, "alpha", "A");
        assert_eq!(registry.reload().added, ["alpha"]);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(registry.reload().removed, ["alpha"]);
        assert!(registry.is_empty());
    }

    #[test]
    fn unloadable_skills_are_reported() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("huge");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join(SKILL_FILE), vec![b'a'; 2 * 1024 * 1024]).unwrap();
        let registry = SkillRegistry::new();
        let changes = registry.add_root(root.path());
        assert_eq!(changes.failed.len(), 1);
        assert!(
            changes.failed[0].message.contains("bytes"),
            "{:?}",
            changes.failed
        );
        assert!(registry.is_empty());
    }

    #[test]
    fn a_skill_that_stops_loading_keeps_its_last_good_entry() {
        let root = tempfile::tempdir().unwrap();
        write_skill(root.path(), "alpha", "A");
        let registry = SkillRegistry::new();
        registry.add_root(root.path());
        let good = registry.get("alpha").unwrap();

        let file = root.path().join("alpha").join(SKILL_FILE);
        std::fs::write(&file, vec![b'a'; 2 * 1024 * 1024]).unwrap();
        let changes = registry.reload();
        assert_eq!(changes.failed.len(), 1, "{changes:?}");
        assert!(changes.removed.is_empty(), "{changes:?}");
        assert!(Arc::ptr_eq(&good, &registry.get("alpha").unwrap()));
        // Still failing: reported again, still kept.
        assert_eq!(registry.reload().failed.len(), 1);
        assert_eq!(registry.names(), ["alpha"]);

        write_skill(root.path(), "alpha", "A, fixed");
        let changes = registry.reload();
        assert_eq!(changes.updated, ["alpha"]);
        assert_eq!(
            registry.get("alpha").unwrap().description(),
            Some("A, fixed")
        );
    }

    #[test]
    fn registered_folders_win_over_roots() {
        let root = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        write_skill(root.path(), "alpha", "from root");
        write_skill(other.path(), "alpha", "registered");
        let registry = SkillRegistry::new();
        registry.add_root(root.path());
        let changes = registry.register(other.path().join("alpha"));
        assert_eq!(changes.updated, ["alpha"]);
        assert_eq!(
            registry.get("alpha").unwrap().description(),
            Some("registered")
        );
        assert_eq!(registry.len(), 1);
    }
}
