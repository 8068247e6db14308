//! Serving over streamable HTTP (rmcp's transport, mounted at `/mcp`).

mod auth;
mod options;

use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use self::options::Options;

use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};
use tokio::net::{TcpListener, ToSocketAddrs};

use crate::error::Error;
use crate::handler::Handler;
use crate::server::McpServer;

/// The path the server answers on.
const PATH: &str = "/mcp";

impl McpServer {
    /// Serves the server over streamable HTTP at `http://<addr>/mcp` until
    /// the process ends. Clients configure it as
    /// `{"type": "http", "url": "http://<addr>/mcp"}`.
    ///
    /// ```no_run
    /// use claude_agent_mcp::{McpServer, tool};
    ///
    /// /// Add two numbers.
    /// #[tool]
    /// async fn add(a: i64, b: i64) -> String { (a + b).to_string() }
    ///
    /// #[tokio::main]
    /// async fn main() -> Result<(), claude_agent_mcp::Error> {
    ///     McpServer::new("calc").tool(add).serve_http("127.0.0.1:8080").await
    /// }
    /// ```
    pub async fn serve_http(self, addr: impl ToSocketAddrs) -> Result<(), Error> {
        self.bind_http(addr).await?.run().await
    }

    /// Binds the HTTP server without serving yet: the bound address (say,
    /// of port 0) is then known. Serve with [`HttpServer::run`].
    ///
    /// ```
    /// use claude_agent_mcp::McpServer;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), claude_agent_mcp::Error> {
    /// let server = McpServer::new("calc").bind_http("127.0.0.1:0").await?;
    /// assert!(server.url().starts_with("http://127.0.0.1:"));
    /// assert!(server.url().ends_with("/mcp"));
    /// let running = tokio::spawn(server.run_until(async {}));
    /// running.await.unwrap()?;
    /// # Ok(()) }
    /// ```
    pub async fn bind_http(self, addr: impl ToSocketAddrs) -> Result<HttpServer, Error> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        Ok(HttpServer {
            server: self,
            listener,
            addr,
            options: Options::default(),
        })
    }
}

/// An [`McpServer`] bound to a TCP port, ready to serve streamable HTTP.
///
/// Only requests whose `Host` is a loopback name (`localhost`, `127.0.0.1`,
/// `::1`) are accepted unless [`allow_hosts`](Self::allow_hosts) says
/// otherwise: this protects a local server from DNS rebinding.
#[must_use = "the server serves nothing until `run` is awaited"]
pub struct HttpServer {
    server: McpServer,
    listener: TcpListener,
    addr: SocketAddr,
    options: Options,
}

impl HttpServer {
    /// The bound address.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL clients connect to: `http://<addr>/mcp`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}{PATH}", self.addr)
    }

    /// Accepts requests for these hosts (names or `host:port`) instead of
    /// the loopback names only.
    ///
    /// An empty list means the default, the loopback names: `Host` checking
    /// cannot be turned off.
    pub fn allow_hosts<I, S>(mut self, hosts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let hosts: Vec<String> = hosts.into_iter().map(Into::into).collect();
        // rmcp reads an empty list as "allow every host".
        self.options.allowed_hosts = (!hosts.is_empty()).then_some(hosts);
        self
    }

    /// Requires `Authorization: Bearer <token>` on every request; others
    /// get `401 Unauthorized`. The token is compared in constant time and
    /// never appears in `Debug` output, logs or errors.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.options.auth.set_bearer(token.into());
        self
    }

    /// Requires `check` to accept every request's headers.
    pub fn authorize<F>(mut self, check: F) -> Self
    where
        F: Fn(&http::HeaderMap) -> bool + Send + Sync + 'static,
    {
        self.options.auth.set_custom(Arc::new(check));
        self
    }

    /// Serves a non-loopback address without authentication.
    pub fn allow_unauthenticated_remote(mut self) -> Self {
        self.options.allow_unauthenticated_remote = true;
        self
    }

    /// Accepts requests from these browser origins.
    pub fn allow_origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.allowed_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// How long a client may take to send a request's headers.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.options.header_read_timeout = timeout;
        self
    }

    /// How long a request may take.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.options.request_timeout = timeout;
        self
    }

    /// How many connections are served at once.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.options.max_connections = max;
        self
    }

    /// How many MCP sessions may live at once.
    pub fn max_sessions(mut self, max: usize) -> Self {
        self.options.max_sessions = max;
        self
    }

    /// How long a session may stay unused.
    pub fn session_idle_timeout(mut self, timeout: Duration) -> Self {
        self.options.session_idle_timeout = timeout;
        self
    }

    /// Serves until the process ends.
    pub async fn run(self) -> Result<(), Error> {
        self.run_until(std::future::pending()).await
    }

    /// Serves until `shutdown` resolves, then stops accepting connections
    /// and returns once open requests are done.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let handler = Handler::new(self.server);
        let mut config = StreamableHttpServerConfig::default();
        if let Some(hosts) = self.options.allowed_hosts {
            config = config.with_allowed_hosts(hosts);
        }
        let cancel = config.cancellation_token.clone();
        let service = StreamableHttpService::new(
            move || Ok(handler.clone()),
            Arc::new(LocalSessionManager::default()),
            config,
        );
        let router = axum::Router::new().nest_service(PATH, service);
        axum::serve(self.listener, router)
            .with_graceful_shutdown(async move {
                shutdown.await;
                // Ends open SSE streams, so that shutdown does not wait on them.
                cancel.cancel();
            })
            .await?;
        Ok(())
    }
}

impl fmt::Debug for HttpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpServer")
            .field("server", &self.server.name())
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_empty_host_list_keeps_the_loopback_default() {
        let server = McpServer::new("s")
            .bind_http("127.0.0.1:0")
            .await
            .unwrap()
            .allow_hosts(["example.com"]);
        assert_eq!(
            server.options.allowed_hosts,
            Some(vec!["example.com".to_owned()])
        );
        let server = server.allow_hosts(Vec::<String>::new());
        assert_eq!(server.options.allowed_hosts, None);
    }
}
