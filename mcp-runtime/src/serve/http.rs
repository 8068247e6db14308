//! Serving over streamable HTTP (rmcp's transport, at `/mcp`), on hyper
//! with the limits of [`HttpServer`].

mod auth;
mod connections;
mod options;
mod requests;
mod responses;
mod sessions;

use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};
use tokio::net::{TcpListener, ToSocketAddrs};

use self::connections::Limits;
use self::options::Options;
use self::requests::Requests;
use self::sessions::SessionGate;
use crate::error::Error;
use crate::handler::Handler;
use crate::server::McpServer;

/// The path the server answers on.
const PATH: &str = "/mcp";

impl McpServer {
    /// Serves the server over streamable HTTP at `http://<addr>/mcp` until
    /// the process ends, with [`HttpServer`]'s default limits. Clients
    /// configure it as `{"type": "http", "url": "http://<addr>/mcp"}`.
    ///
    /// A non-loopback `addr` is refused ([`Error::UnauthenticatedRemote`]):
    /// use [`bind_http`](Self::bind_http) and set up authentication first.
    /// To learn the address it bound (port 0 picks a free one), also use
    /// [`bind_http`](Self::bind_http): its [`HttpServer::url`] and
    /// [`HttpServer::local_addr`] are known before it serves.
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
    /// of port 0) is then known, and the server's options can be set. Serve
    /// with [`HttpServer::run`].
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
/// What it protects by default, and the methods that change it:
///
/// - **`Host`**: only loopback names (`localhost`, `127.0.0.1`, `::1`) are
///   accepted, which protects a local server from DNS rebinding; see
///   [`allow_hosts`](Self::allow_hosts).
/// - **`Origin`**: a request that carries an `Origin` header (one a browser
///   sent) is refused with `403` unless the origin is allowed; requests
///   without `Origin` (CLIs, SDKs) pass; see
///   [`allow_origins`](Self::allow_origins).
/// - **Authentication**: none by default, and then only a loopback address
///   is served: [`run`](Self::run) fails with
///   [`Error::UnauthenticatedRemote`] on any other address (`0.0.0.0`
///   included) unless [`bearer_token`](Self::bearer_token) or
///   [`authorize`](Self::authorize) is set, or
///   [`allow_unauthenticated_remote`](Self::allow_unauthenticated_remote)
///   says so explicitly. Requests that fail authentication get `401`.
/// - **Slow clients**: [`header_read_timeout`](Self::header_read_timeout)
///   (default 10 s), [`request_timeout`](Self::request_timeout) (30 s) and
///   [`max_connections`](Self::max_connections) (512).
/// - **Sessions**: [`max_sessions`](Self::max_sessions) (1000; `initialize`
///   beyond it gets `503` with a JSON-RPC error) and
///   [`session_idle_timeout`](Self::session_idle_timeout) (2 minutes).
///
/// Request bodies are limited to 4 MiB (`413` beyond).
///
/// ```no_run
/// use std::time::Duration;
/// use claude_agent_mcp::McpServer;
///
/// # async fn demo() -> Result<(), claude_agent_mcp::Error> {
/// let token = std::env::var("MCP_TOKEN").expect("a token");
/// McpServer::new("calc")
///     .bind_http("0.0.0.0:8080")
///     .await?
///     .bearer_token(token)
///     .allow_hosts(["mcp.example.com"])
///     .max_sessions(200)
///     .session_idle_timeout(Duration::from_secs(600))
///     .run()
///     .await
/// # }
/// ```
#[must_use = "the server serves nothing until `run` is awaited"]
pub struct HttpServer {
    server: McpServer,
    listener: TcpListener,
    addr: SocketAddr,
    options: Options,
}

impl HttpServer {
    /// The default of [`header_read_timeout`](Self::header_read_timeout).
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = options::DEFAULT_HEADER_READ_TIMEOUT;
    /// The default of [`request_timeout`](Self::request_timeout).
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = options::DEFAULT_REQUEST_TIMEOUT;
    /// The default of [`max_connections`](Self::max_connections).
    pub const DEFAULT_MAX_CONNECTIONS: usize = options::DEFAULT_MAX_CONNECTIONS;
    /// The default of [`max_sessions`](Self::max_sessions).
    pub const DEFAULT_MAX_SESSIONS: usize = options::DEFAULT_MAX_SESSIONS;
    /// The default of [`session_idle_timeout`](Self::session_idle_timeout).
    pub const DEFAULT_SESSION_IDLE_TIMEOUT: Duration = options::DEFAULT_SESSION_IDLE_TIMEOUT;

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
    /// the loopback names only. Requests for other hosts get `403`.
    ///
    /// An empty list means the default, the loopback names: `Host` checking
    /// cannot be turned off.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.allow_hosts(["mcp.example.com", "mcp.example.com:8443"]);
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
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

