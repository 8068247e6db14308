//! Finding the Claude Code CLI on this machine.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The name of the CLI executable.
#[cfg(not(windows))]
pub(crate) const EXECUTABLE: &str = "claude";
/// The name of the CLI executable.
#[cfg(windows)]
pub(crate) const EXECUTABLE: &str = "claude.exe";

/// Finds the Claude Code CLI.
///
/// The search order is:
/// 1. `explicit` (the `cli_path` option), which must exist if given;
/// 2. every directory on `PATH`;
/// 3. the usual install locations: `~/.claude/local/claude`, the npm global
///    prefix (`$NPM_CONFIG_PREFIX/bin`, the directory of `node` on `PATH`,
///    `~/.npm-global/bin`), `/usr/local/bin`, `~/.local/bin`,
///    `~/node_modules/.bin`, `~/.yarn/bin`;
/// 4. `node_modules/.bin/claude` in `start_dir` and each of its parents.
///
/// Nothing is downloaded: when nothing is found the error says how to install
/// the CLI (or use [`install`](super::install)).
///
/// ```no_run
/// let path = claude_agent_sdk::cli::find(None, None)?;
/// println!("using {}", path.display());
/// # Ok::<(), claude_agent_sdk::Error>(())
/// ```
pub fn find(explicit: Option<&Path>, start_dir: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        if is_executable(path) {
            return Ok(path.to_path_buf());
        }
        return Err(Error::CliNotFound {
            searched: vec![path.to_path_buf()],
        });
    }
    let candidates = candidates(start_dir);
    for candidate in &candidates {
        if is_executable(candidate) {
            return Ok(candidate.clone());
        }
    }
    Err(Error::CliNotFound {
        searched: candidates,
    })
}

fn candidates(start_dir: Option<&Path>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let path_dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    out.extend(
        path_dirs
            .iter()
            .filter(|d| d.is_absolute())
            .map(|d| d.join(EXECUTABLE)),
    );

    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(home) = &home {
        out.push(home.join(".claude/local").join(EXECUTABLE));
    }
    for var in ["NPM_CONFIG_PREFIX", "npm_config_prefix"] {
        if let Some(prefix) = std::env::var_os(var) {
            out.push(PathBuf::from(prefix).join("bin").join(EXECUTABLE));
        }
    }
    // npm installs global binaries next to `node`.
    for dir in &path_dirs {
        if is_executable(&dir.join("node")) {
            out.push(dir.join(EXECUTABLE));
        }
    }
    if let Some(home) = &home {
        out.push(home.join(".npm-global/bin").join(EXECUTABLE));
    }
    out.push(PathBuf::from("/usr/local/bin").join(EXECUTABLE));
    if let Some(home) = &home {
        out.push(home.join(".local/bin").join(EXECUTABLE));
        out.push(home.join("node_modules/.bin").join(EXECUTABLE));
        out.push(home.join(".yarn/bin").join(EXECUTABLE));
    }
    let start = start_dir
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok());
    if let Some(start) = start {
        for dir in start.ancestors() {
            out.push(dir.join("node_modules/.bin").join(EXECUTABLE));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    out
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path)
        .map(|m| m.is_file())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_path_must_exist() {
        let err = find(Some(Path::new("/definitely/not/here/claude")), None).unwrap_err();
        match err {
            Error::CliNotFound { searched } => {
                assert_eq!(searched, vec![PathBuf::from("/definitely/not/here/claude")]);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn finds_node_modules_bin_up_from_start_dir() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("node_modules/.bin");
        std::fs::create_dir_all(&bin).unwrap();
        let exe = bin.join(EXECUTABLE);
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let nested = dir.path().join("a/b/c");
        std::fs::create_dir_all(&nested).unwrap();
        assert!(candidates(Some(&nested)).contains(&exe));
    }

    #[cfg(unix)]
    #[test]
    fn non_executable_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("claude");
        std::fs::write(&file, "").unwrap();
        assert!(!is_executable(&file));
        assert!(!is_executable(dir.path()));
    }
}
