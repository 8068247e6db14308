//! Attribute macros for claude-agent-sdk.
