//! Runs the SDK's scripted model server until killed, for benchmarks:
//! prints `PORT=<port>` once listening.

use claude_agent_sdk::testing::ScriptedModel;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let model = ScriptedModel::start().await?;
    println!("PORT={}", model.local_addr().port());
    tokio::signal::ctrl_c().await?;
    model.shutdown().await;
    Ok(())
}
