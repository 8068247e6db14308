//! [`Skill`]: one skill folder, loaded progressively.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use super::error::SkillError;
use super::files::{MAX_FILE_BYTES, SKILL_FILE, open_regular, read_skill_file, read_text, walk};
use super::front_matter::FrontMatter;
use super::links::file_links;
use super::skill_md::Analysis;
use super::split::Delimiters;
use super::yaml::YamlOutcome;

/// One skill folder, loaded progressively: [`Skill::load`] reads only the
/// front matter of `SKILL.md` (name, description, allowed tools); the body
/// and the reference files are read when first asked for, then cached.
///
/// Loading follows the CLI: front matter it cannot read leaves every field
/// empty rather than failing (run a [`SkillValidator`](super::SkillValidator)
/// to find out why).
///
/// ```
/// use claude_agent_sdk::skills::Skill;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let dir = tempfile::tempdir()?;
/// let folder = dir.path().join("greet");
/// std::fs::create_dir(&folder)?;
/// std::fs::write(folder.join("SKILL.md"),
///     "---\nname: greet\ndescription: Greets people.\n---\nSay hello. See [tone](tone.md).\n")?;
/// std::fs::write(folder.join("tone.md"), "Warm, brief.")?;
///
/// let skill = Skill::load(&folder)?;
/// assert_eq!(skill.description(), Some("Greets people."));
/// assert!(!skill.is_body_loaded());
/// assert!(skill.body()?.starts_with("Say hello."));
/// assert_eq!(skill.references()?, ["tone.md"]);
/// assert_eq!(&*skill.reference("tone.md")?, "Warm, brief.");
/// assert!(skill.reference("../elsewhere.txt").is_err());
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Skill {
    dir: PathBuf,
    name: String,
    front_matter: FrontMatter,
    body: Mutex<Option<Arc<str>>>,
    references: Mutex<BTreeMap<PathBuf, Arc<str>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Skill {
    /// Reads the front matter of `<dir>/SKILL.md`, and nothing more.
    ///
    /// # Errors
    ///
    /// [`SkillError::FrontMatterTooComplex`] when the front matter is larger
    /// or nests deeper than the SDK parses. Otherwise, when the folder has
    /// no `SKILL.md`, or it cannot be read, is not a regular file ([`SkillError::NotAFile`]: a named pipe is refused,
    /// never opened) or is larger than
    /// [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES).
    pub fn load(dir: impl AsRef<Path>) -> Result<Self, SkillError> {
        let dir = dir.as_ref().to_owned();
        let file = dir.join(SKILL_FILE);
        let head = read_front_matter(&file)?;
        let analysis = Analysis::of(&head);
        let front_matter = match analysis.yaml {
            Some(YamlOutcome::Mapping(_) | YamlOutcome::Forgiven { .. }) => analysis.front_matter,
            Some(YamlOutcome::Refused { line, limit }) => {
                return Err(SkillError::FrontMatterTooComplex {
                    line: Some(line),
                    limit,
                });
            }
            _ => FrontMatter::default(),
        };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Self {
            dir,
            name,
            front_matter,
            body: Mutex::new(None),
            references: Mutex::new(BTreeMap::new()),
        })
    }

    /// The skill's name as the CLI invokes it: its folder name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name the CLI lists it under: the front matter's `name`, or the
    /// folder name.
    #[must_use]
    pub fn display_name(&self) -> &str {
        self.front_matter.name.as_deref().unwrap_or(&self.name)
    }

    /// The front matter's `description`.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.front_matter.description.as_deref()
    }

    /// The front matter.
    #[must_use]
    pub fn front_matter(&self) -> &FrontMatter {
        &self.front_matter
    }

    /// The skill folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The `SKILL.md` file.
    #[must_use]
    pub fn skill_file(&self) -> PathBuf {
        self.dir.join(SKILL_FILE)
    }

    /// The body of `SKILL.md`: read on the first call, then cached.
    ///
    /// # Errors
    ///
    /// When `SKILL.md` can no longer be read.
    pub fn body(&self) -> Result<Arc<str>, SkillError> {
        let mut cached = lock(&self.body);
        if let Some(body) = &*cached {
            return Ok(body.clone());
        }
        let text = read_skill_file(&self.skill_file())?;
        let body: Arc<str> = Arc::from(Analysis::of(&text).body);
        *cached = Some(body.clone());
        Ok(body)
    }

    /// Whether the body has been read.
    #[must_use]
    pub fn is_body_loaded(&self) -> bool {
        lock(&self.body).is_some()
    }

    /// The files the body links to: relative paths inside the skill folder,
    /// normalized (`./a/../b.md` is `b.md`), in order, without duplicates.
    /// Reads the body if needed.
    ///
    /// # Errors
    ///
    /// When `SKILL.md` can no longer be read.
    pub fn references(&self) -> Result<Vec<String>, SkillError> {
        let body = self.body()?;
        let mut seen = std::collections::BTreeSet::new();
        Ok(file_links(&body, 1)
            .into_iter()
            .filter_map(|link| inside_path(&link.target).ok())
            .map(|path| {
                path.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .filter(|target| seen.insert(target.clone()))
            .collect())
    }

    /// Every file in the skill folder but `SKILL.md`, as relative paths
    /// (links are listed, not followed).
    #[must_use]
    pub fn files(&self) -> Vec<PathBuf> {
        walk(&self.dir)
            .entries
            .into_iter()
            .map(|entry| entry.relative)
            .filter(|path| path != Path::new(SKILL_FILE))
            .collect()
    }

    /// A file of the skill, by its path relative to the skill folder: read
    /// on the first call, then cached.
    ///
    /// # Errors
    ///
    /// [`SkillError::OutsideSkill`] for a path that leaves the folder (with
    /// `..`, as an absolute path, or through a link),
    /// [`SkillError::NotAFile`] for a named pipe, socket or device, and I/O
    /// errors.
    pub fn reference(&self, path: &str) -> Result<Arc<str>, SkillError> {
        let relative = inside_path(path)?;
        if let Some(text) = lock(&self.references).get(&relative) {
            return Ok(text.clone());
        }
        let full = self.dir.join(&relative);
        let root = std::fs::canonicalize(&self.dir).map_err(|e| SkillError::io(&self.dir, e))?;
        let resolved = std::fs::canonicalize(&full).map_err(|e| SkillError::io(&full, e))?;
        if !resolved.starts_with(&root) {
            return Err(SkillError::OutsideSkill {
                path: path.to_owned(),
            });
        }
        let text: Arc<str> = Arc::from(read_text(&resolved)?);
        lock(&self.references).insert(relative, text.clone());
        Ok(text)
    }

    /// The reference files read so far.
    #[must_use]
    pub fn loaded_references(&self) -> Vec<PathBuf> {
        lock(&self.references).keys().cloned().collect()
    }
}

/// A relative path that stays inside the folder, normalized.
fn inside_path(path: &str) -> Result<PathBuf, SkillError> {
    let outside = || SkillError::OutsideSkill {
        path: path.to_owned(),
    };
    let mut normal = PathBuf::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => normal.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    return Err(outside());
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(outside()),
        }
    }
    if normal.as_os_str().is_empty() {
        return Err(outside());
    }
    Ok(normal)
}

