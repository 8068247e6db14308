//! The standalone HTTP server under attack and misuse, over real TCP on
//! 127.0.0.1: authentication, `Origin` checking, slow clients, and the
//! session cap.

use std::net::SocketAddr;
use std::time::Duration;

use claude_agent_mcp::{Error, HttpServer, McpServer, tool};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long a step may take before the test gives up: a guard against a
/// hang, not a measure of speed.
const GUARD: Duration = Duration::from_secs(60);

/// A server being served, stopped by [`Running::stop`].
struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), Error>>,
}

impl Running {
    fn start(server: HttpServer) -> Self {
        let addr = server.local_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run_until(async move {
            let _ = stopped.await;
        }));
        Self { addr, stop, task }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(GUARD, self.task)
            .await
            .expect("the server stops")
            .expect("the server task does not panic")
            .expect("the server stops without an error");
    }
}

/// Answers after a while.
#[tool]
async fn slow(millis: u64) -> String {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    format!("slept {millis} ms")
}

/// Answers with this many bytes of text.
#[tool]
async fn big(bytes: usize) -> String {
    "x".repeat(bytes)
}

async fn bind() -> HttpServer {
    McpServer::new("hardening")
        .tool(slow)
        .tool(big)
        .bind_http("127.0.0.1:0")
        .await
        .expect("bind a loopback port")
}

/// An HTTP answer, read to the end of the connection.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("a JSON body ({e}): {self:?}"))
    }
}

/// Sends `raw` on a new connection and reads the answer until the server
/// closes the connection (requests say `Connection: close`).
async fn exchange(addr: SocketAddr, raw: &[u8]) -> Reply {
    tokio::time::timeout(GUARD, async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(raw).await.expect("send the request");
        let mut bytes = Vec::new();
        // A reset after the answer is fine: what was read is the answer.
        let _ = stream.read_to_end(&mut bytes).await;
        parse(&bytes)
    })
    .await
    .expect("the server answers")
}

fn parse(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("an HTTP answer: {text:?}"));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {head:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            body.push_str(&after[..size.min(after.len())]);
            break;
        }
        body.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    body
}

/// A `POST /mcp` with a JSON body and these extra header lines.
fn post(addr: SocketAddr, extra_headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut raw = format!(
        "POST /mcp HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Accept: application/json, text/event-stream\r\nConnection: close\r\n\
         Content-Length: {}\r\n",
        body.len()
    );
    for (name, value) in extra_headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str("\r\n");
    raw.push_str(body);
    raw.into_bytes()
}

fn initialize_body(id: u64) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "hardening-test", "version": "0"}
        }
    })
    .to_string()
}

/// Sends `initialize` with these extra headers.
async fn initialize(addr: SocketAddr, id: u64, extra_headers: &[(&str, &str)]) -> Reply {
    exchange(addr, &post(addr, extra_headers, &initialize_body(id))).await
}

/// Whether `reply` is a successful `initialize` answer that opened a session.
fn assert_initialized(reply: &Reply) {
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(reply.header("mcp-session-id").is_some(), "{reply:?}");
    assert!(reply.body.contains("\"protocolVersion\""), "{reply:?}");
}

/// Waits until the server closes `stream` (end of file or a reset).
async fn closed_by_server(stream: &mut TcpStream) {
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Open file descriptors of this process (Linux).
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, Iterator::count)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_half_sent_requests_neither_starve_a_client_nor_stay_open() {
    const HALF_SENT: usize = 1000;
    const MAX_CONNECTIONS: usize = 100;
    let before = open_fds();
    let server = Running::start(
        bind()
            .await
            .header_read_timeout(Duration::from_millis(200))
            .max_connections(MAX_CONNECTIONS),
    );
    let addr = server.addr;

    let mut half_sent = Vec::with_capacity(HALF_SENT);
    for _ in 0..HALF_SENT {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
            .await
            .expect("send half a request");
        half_sent.push(stream);
    }
    // The server side of a connection is one descriptor; the test's side of
    // the half-sent ones is another thousand. Slack for the other tests of
    // this binary, which run meanwhile.
    let bound = before + HALF_SENT + MAX_CONNECTIONS + 100;
    let mut most = open_fds();

    let reply = initialize(addr, 1, &[]).await;
    assert_initialized(&reply);
    most = most.max(open_fds());

    tokio::time::timeout(GUARD, async {
        for stream in &mut half_sent {
            closed_by_server(stream).await;
            most = most.max(open_fds());
        }
    })
    .await
    .expect("the server closes connections that never finish their headers");
    assert!(
        most <= bound,
        "the server held more than {MAX_CONNECTIONS} connections at once: {most} descriptors open, \
         {before} before the test"
    );
    drop(half_sent);
    server.stop().await;
}

#[tokio::test]
async fn an_answer_streamed_after_the_timeouts_still_arrives() {
    // The timeouts cut slow requests, never an answer's event stream.
    let server = Running::start(
        bind()
            .await
            .header_read_timeout(Duration::from_millis(100))
            .request_timeout(Duration::from_millis(100)),
    );
    let addr = server.addr;
    let headers = open_session(addr).await;
    let session_headers: Vec<(&str, &str)> =
        headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let call = r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"millis":600}}}"#;
    let reply = exchange(addr, &post(addr, &session_headers, call)).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    assert!(reply.body.contains("slept 600 ms"), "{reply:?}");
    server.stop().await;
}

