//! Serving an [`McpServer`](crate::McpServer) standalone: over stdio, and
//! over streamable HTTP (feature `http`).

#[cfg(feature = "http")]
mod http;
mod stdio;

#[cfg(feature = "http")]
pub use http::HttpServer;