    /// Accepts requests whose `Origin` header is one of these origins.
    /// Requests from other origins get `403`; requests without `Origin`
    /// are accepted whatever the list. Default: none, so every request a
    /// browser sends is refused (the MCP transport requires the check: a
    /// web page must not reach a local server).
    ///
    /// Write each origin as `scheme://host:port`, `scheme://host:*` for
    /// any port, or `null`; anything else makes [`run`](Self::run) fail
    /// with [`Error::InvalidHttpOption`]. A later call replaces the list.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.allow_origins(["https://app.example.com:443", "http://localhost:*"]);
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn allow_origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.allowed_origins = origins.into_iter().map(Into::into).collect();
        self
    }

    /// Requires `Authorization: Bearer <token>` on every request; other
    /// requests get `401` with `WWW-Authenticate: Bearer`. The token is
    /// compared in constant time and never appears in `Debug` output, logs
    /// or errors. It must be visible ASCII without spaces, or
    /// [`run`](Self::run) fails with [`Error::InvalidHttpOption`].
    ///
    /// With [`authorize`](Self::authorize) too, a request must pass both.
    /// Serve over TLS (a reverse proxy) when the network is not trusted:
    /// the token travels in clear text otherwise.
    ///
    /// Clients send it as a header, e.g. Claude Code's
    /// `{"type": "http", "url": "...", "headers": {"Authorization": "Bearer <token>"}}`.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let token = std::env::var("MCP_TOKEN").unwrap_or_default();
    /// let server = server.bearer_token(token);
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.options.auth.set_bearer(token.into());
        self
    }

    /// Requires `check` to accept every request's headers (an
    /// `http::HeaderMap`); requests it refuses get `401`. Use it for an API
    /// key header, a signed token, mutual-TLS headers set by a proxy. It
    /// runs on every request, before the request body is read: keep it
    /// fast, and compare secrets in constant time.
    ///
    /// With [`bearer_token`](Self::bearer_token) too, a request must pass
    /// both.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.authorize(|headers| {
    ///     headers.get("x-tenant").is_some_and(|tenant| tenant == "acme")
    /// });
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn authorize<F>(mut self, check: F) -> Self
    where
        F: Fn(&http::HeaderMap) -> bool + Send + Sync + 'static,
    {
        self.options.auth.set_custom(Arc::new(check));
        self
    }

    /// Serves a non-loopback address without authentication: anyone who
    /// can reach the port can call the tools. Without this (or
    /// authentication), [`run`](Self::run) refuses such an address with
    /// [`Error::UnauthenticatedRemote`]. Meant for servers behind a proxy
    /// that authenticates, or inside a trusted network.
    ///
    /// ```
    /// # async fn demo() -> Result<(), claude_agent_mcp::Error> {
    /// let server = claude_agent_mcp::McpServer::new("calc")
    ///     .bind_http("0.0.0.0:0")
    ///     .await?
    ///     .allow_unauthenticated_remote();
    /// # Ok(()) }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn allow_unauthenticated_remote(mut self) -> Self {
        self.options.allow_unauthenticated_remote = true;
        self
    }

    /// How long a client may take to send a request's headers, and how
    /// long a kept-alive connection may wait for its next request; the
    /// connection is closed after that. Default
    /// [`DEFAULT_HEADER_READ_TIMEOUT`](Self::DEFAULT_HEADER_READ_TIMEOUT),
    /// 10 s. Zero makes [`run`](Self::run) fail.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.header_read_timeout(std::time::Duration::from_secs(5));
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.options.header_read_timeout = timeout;
        self
    }

    /// How long a request may take from its headers to the head of its
    /// answer, reading its body included; it then gets `408` and the
    /// connection is closed. The streamed body of an answer (server-sent
    /// events, a long tool call) is not limited. Default
    /// [`DEFAULT_REQUEST_TIMEOUT`](Self::DEFAULT_REQUEST_TIMEOUT), 30 s.
    /// Zero makes [`run`](Self::run) fail.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.request_timeout(std::time::Duration::from_secs(10));
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.options.request_timeout = timeout;
        self
    }

    /// How many TCP connections are served at once; further connections
    /// wait to be accepted until one ends. Each client of a session holds
    /// a connection or two (its event stream and its requests). Default
    /// [`DEFAULT_MAX_CONNECTIONS`](Self::DEFAULT_MAX_CONNECTIONS), 512:
    /// keep it well below the process's descriptor limit (`ulimit -n`).
    /// Zero makes [`run`](Self::run) fail.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.max_connections(64);
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn max_connections(mut self, max: usize) -> Self {
        self.options.max_connections = max;
        self
    }

    /// How many MCP sessions may be open at once. An `initialize` beyond
    /// it gets `503 Service Unavailable` with a JSON-RPC error body (code
    /// `-32000`) until a session is closed (`DELETE`) or ends idle. Default
    /// [`DEFAULT_MAX_SESSIONS`](Self::DEFAULT_MAX_SESSIONS), 1000 (a
    /// session costs tens of kilobytes). Zero makes [`run`](Self::run)
    /// fail.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.max_sessions(100);
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn max_sessions(mut self, max: usize) -> Self {
        self.options.max_sessions = max;
        self
    }

    /// How long a session may go without a message from its client before
    /// it is closed; its client then gets `404` and starts a new session
    /// (Claude Code does so by itself). Default
    /// [`DEFAULT_SESSION_IDLE_TIMEOUT`](Self::DEFAULT_SESSION_IDLE_TIMEOUT),
    /// 2 minutes. Zero makes [`run`](Self::run) fail.
    ///
    /// ```
    /// # async fn demo(server: claude_agent_mcp::HttpServer) {
    /// let server = server.session_idle_timeout(std::time::Duration::from_secs(600));
    /// # }
    /// ```
    #[must_use = "the option applies to the returned server"]
    pub fn session_idle_timeout(mut self, timeout: Duration) -> Self {
        self.options.session_idle_timeout = timeout;
        self
    }

    /// Serves until the process ends.
    ///
    /// # Errors
    ///
    /// [`Error::UnauthenticatedRemote`] for a non-loopback address without
    /// authentication, [`Error::InvalidHttpOption`] for an option out of
    /// range; both before serving anything.
    pub async fn run(self) -> Result<(), Error> {
        self.run_until(std::future::pending()).await
    }

    /// Serves until `shutdown` resolves, then stops accepting connections
    /// and returns once open requests are done (event streams are ended),
    /// or after the [request timeout](Self::request_timeout) at most:
    /// connections still open then (a client that does not read its
    /// answer, say) are dropped.
    ///
    /// # Errors
    ///
    /// As [`run`](Self::run).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let Self {
            server,
            listener,
            addr,
            options,
        } = self;
        options.validate()?;
        auth::check_exposure(addr, &options.auth, options.allow_unauthenticated_remote)?;

        let mut config = StreamableHttpServerConfig::default()
            .enforce_origin_validation()
            .with_allowed_origins(options.allowed_origins);
        if let Some(hosts) = options.allowed_hosts {
            config = config.with_allowed_hosts(hosts);
        }
        let cancel = config.cancellation_token.clone();
        let max_body = config.max_request_body_bytes;
        let sessions = SessionGate::new(options.max_sessions, options.session_idle_timeout);
        let handler = Handler::new(server);
        let service =
            StreamableHttpService::new(move || Ok(handler.clone()), sessions.manager(), config);
        let requests = Arc::new(Requests {
            path: PATH,
            service,
            auth: options.auth,
            sessions,
            timeout: options.request_timeout,
            max_body,
        });
        let limits = Limits {
            max_connections: options.max_connections,
            header_read_timeout: options.header_read_timeout,
            shutdown_grace: options.request_timeout,
        };
        connections::serve(listener, requests, limits, async move {
            shutdown.await;
            // Ends open event streams, so that shutdown does not wait on them.
            cancel.cancel();
        })
        .await;
        Ok(())
    }
}

impl fmt::Debug for HttpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpServer")
            .field("server", &self.server.name())
            .field("addr", &self.addr)
            .field("options", &self.options)
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
