//! Helpers shared by the skills unit tests.

use std::path::Path;

use super::SKILL_FILE;

/// Writes the skill `<root>/<name>/SKILL.md` with this name and
/// description and the body `Body of <name>.`.
pub(super) fn write_skill(root: &Path, name: &str, description: &str) {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(SKILL_FILE),
        format!("---\nname: {name}\ndescription: {description}\n---\nBody of {name}.\n"),
    )
    .unwrap();
}
