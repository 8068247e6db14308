//! Typed structured output: Claude's answer as a Rust struct.
//!
//! ```text
//! cargo run --example structured_output
//! ```
//!
//! The JSON schema of `Capital` is sent as the output format; the answer is
//! decoded into it. With `ANTHROPIC_API_KEY` set this talks to Claude;
//! without it, the SDK's scripted model server plays Claude.

use claude_agent_sdk::query_typed;
use claude_agent_sdk_examples::backend;
use schemars::JsonSchema;
use serde::Deserialize;

/// A country and its capital.
#[derive(Deserialize, JsonSchema)]
struct Capital {
    /// The country's name in English.
    country: String,
    /// The capital city.
    city: String,
    /// The capital's population, if known.
    population: Option<u64>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let prompt = backend.prompt(
        "What is the capital of France?",
        r#"CALL StructuredOutput {"country":"France","city":"Paris","population":2100000}"#,
    );
    println!("> {prompt}");
    let capital: Capital = query_typed(prompt, backend.options().max_turns(4).build()).await?;
    let population = capital
        .population
        .map_or_else(|| "unknown".to_owned(), |p| p.to_string());
    println!(
        "The capital of {} is {} (population: {population}).",
        capital.country, capital.city
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Capital;

    #[test]
    fn output_schema() {
        let schema = claude_agent_sdk::mcp::schema::input_schema_for::<Capital>().unwrap();
        insta::assert_json_snapshot!("structured_output", schema);
    }

    #[test]
    fn the_scripted_answer_decodes() {
        let capital: Capital =
            serde_json::from_str(r#"{"country":"France","city":"Paris","population":2100000}"#)
                .unwrap();
        assert_eq!(
            (capital.country.as_str(), capital.city.as_str()),
            ("France", "Paris")
        );
        assert_eq!(capital.population, Some(2_100_000));
    }
}
