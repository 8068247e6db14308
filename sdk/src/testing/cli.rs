//! The CLI for tests: `CLAUDE_CLI_PATH`, or the pinned version installed
//! once into the cargo target directory.

use std::path::{Path, PathBuf};

use crate::cli;
use crate::error::{Error, Result};

/// The variable that names a CLI to test against.
pub const CLI_PATH_VAR: &str = "CLAUDE_CLI_PATH";

/// The CLI to test against: `$CLAUDE_CLI_PATH` if set, else the pinned
/// version ([`cli::PINNED_VERSION`]) installed with npm into
/// `<target dir>/claude-cli/<version>` the first time (later calls, from any
/// test binary, reuse it; concurrent installs wait for each other).
///
/// ```no_run
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let claude = claude_agent_sdk::testing::cli_path().await?;
/// # Ok(()) }
/// ```
pub async fn cli_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(CLI_PATH_VAR).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return cli::find(Some(&path), None);
    }
    cli_path_for_version(cli::PINNED_VERSION).await
}

/// A specific CLI version, installed once into
/// `<target dir>/claude-cli/<version>`.
pub async fn cli_path_for_version(version: &str) -> Result<PathBuf> {
    let dir = install_root()?.join(version);
    cli::install(version, &dir).await
}

/// Like [`cli_path`], calling `on_event` while the pinned version is
/// installed (nothing when it already is, or with `$CLAUDE_CLI_PATH`).
pub async fn cli_path_with_progress(
    on_event: impl Fn(&cli::InstallEvent) + Send + 'static,
) -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(CLI_PATH_VAR).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return cli::find(Some(&path), None);
    }
    let dir = install_root()?.join(cli::PINNED_VERSION);
    cli::install_with_progress(cli::PINNED_VERSION, &dir, on_event).await
}

/// `<target dir>/claude-cli`: the cargo target directory is found from the
/// running executable (cargo marks it with `CACHEDIR.TAG`), or
/// `CARGO_TARGET_DIR`.
fn install_root() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        return Ok(absolute(Path::new(&dir)).join("claude-cli"));
    }
    let exe = std::env::current_exe().map_err(Error::Io)?;
    exe.ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .map(|dir| dir.join("claude-cli"))
        .ok_or_else(|| {
            Error::Io(std::io::Error::other(format!(
                "cannot find the cargo target directory above {}; set {CLI_PATH_VAR} or CARGO_TARGET_DIR",
                exe.display()
            )))
        })
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}
