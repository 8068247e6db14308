//! Installing the CLI with npm into a directory the caller chooses.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::discover::EXECUTABLE;
use super::version::CliVersion;
use crate::error::{Error, Result};

/// The npm package of the Claude Code CLI.
pub const NPM_PACKAGE: &str = "@anthropic-ai/claude-code";

/// Installs `@anthropic-ai/claude-code@<version>` into `dir` with npm and
/// returns the path of the `claude` executable.
///
/// This is the only function of the SDK that touches the network, and only
/// when called. It is idempotent: if `dir` already holds that exact version,
/// nothing is downloaded. Concurrent calls (from several threads or
/// processes, e.g. parallel test binaries) are serialised with a lock file in
/// `dir`. Progress is reported through `tracing` (target
/// `claude_agent_sdk::cli::install`); see [`install_with_progress`] to show
/// it yourself. npm's own error output goes to stderr.
///
/// The version must be exact (`2.1.330`): a tag such as `latest` or a range
/// is refused before anything is downloaded, since the SDK checks that the
/// exact version it asked for is the one installed.
///
/// ```no_run
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// use claude_agent_sdk::cli;
/// let claude = cli::install(cli::PINNED_VERSION, "target/claude-cli".as_ref()).await?;
/// println!("installed {}", claude.display());
/// # Ok(()) }
/// ```
pub async fn install(version: &str, dir: &Path) -> Result<PathBuf> {
    install_with_progress(version, dir, |_| {}).await
}

/// What an install is doing, for [`install_with_progress`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InstallEvent {
    /// Another process (or thread) is installing into the same directory;
    /// this one waits for it.
    WaitingForLock {
        /// The install directory.
        dir: PathBuf,
    },
    /// npm is downloading the CLI (about 10 s and 400 MB on a first run).
    Downloading {
        /// The version being installed.
        version: String,
        /// The install directory.
        dir: PathBuf,
    },
    /// The CLI is installed.
    Installed {
        /// The installed executable.
        path: PathBuf,
        /// How long npm took.
        took: std::time::Duration,
    },
}

/// Like [`install`], calling `on_event` as the install progresses (nothing is
/// reported when `dir` already holds the version).
///
/// ```no_run
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// use claude_agent_sdk::cli::{self, InstallEvent};
/// let claude = cli::install_with_progress(cli::PINNED_VERSION, "target/claude-cli".as_ref(), |event| {
///     if let InstallEvent::Downloading { version, .. } = event {
///         eprintln!("installing the Claude Code CLI {version} with npm...");
///     }
/// })
/// .await?;
/// # Ok(()) }
/// ```
pub async fn install_with_progress(
    version: &str,
    dir: &Path,
    on_event: impl Fn(&InstallEvent) + Send + 'static,
) -> Result<PathBuf> {
    let version = version.to_owned();
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || install_blocking_with(&version, &dir, &on_event))
        .await
        .map_err(|e| Error::Install {
            version: String::new(),
            dir: PathBuf::new(),
            reason: format!("the install task failed: {e}"),
        })?
}

/// The blocking form of [`install`], for build scripts and synchronous code.
pub fn install_blocking(version: &str, dir: &Path) -> Result<PathBuf> {
    install_blocking_with(version, dir, &|_| {})
}

