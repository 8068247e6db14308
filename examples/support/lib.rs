//! Shared set-up for the examples: the public [`Backend`] of the SDK's
//! `testing` feature (Claude when `ANTHROPIC_API_KEY` is set, the scripted
//! model server otherwise), with the CLI's install shown as it happens.

pub mod calculator;
pub mod calculator_demo;

use claude_agent_sdk::cli::InstallEvent;
pub use claude_agent_sdk::testing::Backend;

/// Starts the examples' backend, printing what it picked (and, the first
/// time, the CLI's install) on stderr.
pub async fn backend() -> anyhow::Result<Backend> {
    let backend = Backend::start_with_progress(|event| match event {
        InstallEvent::WaitingForLock { .. } => {
            eprintln!("Waiting for another process installing the Claude Code CLI ...");
        }
        InstallEvent::Downloading { version, dir } => eprintln!(
            "No Claude Code CLI on this machine: installing the tested version {version} into {} \
             with npm (about 10 s, once) ...",
            dir.display()
        ),
        InstallEvent::Installed { took, .. } => {
            eprintln!("Installed in {:.1} s.", took.as_secs_f64());
        }
        _ => {}
    })
    .await?;
    eprintln!("{}", backend.describe());
    Ok(backend)
}
