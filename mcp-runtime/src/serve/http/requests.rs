//! What happens to one HTTP request: the path, authentication, the request
//! timeout and the session cap, then rmcp's streamable HTTP service (which
//! checks `Host` and `Origin`).

use std::sync::Arc;
use std::time::Duration;

use http::header::AUTHORIZATION;
use http::{Method, Request};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use rmcp::transport::StreamableHttpService;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use serde_json::Value;

use super::auth::Auth;
use super::responses::{self, HttpResponse};
use super::sessions::SessionGate;
use crate::handler::Handler;

/// The header that names a request's session.
const SESSION_ID: &str = "mcp-session-id";

/// Everything a connection needs to answer its requests. Shared by all
/// connections.
pub(super) struct Requests {
    /// The MCP endpoint's path.
    pub(super) path: &'static str,
    pub(super) service: StreamableHttpService<Handler, LocalSessionManager>,
    pub(super) auth: Auth,
    pub(super) sessions: Arc<SessionGate>,
    pub(super) timeout: Duration,
    /// The largest request body read (rmcp's limit).
    pub(super) max_body: usize,
}

impl Requests {
    /// Answers `request`.
    pub(super) async fn answer(&self, mut request: Request<Incoming>) -> HttpResponse {
        let path = request.uri().path();
        if path != self.path && path.strip_prefix(self.path) != Some("/") {
            return responses::not_found();
        }
        if !self.auth.admits(request.headers()) {
            return responses::unauthorized(self.auth.wants_bearer());
        }
        if self.auth.wants_bearer() {
            // The token has done its work: it goes no further (rmcp hands
            // the request's headers on to the MCP layer).
            request.headers_mut().remove(AUTHORIZATION);
        }
        // Covers reading the body and producing the answer's head; an SSE
        // body streams on after it.
        tokio::time::timeout(self.timeout, self.serve(request))
            .await
            .unwrap_or_else(|_| responses::request_timeout())
    }

    async fn serve(&self, request: Request<Incoming>) -> HttpResponse {
        let may_open_session =
            request.method() == Method::POST && !request.headers().contains_key(SESSION_ID);
        if !may_open_session {
            return self.service.handle(request).await;
        }
        let Some(_admission) = self.sessions.admit().await else {
            let id = request_id(request, self.max_body).await;
            return responses::too_many_sessions(id, self.sessions.max());
        };
        self.service.handle(request).await
    }
}

/// The JSON-RPC id of the request in `request`'s body, for an error that
/// answers it; `null` when there is none.
async fn request_id(request: Request<Incoming>, max_body: usize) -> Value {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        id: Value,
    }
    let Ok(body) = Limited::new(request.into_body(), max_body).collect().await else {
        return Value::Null;
    };
    serde_json::from_slice::<Probe>(&body.to_bytes()).map_or(Value::Null, |probe| probe.id)
}
