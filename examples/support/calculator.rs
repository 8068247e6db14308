//! The calculator that the MCP server examples serve: server `calc`, with
//! `add {a, b}` (the sum as text, e.g. `42`) and `divide {dividend,
//! divisor}` (an error result for a zero divisor).
//!
//! Written against `claude-agent-mcp` alone, as a standalone server would
//! be: the same [`McpServer`] also works in-process through
//! `claude-agent-sdk`.

use claude_agent_mcp::{McpServer, tool};

/// Add two integers. Returns the sum.
#[tool(read_only, idempotent)]
pub async fn add(
    /// The first addend.
    a: i64,
    /// The second addend.
    b: i64,
) -> String {
    a.saturating_add(b).to_string()
}

/// Divide one number by another. Returns the quotient.
#[tool(read_only, idempotent)]
pub async fn divide(
    /// The number to divide.
    dividend: f64,
    /// The number to divide by (not zero).
    divisor: f64,
) -> Result<String, String> {
    if divisor == 0.0 {
        return Err(format!("cannot divide {dividend} by zero"));
    }
    Ok((dividend / divisor).to_string())
}

/// The calculator server.
pub fn server() -> McpServer {
    McpServer::new("calc")
        .version(env!("CARGO_PKG_VERSION"))
        .instructions("A calculator: `add` integers, `divide` numbers.")
        .tool(add)
        .tool(divide)
}