fn install_blocking_with(
    version: &str,
    dir: &Path,
    on_event: &dyn Fn(&InstallEvent),
) -> Result<PathBuf> {
    let report = |event: InstallEvent| {
        match &event {
            InstallEvent::WaitingForLock { dir } => tracing::info!(
                target: "claude_agent_sdk::cli::install",
                dir = %dir.display(),
                "waiting for another process installing the Claude Code CLI here"
            ),
            InstallEvent::Downloading { version, dir } => tracing::info!(
                target: "claude_agent_sdk::cli::install",
                %version,
                dir = %dir.display(),
                "installing {NPM_PACKAGE} with npm (about 10 s, ~400 MB)"
            ),
            InstallEvent::Installed { path, took } => tracing::info!(
                target: "claude_agent_sdk::cli::install",
                path = %path.display(),
                ?took,
                "installed the Claude Code CLI"
            ),
        }
        on_event(&event);
    };
    let fail = |reason: String| Error::Install {
        version: version.to_owned(),
        dir: dir.to_path_buf(),
        reason,
    };
    let exact = version.starts_with(|c: char| c.is_ascii_digit())
        && !version.contains(char::is_whitespace)
        && super::CliVersion::parse(version).is_some();
    if !exact {
        return Err(fail(format!(
            "not an exact version: {version:?} (expected e.g. {})",
            super::PINNED_VERSION
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot create the directory: {e}")))?;
    let lock = File::create(dir.join(".claude-agent-sdk-install.lock"))
        .map_err(|e| fail(format!("cannot create the lock file: {e}")))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            report(InstallEvent::WaitingForLock {
                dir: dir.to_path_buf(),
            });
            lock.lock()
                .map_err(|e| fail(format!("cannot lock the install directory: {e}")))?;
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(fail(format!("cannot lock the install directory: {e}")));
        }
    }

    let executable = dir.join("node_modules/.bin").join(EXECUTABLE);
    if installed_version(dir).as_deref() == Some(version) && executable.exists() {
        return Ok(executable);
    }

    report(InstallEvent::Downloading {
        version: version.to_owned(),
        dir: dir.to_path_buf(),
    });
    let started = Instant::now();
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let status = Command::new(npm)
        .arg("install")
        .arg("--prefix")
        .arg(dir)
        .args(["--no-audit", "--no-fund", "--loglevel=error"])
        .arg(format!("{NPM_PACKAGE}@{version}"))
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .status()
        .map_err(|e| {
            fail(format!(
                "could not run npm ({e}); install Node.js and npm, or install the CLI yourself \
                 with `npm install -g {NPM_PACKAGE}`"
            ))
        })?;
    if !status.success() {
        return Err(fail(format!("npm exited with {status}")));
    }
    if !executable.exists() {
        return Err(fail(format!(
            "npm finished but {} does not exist",
            executable.display()
        )));
    }
    match installed_version(dir) {
        Some(found) if found == version => {}
        other => {
            return Err(fail(format!(
                "npm installed version {other:?} instead of {version}"
            )));
        }
    }
    report(InstallEvent::Installed {
        path: executable.clone(),
        took: started.elapsed(),
    });
    Ok(executable)
}

fn installed_version(dir: &Path) -> Option<String> {
    let manifest = dir
        .join("node_modules")
        .join(NPM_PACKAGE)
        .join("package.json");
    let text = std::fs::read_to_string(manifest).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let version = json.get("version")?.as_str()?;
    CliVersion::parse(version)?;
    Some(version.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_anything_but_an_exact_version() {
        let dir = tempfile::tempdir().unwrap();
        for bad in [
            "--global",
            "latest",
            "^2.1.0",
            "2.1",
            "v2.1.330",
            "2.1.330 --global",
        ] {
            let err = install_blocking(bad, dir.path()).unwrap_err();
            assert!(
                err.to_string().contains("not an exact version"),
                "{bad}: {err}"
            );
        }
    }

    /// A directory that already holds CLI 2.1.330.
    fn installed_here() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("node_modules").join(NPM_PACKAGE);
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(
            pkg.join("package.json"),
            r#"{"name":"@anthropic-ai/claude-code","version":"2.1.330"}"#,
        )
        .unwrap();
        let bin = dir.path().join("node_modules/.bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::write(bin.join(EXECUTABLE), "").unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn waiting_for_another_install_is_reported_and_a_done_install_is_silent() {
        let dir = installed_here();
        let held = File::create(dir.path().join(".claude-agent-sdk-install.lock")).unwrap();
        held.lock().unwrap();
        let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = events.clone();
        let path = dir.path().to_path_buf();
        let installer = std::thread::spawn(move || {
            install_blocking_with("2.1.330", &path, &|event| {
                seen.lock().unwrap().push(event.clone());
            })
        });
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        while events.lock().unwrap().is_empty() && Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        held.unlock().unwrap();
        installer.join().unwrap().unwrap();
        let events = events.lock().unwrap().clone();
        assert_eq!(
            events,
            [InstallEvent::WaitingForLock {
                dir: dir.path().to_path_buf()
            }],
            "an existing install downloads nothing and says nothing more"
        );
    }

    #[cfg(unix)]
    #[test]
    fn existing_install_is_reused_without_npm() {
        let dir = installed_here();
        let path = install_blocking("2.1.330", dir.path()).unwrap();
        assert_eq!(path, dir.path().join("node_modules/.bin").join(EXECUTABLE));
    }
}