/// The start of `SKILL.md`, up to the end of its front matter.
fn read_front_matter(file: &Path) -> Result<String, SkillError> {
    let (handle, meta) = match open_regular(file) {
        Ok(opened) => opened,
        Err(SkillError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Err(SkillError::MissingSkillFile(
                file.parent().unwrap_or(file).to_owned(),
            ));
        }
        Err(e) => return Err(e),
    };
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(SkillError::TooLarge {
            path: file.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut reader = BufReader::new(handle.take(MAX_FILE_BYTES));
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let read = reader
            .read_until(b'\n', &mut head)
            .map_err(|e| SkillError::io(file, e))?;
        if read == 0 {
            break;
        }
        let line = &head[before..];
        if before == 0 && !line.starts_with(b"---") && !line.starts_with("\u{feff}---".as_bytes()) {
            break;
        }
        if before > 0 && line.windows(3).any(|w| w == b"---") {
            let text = String::from_utf8_lossy(&head);
            if matches!(
                super::split::split(&text).delimiters,
                Delimiters::Closed | Delimiters::Ambiguous { .. }
            ) {
                break;
            }
        }
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(text: &str) -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("demo");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join(SKILL_FILE), text).unwrap();
        (root, dir)
    }

    #[test]
    fn only_the_front_matter_is_read_first() {
        let (_root, dir) = folder("---\nname: demo\ndescription: d\n---\nBODY\n");
        assert_eq!(
            read_front_matter(&dir.join(SKILL_FILE)).unwrap(),
            "---\nname: demo\ndescription: d\n---\n"
        );
        let skill = Skill::load(&dir).unwrap();
        // The body changes on disk before it is read: the new body is seen,
        // and then cached.
        std::fs::write(dir.join(SKILL_FILE), "---\nname: demo\n---\nNEW BODY\n").unwrap();
        assert_eq!(skill.description(), Some("d"));
        assert_eq!(&*skill.body().unwrap(), "NEW BODY\n");
        std::fs::write(dir.join(SKILL_FILE), "---\nname: demo\n---\nNEWER\n").unwrap();
        assert_eq!(&*skill.body().unwrap(), "NEW BODY\n");
    }

    #[test]
    fn references_are_cached_and_confined() {
        let (root, dir) = folder("---\nname: demo\n---\n[a](docs/a.md) [a again](./docs/a.md)\n");
        std::fs::create_dir(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/a.md"), "A").unwrap();
        std::fs::write(root.path().join("outside.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.path().join("outside.txt"), dir.join("link.txt")).unwrap();
        let skill = Skill::load(&dir).unwrap();
        assert_eq!(skill.references().unwrap(), ["docs/a.md"]);
        assert_eq!(&*skill.reference("./docs/a.md").unwrap(), "A");
        std::fs::write(dir.join("docs/a.md"), "changed").unwrap();
        assert_eq!(&*skill.reference("docs/a.md").unwrap(), "A", "cached");
        assert_eq!(skill.loaded_references(), [PathBuf::from("docs/a.md")]);
        for bad in [
            "../outside.txt",
            "/etc/hostname",
            "",
            "docs/../../outside.txt",
        ] {
            assert!(
                matches!(skill.reference(bad), Err(SkillError::OutsideSkill { .. })),
                "{bad}"
            );
        }
        #[cfg(unix)]
        assert!(matches!(
            skill.reference("link.txt"),
            Err(SkillError::OutsideSkill { .. })
        ));
        assert!(matches!(
            skill.reference("nope.md"),
            Err(SkillError::Io { .. })
        ));
        let files = skill.files();
        assert!(files.contains(&PathBuf::from("docs/a.md")));
        assert!(!files.contains(&PathBuf::from(SKILL_FILE)));
    }

    #[test]
    fn unreadable_front_matter_loads_empty_like_the_cli() {
        let (_root, dir) = folder("---\nname: x\ndescription: a: b: c\n  - x\n ]]\n---\nbody\n");
        let skill = Skill::load(&dir).unwrap();
        assert_eq!(skill.description(), None);
        assert_eq!(skill.display_name(), "demo");
        assert_eq!(skill.name(), "demo");
    }

    #[test]
    fn files_without_front_matter_or_without_end() {
        let (_root, dir) = folder("Plain body\nmore\n");
        let skill = Skill::load(&dir).unwrap();
        assert!(skill.front_matter().name.is_none());
        assert_eq!(&*skill.body().unwrap(), "Plain body\nmore\n");
        let (_root2, dir2) = folder("---\nname: open\n");
        let skill = Skill::load(&dir2).unwrap();
        assert!(skill.front_matter().name.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_skill_file_is_refused_without_blocking() {
        use crate::skills::test_support::{make_fifo, returns};
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("demo");
        std::fs::create_dir(&dir).unwrap();
        make_fifo(&dir.join(SKILL_FILE));
        let loaded = returns("Skill::load of a FIFO SKILL.md", move || Skill::load(&dir));
        assert!(
            matches!(loaded, Err(SkillError::NotAFile { kind, .. }) if kind.contains("FIFO")),
            "{loaded:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_in_the_folder_are_refused_without_blocking() {
        use crate::skills::test_support::{make_fifo, make_socket, returns};
        let (_root, dir) = folder("---\nname: demo\n---\n[pipe](pipe.md)\n");
        make_fifo(&dir.join("pipe.md"));
        make_socket(&dir.join("sock.md"));
        let skill = Skill::load(&dir).unwrap();
        let results = returns("Skill::reference of a FIFO", move || {
            (skill.reference("pipe.md"), skill.reference("sock.md"))
        });
        assert!(
            matches!(results.0, Err(SkillError::NotAFile { .. })),
            "{results:?}"
        );
        assert!(
            matches!(
                results.1,
                Err(SkillError::NotAFile {
                    kind: "a socket",
                    ..
                })
            ),
            "{results:?}"
        );
    }

    #[test]
    fn a_deeply_nested_front_matter_is_an_error_not_a_hang() {
        use crate::skills::test_support::returns;
        let (_root, dir) = folder(&format!(
            "---\nname: demo\ndescription: {}{}\n---\nbody\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ));
        let loaded = returns("Skill::load of 100k nested lists", move || {
            Skill::load(&dir)
        });
        assert!(
            matches!(loaded, Err(SkillError::FrontMatterTooComplex { .. })),
            "{loaded:?}"
        );
    }

    #[test]
    fn a_missing_skill_file_is_an_error() {
        let root = tempfile::tempdir().unwrap();
        assert!(matches!(
            Skill::load(root.path()),
            Err(SkillError::MissingSkillFile(_))
        ));
    }
}
