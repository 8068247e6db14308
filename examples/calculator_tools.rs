//! In-process tools: Claude calls plain Rust functions, served by this
//! process to the Claude Code CLI as an MCP server.
//!
//! ```text
//! cargo run --example calculator_tools
//! ```
//!
//! With `ANTHROPIC_API_KEY` set this talks to Claude; without it, the SDK's
//! scripted model server plays Claude.

use std::sync::Mutex;

use claude_agent_sdk::mcp::{McpServer, ToolContext};
use claude_agent_sdk::{Message, query, tool, tools};
use claude_agent_sdk_examples::backend;

/// Add two integers. Returns the sum.
#[tool(read_only)]
async fn add(a: i64, b: i64) -> String {
    a.saturating_add(b).to_string()
}

/// Divide one number by another. Returns the quotient.
#[tool(read_only)]
async fn divide(
    /// The number to divide.
    dividend: f64,
    /// The number to divide by (not zero).
    divisor: f64,
) -> Result<String, String> {
    if divisor == 0.0 {
        // The model reads this message as the tool's (error) result.
        return Err(format!("cannot divide {dividend} by zero"));
    }
    Ok((dividend / divisor).to_string())
}

/// A memory register shared by its tools.
#[derive(Default)]
struct Memory {
    value: Mutex<Option<f64>>,
}

#[tools]
impl Memory {
    /// Store a number in memory.
    #[tool]
    async fn store(&self, value: f64, ctx: ToolContext) -> String {
        *self.value.lock().unwrap() = Some(value);
        format!("stored {value} (for {})", ctx.tool_use_id().unwrap_or("?"))
    }

    /// Recall the number in memory.
    #[tool(read_only)]
    async fn recall(&self) -> Result<String, &'static str> {
        match *self.value.lock().unwrap() {
            Some(value) => Ok(value.to_string()),
            None => Err("memory is empty"),
        }
    }
}

fn calculator() -> McpServer {
    McpServer::new("calc")
        .version("1.0.0")
        .tool(add)
        .tool(divide)
        .tools(Memory::default())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let backend = backend().await?;
    let server = calculator();
    let options = backend
        .options()
        // Claude sees the tools as `mcp__calc__add`, ...; allow them all.
        .allowed_tools(server.qualified_tool_names())
        .mcp_server(server)
        .max_turns(8)
        .build();
    let prompt = backend.prompt(
        "Use the calc tools: add 40 and 2, store the sum in memory, then divide 1 by 0. \
         Tell me both results in one sentence.",
        concat!(
            r#"CALL mcp__calc__add {"a":40,"b":2}; "#,
            r#"CALL mcp__calc__store {"value":42}; "#,
            r#"CALL mcp__calc__divide {"dividend":1,"divisor":0}; "#,
            "SAY 40 + 2 = 42, stored in memory, and 1 / 0 is undefined."
        ),
    );
    println!("> {prompt}");
    for message in query(prompt, options).await? {
        match message {
            Message::Assistant(assistant) => {
                for tool in assistant.tool_uses() {
                    println!("[tool] {} {}", tool.name, tool.input);
                }
                let text = assistant.text();
                if !text.is_empty() {
                    println!("[claude] {text}");
                }
            }
            Message::User(user) => {
                for result in user.tool_results() {
                    let error = if result.is_error() { " (error)" } else { "" };
                    println!("[result{error}] {}", result.text());
                }
            }
            Message::Result(result) => println!("[done] {} turn(s)", result.num_turns),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tool_schemas() {
        insta::assert_json_snapshot!("calculator_tools", super::calculator().tool_definitions());
    }
}
