//! A tiny HTTP/1.1 client over a Tokio `TcpStream`, enough to talk to the
//! scripted model like the CLI does (keep-alive, chunked bodies, SSE).

#![allow(dead_code, unreachable_pub)]

use std::io;
use std::net::SocketAddr;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One HTTP response.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("UTF-8 body")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// The SSE events as `(name, data)`.
    pub fn events(&self) -> Vec<(String, Value)> {
        self.text()
            .split("\n\n")
            .filter(|e| !e.trim().is_empty())
            .map(|e| {
                let mut name = String::new();
                let mut data = Value::Null;
                for line in e.lines() {
                    if let Some(n) = line.strip_prefix("event: ") {
                        name = n.to_owned();
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data = serde_json::from_str(d).expect("event data is JSON");
                    }
                }
                (name, data)
            })
            .collect()
    }

    /// The assistant message carried by this response, streamed or not,
    /// reassembled as `[{type, …}]` content blocks.
    pub fn content(&self) -> Vec<Value> {
        if self.header("content-type") != Some("text/event-stream") {
            return self.json()["content"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        let mut blocks: Vec<Value> = Vec::new();
        let mut json_parts: Vec<String> = Vec::new();
        for (name, data) in self.events() {
            match name.as_str() {
                "content_block_start" => {
                    blocks.push(data["content_block"].clone());
                    json_parts.push(String::new());
                }
                "content_block_delta" => {
                    let i = data["index"].as_u64().unwrap() as usize;
                    let d = &data["delta"];
                    let append = |field: &str, block: &mut Value| {
                        let mut s = block[field].as_str().unwrap_or("").to_owned();
                        s.push_str(d[field].as_str().unwrap());
                        block[field] = Value::String(s);
                    };
                    match d["type"].as_str().unwrap() {
                        "text_delta" => append("text", &mut blocks[i]),
                        "thinking_delta" => append("thinking", &mut blocks[i]),
                        "signature_delta" => append("signature", &mut blocks[i]),
                        "input_json_delta" => {
                            json_parts[i].push_str(d["partial_json"].as_str().unwrap())
                        }
                        other => panic!("unknown delta {other}"),
                    }
                }
                "content_block_stop" => {
                    let i = data["index"].as_u64().unwrap() as usize;
                    if blocks[i]["type"] == "tool_use" {
                        blocks[i]["input"] = serde_json::from_str(&json_parts[i]).unwrap();
                    }
                }
                _ => {}
            }
        }
        blocks
    }

    /// The concatenated text blocks of the message.
    pub fn message_text(&self) -> String {
        self.content()
            .iter()
            .filter(|b| b["type"] == "text")
            .map(|b| b["text"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// A keep-alive HTTP/1.1 connection.
pub struct Connection {
    stream: BufReader<TcpStream>,
}

impl Connection {
    pub async fn open(addr: SocketAddr) -> io::Result<Self> {
        let tcp = TcpStream::connect(addr).await?;
        tcp.set_nodelay(true)?;
        Ok(Self {
            stream: BufReader::new(tcp),
        })
    }

    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> io::Result<HttpResponse> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             anthropic-version: 2023-06-01\r\nUser-Agent: claude-cli/test (external, sdk-rust)\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        );
        let tcp = self.stream.get_mut();
        tcp.write_all(head.as_bytes()).await?;
        tcp.write_all(body.as_bytes()).await?;
        self.read_response().await
    }

    async fn read_line(&mut self) -> io::Result<String> {
        let mut line = String::new();
        if self.stream.read_line(&mut line).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }

    async fn read_response(&mut self) -> io::Result<HttpResponse> {
        let status_line = self.read_line().await?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| io::Error::other(format!("bad status line {status_line:?}")))?;
        let mut headers = Vec::new();
        loop {
            let line = self.read_line().await?;
            if line.is_empty() {
                break;
            }
            let (k, v) = line.split_once(':').expect("header line");
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
        let find = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let mut body = Vec::new();
        if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let size_line = self.read_line().await?;
                let size = usize::from_str_radix(size_line.split(';').next().unwrap().trim(), 16)
                    .map_err(io::Error::other)?;
                if size == 0 {
                    // Trailers end with an empty line.
                    while !self.read_line().await?.is_empty() {}
                    break;
                }
                let start = body.len();
                body.resize(start + size, 0);
                self.stream.read_exact(&mut body[start..]).await?;
                self.read_line().await?;
            }
        } else if let Some(len) = find("content-length") {
            let len: usize = len.parse().map_err(io::Error::other)?;
            body.resize(len, 0);
            self.stream.read_exact(&mut body).await?;
        } else {
            self.stream.read_to_end(&mut body).await?;
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Sends one request on a fresh connection.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> io::Result<HttpResponse> {
    Connection::open(addr).await?.send(method, path, body).await
}

/// `POST /v1/messages?beta=true` with `body`.
pub async fn messages(addr: SocketAddr, body: &Value) -> HttpResponse {
    send(addr, "POST", "/v1/messages?beta=true", Some(body))
        .await
        .expect("request succeeds")
}

/// A streaming request body with one user message.
pub fn prompt(text: &str) -> Value {
    serde_json::json!({
        "model": "claude-test-model",
        "max_tokens": 1000,
        "stream": true,
        "system": [{"type": "text", "text": "You are a test."}],
        "messages": [{"role": "user", "content": text}],
    })
}
