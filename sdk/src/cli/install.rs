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
/// `dir`. npm's progress goes to stderr.
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
    let version = version.to_owned();
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || install_blocking(&version, &dir))
        .await
        .map_err(|e| Error::Install {
            version: String::new(),
            dir: PathBuf::new(),
            reason: format!("the install task failed: {e}"),
        })?
}

/// The blocking form of [`install`], for build scripts and synchronous code.
pub fn install_blocking(version: &str, dir: &Path) -> Result<PathBuf> {
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
    lock.lock()
        .map_err(|e| fail(format!("cannot lock the install directory: {e}")))?;

    let executable = dir.join("node_modules/.bin").join(EXECUTABLE);
    if installed_version(dir).as_deref() == Some(version) && executable.exists() {
        return Ok(executable);
    }

    eprintln!(
        "claude-agent-sdk: installing {NPM_PACKAGE}@{version} into {} with npm (about 10 s, ~400 MB)...",
        dir.display()
    );
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
    eprintln!(
        "claude-agent-sdk: installed {NPM_PACKAGE}@{version} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
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

    #[cfg(unix)]
    #[test]
    fn existing_install_is_reused_without_npm() {
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
        let path = install_blocking("2.1.330", dir.path()).unwrap();
        assert_eq!(path, bin.join(EXECUTABLE));
    }
}