/// Opens a session on `addr` and returns the headers its requests carry.
async fn open_session(addr: SocketAddr) -> [(&'static str, String); 2] {
    let opened = initialize(addr, 1, &[]).await;
    assert_initialized(&opened);
    let headers = [
        (
            "Mcp-Session-Id",
            opened.header("mcp-session-id").unwrap().to_owned(),
        ),
        ("MCP-Protocol-Version", "2025-06-18".to_owned()),
    ];
    let initialized = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;
    let borrowed: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let reply = exchange(addr, &post(addr, &borrowed, initialized)).await;
    assert_eq!(reply.status, 202, "{reply:?}");
    headers
}

#[tokio::test]
async fn shutdown_does_not_wait_forever_for_a_client_that_stops_reading() {
    const BYTES: usize = 16 << 20;
    let server = Running::start(bind().await.request_timeout(Duration::from_millis(300)));
    let addr = server.addr;
    let headers = open_session(addr).await;
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();

    // A small receive buffer: the server soon cannot write more.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(addr).await.expect("connect");
    let call = format!(
        r#"{{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{{"name":"big","arguments":{{"bytes":{BYTES}}}}}}}"#
    );
    stream
        .write_all(&post(addr, &headers, &call))
        .await
        .unwrap();
    // Read until the answer's text has begun, then stop reading.
    tokio::time::timeout(GUARD, async {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while !seen.windows(64).any(|w| w.iter().all(|&b| b == b'x')) {
            let n = stream.read(&mut buf).await.expect("read the answer");
            assert!(n > 0, "the answer ended early");
            seen.extend_from_slice(&buf[..n]);
        }
    })
    .await
    .expect("the answer begins");

    server.stop().await;
    drop(stream);
}

#[tokio::test]
async fn a_request_whose_body_never_arrives_gets_408() {
    let server = Running::start(bind().await.request_timeout(Duration::from_millis(300)));
    let addr = server.addr;
    let mut raw = post(addr, &[], &initialize_body(1));
    // Announce the whole body, send a few bytes of it, then stall.
    raw.truncate(raw.len() - 20);
    let reply = exchange(addr, &raw).await;
    assert_eq!(reply.status, 408, "{reply:?}");
    assert_eq!(reply.json()["error"]["code"], -32000, "{reply:?}");
    server.stop().await;
}

#[tokio::test]
async fn initialize_over_the_session_cap_is_refused_until_a_session_ends() {
    let server = Running::start(
        bind()
            .await
            .max_sessions(2)
            .session_idle_timeout(Duration::from_millis(500)),
    );
    let addr = server.addr;

    let first = initialize(addr, 1, &[]).await;
    assert_initialized(&first);
    let second = initialize(addr, 2, &[]).await;
    assert_initialized(&second);

    let refused = initialize(addr, 3, &[]).await;
    assert_eq!(refused.status, 503, "{refused:?}");
    assert!(refused.header("mcp-session-id").is_none(), "{refused:?}");
    assert!(
        refused
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{refused:?}"
    );
    let body = refused.json();
    assert_eq!(body["jsonrpc"], "2.0", "{body}");
    assert_eq!(body["id"], 3, "{body}");
    assert_eq!(body["error"]["code"], -32000, "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("sessions"), "{message}");
    assert!(message.contains('2'), "{message}");

    // Closing a session frees its place at once.
    let session = first.header("mcp-session-id").unwrap();
    let delete = format!(
        "DELETE /mcp HTTP/1.1\r\nHost: {addr}\r\nMcp-Session-Id: {session}\r\n\
         Connection: close\r\n\r\n"
    );
    let deleted = exchange(addr, delete.as_bytes()).await;
    assert!(deleted.status < 300, "{deleted:?}");
    let third = initialize(addr, 4, &[]).await;
    assert_initialized(&third);
    assert_eq!(initialize(addr, 5, &[]).await.status, 503);

    // Idle sessions are closed: a new one is accepted again.
    let accepted = tokio::time::timeout(GUARD, async {
        loop {
            let reply = initialize(addr, 6, &[]).await;
            if reply.status != 503 {
                return reply;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await
    .expect("idle sessions end and free their places");
    assert_initialized(&accepted);
    // The expired session is gone.
    let second_id = second.header("mcp-session-id").unwrap();
    let list = r#"{"jsonrpc":"2.0","id":7,"method":"tools/list"}"#;
    let stale = exchange(addr, &post(addr, &[("Mcp-Session-Id", second_id)], list)).await;
    assert_eq!(stale.status, 404, "{stale:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_foreign_origin_is_refused_by_default() {
    let server = Running::start(bind().await);
    let addr = server.addr;
    for origin in ["http://evil.example", "null", &format!("http://{addr}")] {
        let reply = initialize(addr, 1, &[("Origin", origin)]).await;
        assert_eq!(reply.status, 403, "{origin}: {reply:?}");
    }
    // Clients that are not browsers send no Origin.
    assert_initialized(&initialize(addr, 2, &[]).await);
    server.stop().await;
}

#[tokio::test]
async fn allowed_origins_are_accepted() {
    let server = Running::start(bind().await.allow_origins(["http://app.example:*"]));
    let addr = server.addr;
    assert_initialized(&initialize(addr, 1, &[("Origin", "http://app.example:3000")]).await);
    let reply = initialize(addr, 2, &[("Origin", "http://evil.example:3000")]).await;
    assert_eq!(reply.status, 403, "{reply:?}");
    server.stop().await;
}

#[tokio::test]
async fn the_loopback_host_check_still_holds() {
    let server = Running::start(bind().await);
    let addr = server.addr;
    let raw = String::from_utf8(post(addr, &[], &initialize_body(1)))
        .unwrap()
        .replacen(&format!("Host: {addr}"), "Host: attacker.example", 1);
    let reply = exchange(addr, raw.as_bytes()).await;
    assert_eq!(reply.status, 403, "{reply:?}");
    server.stop().await;
}

#[tokio::test]
async fn a_bearer_token_is_required_once_set() {
    const TOKEN: &str = "s3cret-T0ken_value";
    let server = Running::start(bind().await.bearer_token(TOKEN));
    let addr = server.addr;

    for authorization in [
        None,
        Some("Bearer wrong"),
        Some("Basic czNjcmV0"),
        Some(TOKEN),
    ] {
        let headers: Vec<(&str, &str)> = authorization
            .map(|a| ("Authorization", a))
            .into_iter()
            .collect();
        let reply = initialize(addr, 1, &headers).await;
        assert_eq!(reply.status, 401, "{authorization:?}: {reply:?}");
        assert_eq!(
            reply.header("www-authenticate"),
            Some("Bearer"),
            "{reply:?}"
        );
        assert!(!reply.body.contains(TOKEN), "{reply:?}");
        assert!(reply.header("mcp-session-id").is_none(), "{reply:?}");
    }
    let good = format!("Bearer {TOKEN}");
    assert_initialized(&initialize(addr, 2, &[("Authorization", &good)]).await);
    let lower = format!("bearer {TOKEN}");
    assert_initialized(&initialize(addr, 3, &[("Authorization", &lower)]).await);
    server.stop().await;
}

#[tokio::test]
async fn a_custom_check_sees_the_headers() {
    let server = Running::start(
        bind()
            .await
            .authorize(|headers| headers.get("x-api-key").is_some_and(|k| k == "key-1")),
    );
    let addr = server.addr;
    assert_eq!(initialize(addr, 1, &[]).await.status, 401);
    assert_eq!(
        initialize(addr, 2, &[("X-Api-Key", "key-2")]).await.status,
        401
    );
    assert_initialized(&initialize(addr, 3, &[("X-Api-Key", "key-1")]).await);
    server.stop().await;
}

#[tokio::test]
async fn a_non_loopback_address_needs_auth_or_an_explicit_opt_in() {
    let server = McpServer::new("exposed")
        .bind_http("0.0.0.0:0")
        .await
        .unwrap();
    let addr = server.local_addr();
    let err = server.run_until(async {}).await.unwrap_err();
    assert!(
        matches!(err, Error::UnauthenticatedRemote { addr: a } if a == addr),
        "{err}"
    );
    assert!(
        err.to_string().contains("allow_unauthenticated_remote"),
        "{err}"
    );

    // Either choice serves (and stops at once).
    for server in [
        McpServer::new("exposed")
            .bind_http("0.0.0.0:0")
            .await
            .unwrap()
            .bearer_token("t0ken"),
        McpServer::new("exposed")
            .bind_http("0.0.0.0:0")
            .await
            .unwrap()
            .allow_unauthenticated_remote(),
    ] {
        server.run_until(async {}).await.unwrap();
    }
}

#[tokio::test]
async fn the_token_never_shows_in_debug_or_errors() {
    const TOKEN: &str = "do-not-print-me";
    let server = bind().await.bearer_token(TOKEN);
    let shown = format!("{server:?}");
    assert!(!shown.contains(TOKEN), "{shown}");

    let bad = "not a token, do-not-print-me";
    let err = bind()
        .await
        .bearer_token(bad)
        .run_until(async {})
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidHttpOption {
                option: "bearer_token",
                ..
            }
        ),
        "{err}"
    );
    assert!(!err.to_string().contains("do-not-print-me"), "{err}");
    assert!(!format!("{err:?}").contains("do-not-print-me"), "{err:?}");
}

#[tokio::test]
async fn limits_of_zero_are_refused() {
    let err = bind()
        .await
        .max_connections(0)
        .run_until(async {})
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidHttpOption {
                option: "max_connections",
                ..
            }
        ),
        "{err}"
    );
    let err = bind()
        .await
        .allow_origins(["localhost"])
        .run_until(async {})
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidHttpOption {
                option: "allow_origins",
                ..
            }
        ),
        "{err}"
    );
}
