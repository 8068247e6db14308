//! A minimal streamable-HTTP MCP server on loopback that demands a bearer
//! token: requests without `Authorization: Bearer <token>` get 401, so a
//! tool call that works proves the token arrived.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The server; it stops when dropped.
pub struct HttpMcp {
    /// `http://127.0.0.1:<port>/mcp`.
    pub url: String,
    authorizations: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl HttpMcp {
    /// Starts a server whose one tool, `whoami`, answers `authorized`.
    pub async fn start(token: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/mcp", listener.local_addr().expect("address"));
        let authorizations = Arc::new(Mutex::new(Vec::new()));
        let expected = format!("Bearer {token}");
        let seen = authorizations.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, expected.clone(), seen.clone()));
            }
        });
        Self {
            url,
            authorizations,
            task,
        }
    }

    /// Every `Authorization` header received.
    pub fn authorizations(&self) -> Vec<String> {
        self.authorizations.lock().unwrap().clone()
    }
}

impl Drop for HttpMcp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves the requests of one connection (HTTP/1.1 keep-alive).
async fn serve(stream: TcpStream, expected: String, seen: Arc<Mutex<Vec<String>>>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
            return;
        }
        let method = request_line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned();
        let mut length = 0;
        let mut authorization = None;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).await.unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().unwrap_or(0),
                "authorization" => authorization = Some(value.to_owned()),
                _ => {}
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        if let Some(value) = &authorization {
            seen.lock().unwrap().push(value.clone());
        }
        let response = if authorization.as_deref() != Some(expected.as_str()) {
            reply(401, "", "")
        } else if method != "POST" {
            reply(405, "", "")
        } else {
            answer(&body)
        };
        if write.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn reply(status: u16, extra_headers: &str, body: &str) -> String {
    let reason = match status {
        200 => "OK",
        202 => "Accepted",
        401 => "Unauthorized",
        _ => "Method Not Allowed",
    };
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra_headers}\r\n{body}",
        body.len()
    )
}

/// The answer to one JSON-RPC message.
fn answer(body: &[u8]) -> String {
    let Ok(message) = serde_json::from_slice::<Value>(body) else {
        return reply(200, "", &rpc_error(&Value::Null, -32700, "parse error"));
    };
    let Some(id) = message.get("id") else {
        return reply(202, "", ""); // a notification
    };
    let result = match message["method"].as_str().unwrap_or_default() {
        "initialize" => json!({
            "protocolVersion": message["params"]["protocolVersion"].as_str().unwrap_or("2025-06-18"),
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "remote", "version": "1.0.0"},
        }),
        "tools/list" => json!({"tools": [{
            "name": "whoami",
            "description": "Says whether the caller is authorized.",
            "inputSchema": {"type": "object", "properties": {}},
        }]}),
        "tools/call" => json!({"content": [{"type": "text", "text": "authorized"}]}),
        "ping" => json!({}),
        // `server/discover` (CLI 2.1.330) and anything else.
        _ => return reply(200, "", &rpc_error(id, -32601, "method not found")),
    };
    let session = if message["method"] == "initialize" {
        "Mcp-Session-Id: secrets-test\r\n"
    } else {
        ""
    };
    reply(
        200,
        session,
        &json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string(),
    )
}

fn rpc_error(id: &Value, code: i64, message: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}).to_string()
}
