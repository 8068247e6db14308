//! Finding, checking and installing the Claude Code CLI.
//!
//! The SDK drives the `claude` executable of the npm package
//! `@anthropic-ai/claude-code`. [`find`] looks for it the way the official
//! SDKs do; [`version`] reads its version once per path; [`install`]
//! installs an exact version with npm into a directory of your choice (the
//! library never downloads anything on its own).

mod discover;
mod install;
mod version;

pub use discover::find;
pub use install::{InstallEvent, NPM_PACKAGE, install, install_blocking, install_with_progress};
pub use version::{CliVersion, MINIMUM_VERSION, PINNED_VERSION, check_supported, version};
