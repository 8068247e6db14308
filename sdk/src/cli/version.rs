//! CLI versions: parsing, the supported range, and a per-path cache.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use crate::error::{Error, Result};

/// A Claude Code CLI version, such as `2.1.330`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CliVersion {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Patch version.
    pub patch: u32,
}

impl CliVersion {
    /// A version from its three parts.
    #[must_use]
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }

    /// Parses the output of `claude --version` (`2.1.330 (Claude Code)`) or a
    /// bare version string.
    pub fn parse(text: &str) -> Option<Self> {
        let token = text.split_whitespace().next()?;
        let token = token.trim_start_matches('v');
        let core = token.split(['-', '+']).next()?;
        let mut parts = core.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let patch = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Some(Self::new(major, minor, patch))
    }
}

impl fmt::Display for CliVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for CliVersion {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Self::parse(s).ok_or_else(|| format!("not a CLI version: {s:?}"))
    }
}

/// The oldest CLI version this SDK supports.
pub const MINIMUM_VERSION: CliVersion = CliVersion::new(2, 1, 197);

/// The CLI version this SDK is tested against (and that
/// [`install`](super::install) installs by default in tests and examples).
pub const PINNED_VERSION: &str = "2.1.330";

fn cache() -> &'static Mutex<HashMap<PathBuf, CliVersion>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, CliVersion>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The version of the CLI at `path`, read once per path and cached for the
/// life of the process.
///
/// For an npm installation the version is read from the package's
/// `package.json` next to the binary (no process is started); otherwise the
/// CLI is asked with `claude --version`.
pub async fn version(path: &Path) -> Result<CliVersion> {
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Some(found) = cache().lock().expect("version cache poisoned").get(&key) {
        return Ok(*found);
    }
    let found = match version_from_package_json(&key) {
        Some(found) => found,
        None => version_from_cli(path).await?,
    };
    cache()
        .lock()
        .expect("version cache poisoned")
        .insert(key, found);
    Ok(found)
}

/// Checks that the CLI at `path` is recent enough.
pub async fn check_supported(path: &Path) -> Result<CliVersion> {
    let found = version(path).await?;
    if found < MINIMUM_VERSION {
        return Err(Error::CliTooOld {
            path: path.to_path_buf(),
            found,
            minimum: MINIMUM_VERSION,
        });
    }
    Ok(found)
}

/// `node_modules/@anthropic-ai/claude-code/bin/claude.exe` (or `cli.js`) sits
/// two levels below the package's `package.json`.
fn version_from_package_json(resolved: &Path) -> Option<CliVersion> {
    for dir in resolved.ancestors().skip(1).take(3) {
        let manifest = dir.join("package.json");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            return None;
        };
        if json.get("name").and_then(|n| n.as_str()) != Some("@anthropic-ai/claude-code") {
            return None;
        }
        return json
            .get("version")
            .and_then(|v| v.as_str())
            .and_then(CliVersion::parse);
    }
    None
}

async fn version_from_cli(path: &Path) -> Result<CliVersion> {
    let output = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        tokio::process::Command::new(path)
            .arg("--version")
            .env_remove("CLAUDECODE")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .map_err(|_| Error::CliVersion {
        path: path.to_path_buf(),
        reason: "`claude --version` did not answer within 30 s".into(),
    })?
    .map_err(|source| Error::Spawn {
        path: path.to_path_buf(),
        source,
    })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    CliVersion::parse(stdout.trim()).ok_or_else(|| Error::CliVersion {
        path: path.to_path_buf(),
        reason: format!(
            "unexpected output of `--version`: {:?} (stderr: {:?})",
            stdout.trim(),
            String::from_utf8_lossy(&output.stderr).trim()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cli_output() {
        assert_eq!(
            CliVersion::parse("2.1.330 (Claude Code)"),
            Some(CliVersion::new(2, 1, 330))
        );
        assert_eq!(
            CliVersion::parse("2.1.197"),
            Some(CliVersion::new(2, 1, 197))
        );
        assert_eq!(
            CliVersion::parse("v1.0.3-beta.1"),
            Some(CliVersion::new(1, 0, 3))
        );
        assert_eq!(CliVersion::parse("banana"), None);
        assert_eq!(CliVersion::parse(""), None);
        assert_eq!(CliVersion::parse("1.2"), None);
    }

    #[test]
    fn orders_numerically() {
        assert!(CliVersion::new(2, 1, 197) < CliVersion::new(2, 1, 330));
        assert!(CliVersion::new(2, 0, 999) < MINIMUM_VERSION);
        assert!(CliVersion::new(10, 0, 0) > CliVersion::new(9, 99, 99));
    }

    /// An npm install of the CLI package (`package.json` with this
    /// version, and an empty `bin/claude.exe`) in `dir`; returns the binary.
    fn fake_install(dir: &Path, version: &str) -> PathBuf {
        let pkg = dir.join("node_modules/@anthropic-ai/claude-code");
        std::fs::create_dir_all(pkg.join("bin")).unwrap();
        std::fs::write(
            pkg.join("package.json"),
            format!(r#"{{"name":"@anthropic-ai/claude-code","version":"{version}"}}"#),
        )
        .unwrap();
        let bin = pkg.join("bin/claude.exe");
        std::fs::write(&bin, "").unwrap();
        bin
    }

    #[tokio::test]
    async fn versions_older_than_the_minimum_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let bin = fake_install(dir.path(), "2.0.14");
        match check_supported(&bin).await {
            Err(Error::CliTooOld { found, minimum, .. }) => {
                assert_eq!(found, CliVersion::new(2, 0, 14));
                assert_eq!(minimum, MINIMUM_VERSION);
            }
            other => panic!("expected CliTooOld, got {other:?}"),
        }
        let message = check_supported(&bin).await.unwrap_err().to_string();
        assert!(
            message.contains("2.0.14") && message.contains("2.1.197"),
            "{message}"
        );
        assert!(
            message.contains("npm install -g @anthropic-ai/claude-code@latest"),
            "{message}"
        );
    }

    #[test]
    fn reads_package_json_next_to_the_binary() {
        let dir = tempfile::tempdir().unwrap();
        let bin = fake_install(dir.path(), "2.1.330");
        assert_eq!(
            version_from_package_json(&bin),
            Some(CliVersion::new(2, 1, 330))
        );
        std::fs::write(
            dir.path()
                .join("node_modules/@anthropic-ai/claude-code/package.json"),
            r#"{"name":"other","version":"9.9.9"}"#,
        )
        .unwrap();
        assert_eq!(version_from_package_json(&bin), None);
    }
}
