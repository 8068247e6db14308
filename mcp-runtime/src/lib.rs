//! MCP runtime for claude-agent-sdk.
