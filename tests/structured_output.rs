//! `query_typed`: the schema of a Rust type as the output format, and the
//! answer decoded into it, against the real CLI.

use claude_agent_sdk::testing::Turn;
use claude_agent_sdk::{ClaudeClient, Error, Message, query_typed};
use claude_agent_sdk_e2e::Harness;
use futures::StreamExt;
use schemars::JsonSchema;
use serde::Deserialize;

/// A country and its capital.
#[derive(Debug, PartialEq, Deserialize, JsonSchema)]
struct Capital {
    /// The country.
    country: String,
    /// Its capital.
    city: String,
    /// How many people live there, if known.
    population: Option<u64>,
}

#[tokio::test]
async fn query_typed_returns_the_struct_and_sends_its_schema() {
    let h = Harness::new().await;
    let capital: Capital = query_typed(
        r#"CALL StructuredOutput {"country":"France","city":"Paris","population":2100000}"#,
        h.options().build(),
    )
    .await
    .unwrap();
    assert_eq!(
        capital,
        Capital {
            country: "France".into(),
            city: "Paris".into(),
            population: Some(2_100_000),
        }
    );
    // The CLI turned the schema into the StructuredOutput tool it offered.
    let requests = h.model.requests();
    let tool = requests[0]
        .tools()
        .into_iter()
        .find(|t| t.name == "StructuredOutput")
        .expect("the StructuredOutput tool");
    assert_eq!(
        tool.input_schema["required"],
        serde_json::json!(["country", "city"])
    );
    assert_eq!(
        tool.input_schema["properties"]["city"]["description"],
        "Its capital."
    );
}

#[tokio::test]
async fn a_model_that_gives_up_is_a_typed_error() {
    let h = Harness::new().await;
    for _ in 0..12 {
        h.model.push(Turn::tool_use(
            "StructuredOutput",
            serde_json::json!({"country": "France"}),
        ));
    }
    let outcome = query_typed::<Capital>("capital of France?", h.options().build()).await;
    match outcome {
        Err(Error::StructuredOutput { message, raw: None }) => {
            assert!(
                message.contains("error_max_structured_output_retries"),
                "{message}"
            );
            // The CLI's own reason is kept.
            assert!(
                message.contains("must have required property 'city'"),
                "{message}"
            );
        }
        other => panic!("expected a structured-output error, got {other:?}"),
    }
    // The CLI retried before giving up; the unused turns were never asked for.
    assert!(h.model.pending_turns() > 0);
}

#[tokio::test]
async fn an_answer_without_structured_output_is_a_typed_error() {
    let h = Harness::new().await;
    let outcome = query_typed::<Capital>("SAY Paris, I think", h.options().build()).await;
    match outcome {
        Err(Error::StructuredOutput { message, raw: None }) => {
            assert!(message.contains("no structured output"), "{message}");
        }
        other => panic!("expected a structured-output error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_client_decodes_each_turn_with_the_output_type() {
    let h = Harness::new().await;
    let options = h.options().output_type::<Capital>().unwrap().build();
    let mut client = ClaudeClient::new(options);
    client.connect().await.unwrap();
    let mut capitals = Vec::new();
    for (country, city) in [("France", "Paris"), ("Italy", "Rome")] {
        client
            .query(format!(
                r#"CALL StructuredOutput {{"country":"{country}","city":"{city}"}}"#
            ))
            .await
            .unwrap();
        let mut turn = client.receive_response();
        while let Some(message) = turn.next().await {
            if let Message::Result(result) = message.unwrap() {
                capitals.push(result.typed_output::<Capital>().unwrap());
            }
        }
    }
    client.disconnect().await.unwrap();
    let cities: Vec<&str> = capitals.iter().map(|c| c.city.as_str()).collect();
    assert_eq!(cities, ["Paris", "Rome"]);
}
