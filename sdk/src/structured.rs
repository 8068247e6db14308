//! Typed structured output: [`query_typed`], and the pieces it is made of
//! for clients and sessions.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::messages::{ResultMessage, ResultSubtype, UserContent, last_result};
use crate::options::{ClaudeAgentOptions, ClaudeAgentOptionsBuilder, OutputFormat};
use crate::query::query;

/// Sends one prompt and returns the run's final answer as a `T`.
///
/// The JSON schema of `T` is sent as the output format (`--json-schema`,
/// made by the same [schema policy](crate::mcp::schema) as tool inputs, so
/// `T` must be a struct); the CLI makes the model answer with matching
/// structured output, which is decoded into `T`.
///
/// # Errors
///
/// [`Error::StructuredOutput`] when the model gives up (it could not
/// produce valid output within the CLI's retries), the run fails, or the
/// output does not decode into `T` (the raw value is kept); any error of
/// [`query`] otherwise.
///
/// ```no_run
/// use claude_agent_sdk::{ClaudeAgentOptions, query_typed};
///
/// #[derive(serde::Deserialize, schemars::JsonSchema, Debug)]
/// struct Capital {
///     /// The country.
///     country: String,
///     /// Its capital city.
///     city: String,
/// }
///
/// # async fn demo() -> claude_agent_sdk::Result<()> {
/// let capital: Capital =
///     query_typed("What is the capital of France?", ClaudeAgentOptions::default()).await?;
/// println!("{} → {}", capital.country, capital.city);
/// # Ok(()) }
/// ```
pub async fn query_typed<T: DeserializeOwned + JsonSchema>(
    prompt: impl Into<UserContent>,
    options: ClaudeAgentOptions,
) -> Result<T> {
    let options = options.to_builder().output_type::<T>()?.build();
    let messages = query(prompt, options).await?;
    let result = last_result(&messages).ok_or_else(|| Error::StructuredOutput {
        message: "the run ended without a result".to_owned(),
        raw: None,
    })?;
    result.typed_output()
}

impl ClaudeAgentOptionsBuilder {
    /// Structured output shaped like `T`: the JSON schema of `T` becomes the
    /// output format (see [`query_typed`]). Decode the result with
    /// [`ResultMessage::typed_output`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOptions`] if `T` has no usable schema (it is not a
    /// struct, or it is recursive).
    ///
    /// ```
    /// use claude_agent_sdk::ClaudeAgentOptions;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Answer { value: i64 }
    ///
    /// let options = ClaudeAgentOptions::builder().output_type::<Answer>()?.build();
    /// # let _ = options;
    /// # Ok::<(), claude_agent_sdk::Error>(())
    /// ```
    pub fn output_type<T: JsonSchema>(self) -> Result<Self> {
        let schema = claude_agent_mcp::schema::input_schema_for::<T>().map_err(|err| {
            Error::InvalidOptions(format!(
                "the output type `{}` cannot be used for structured output: {err}",
                std::any::type_name::<T>()
            ))
        })?;
        Ok(self.output_format(OutputFormat::JsonSchema(Value::Object(schema))))
    }
}

impl ResultMessage {
    /// The structured output of a run started with an output format,
    /// decoded as `T`.
    ///
    /// # Errors
    ///
    /// [`Error::StructuredOutput`] when the model gave up producing
    /// structured output, the run failed, there is no structured output, or
    /// it does not decode into `T` (the message names the field; the raw
    /// value is kept).
    pub fn typed_output<T: DeserializeOwned>(&self) -> Result<T> {
        if self.subtype == ResultSubtype::ErrorMaxStructuredOutputRetries {
            return Err(Error::StructuredOutput {
                message: format!(
                    "the model could not produce output matching the schema \
                     (error_max_structured_output_retries){}",
                    details(self)
                ),
                raw: self.structured_output.clone(),
            });
        }
        if self.is_error {
            return Err(Error::StructuredOutput {
                message: format!("the run failed ({}){}", self.subtype, details(self)),
                raw: self.structured_output.clone(),
            });
        }
        let Some(raw) = &self.structured_output else {
            return Err(Error::StructuredOutput {
                message: format!(
                    "the run ended with no structured output (the model answered: {:?}; \
                     was an output format set?)",
                    self.result.as_deref().unwrap_or_default()
                ),
                raw: None,
            });
        };
        serde_path_to_error::deserialize(raw).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let message = if path == "." {
                format!("the structured output does not match the type: {inner}")
            } else {
                format!("the structured output does not match the type: `{path}`: {inner}")
            };
            Error::StructuredOutput {
                message,
                raw: Some(raw.clone()),
            }
        })
    }
}

fn details(result: &ResultMessage) -> String {
    let mut parts: Vec<&str> = result.errors.iter().map(String::as_str).collect();
    if let Some(text) = result.result.as_deref().filter(|t| !t.is_empty()) {
        parts.push(text);
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(serde::Deserialize, schemars::JsonSchema, Debug, PartialEq)]
    struct Answer {
        value: i64,
        unit: Option<String>,
    }

    fn result(value: Value) -> ResultMessage {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn structured_output_decodes_into_the_type() {
        let ok = result(json!({
            "type": "result", "subtype": "success", "is_error": false,
            "structured_output": {"value": 42}
        }));
        assert_eq!(
            ok.typed_output::<Answer>().unwrap(),
            Answer {
                value: 42,
                unit: None
            }
        );
    }

    #[test]
    fn giving_up_and_mismatches_are_typed_errors() {
        let gave_up = result(json!({
            "subtype": "error_max_structured_output_retries", "is_error": true,
            "errors": ["Failed to provide valid structured output after 5 attempts"]
        }));
        match gave_up.typed_output::<Answer>() {
            Err(Error::StructuredOutput { message, raw: None }) => {
                assert!(
                    message.contains("error_max_structured_output_retries"),
                    "{message}"
                );
                assert!(message.contains("after 5 attempts"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let missing = result(json!({"subtype": "success", "is_error": false, "result": "hi"}));
        assert!(matches!(
            missing.typed_output::<Answer>(),
            Err(Error::StructuredOutput { raw: None, .. })
        ));
        let wrong = result(json!({
            "subtype": "success", "is_error": false,
            "structured_output": {"value": "many"}
        }));
        match wrong.typed_output::<Answer>() {
            Err(Error::StructuredOutput { message, raw }) => {
                assert!(message.contains("`value`"), "{message}");
                assert_eq!(raw, Some(json!({"value": "many"})));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_output_type_sets_the_json_schema() {
        let options = ClaudeAgentOptions::builder()
            .output_type::<Answer>()
            .unwrap()
            .build();
        let Some(OutputFormat::JsonSchema(schema)) = &options.output_format else {
            panic!("no output format");
        };
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["required"], json!(["value"]));
        let err = ClaudeAgentOptions::builder()
            .output_type::<Vec<i64>>()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidOptions(_)), "{err:?}");
    }
}
