//! Secrets given in `env` never appear in `Debug` output, errors or tracing
//! output.

use std::io::Write;
use std::sync::{Arc, Mutex};

use claude_agent_sdk::{ClaudeClient, query};
use claude_agent_sdk_e2e::Harness;
use tracing_subscriber::fmt::MakeWriter;

const SECRET: &str = "sk-ant-api03-THIS-IS-A-SECRET-VALUE";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn env_secrets_stay_out_of_debug_errors_and_traces() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let h = Harness::new().await;
    let options = h
        .options()
        .env("MY_SERVICE_TOKEN", SECRET)
        .allowed_tools(["Bash"])
        .build();
    assert!(!format!("{options:?}").contains(SECRET));
    assert!(!format!("{:?}", ClaudeClient::new(options.clone())).contains(SECRET));

    // The secret really reaches the CLI's environment...
    let messages = query(
        r#"CALL Bash {"command":"test \"$MY_SERVICE_TOKEN\" = sk-ant-api03-THIS-IS-A-SECRET-VALUE && echo present","description":"check"}"#,
        options.clone(),
    )
    .await
    .unwrap();
    let result = claude_agent_sdk::messages::last_result(&messages).unwrap();
    assert_eq!(result.result(), Some("DONE present"));

    // ...but not the errors...
    let failing = options
        .to_builder()
        .extra_arg("not-a-real-flag", None)
        .build();
    let err = query("SAY x", failing).await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains(SECRET));

    // ...nor the traces, at every level.
    let traces = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        traces.contains("starting the Claude Code CLI"),
        "tracing is on"
    );
    assert!(
        traces.contains("MY_SERVICE_TOKEN"),
        "the variable's name may show"
    );
    assert!(
        !traces.contains(SECRET),
        "the secret leaked into the traces"
    );
}
