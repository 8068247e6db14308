//! The options of an HTTP server, their defaults and their validation.

use std::time::Duration;

use super::auth::Auth;
use crate::error::Error;

/// How long a client may take to send a request's headers.
pub(super) const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request may take, from its headers to the head of its answer.
pub(super) const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How many TCP connections are served at once.
pub(super) const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// How many MCP sessions may live at once.
pub(super) const DEFAULT_MAX_SESSIONS: usize = 1000;
/// How long a session may stay unused before it is closed.
pub(super) const DEFAULT_SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(120);

/// Everything [`HttpServer`](super::HttpServer)'s builder methods set.
#[derive(Debug, Clone)]
pub(super) struct Options {
    /// `None`: the loopback names.
    pub(super) allowed_hosts: Option<Vec<String>>,
    /// Empty: every request that carries an `Origin` is refused.
    pub(super) allowed_origins: Vec<String>,
    pub(super) auth: Auth,
    pub(super) allow_unauthenticated_remote: bool,
    pub(super) header_read_timeout: Duration,
    pub(super) request_timeout: Duration,
    pub(super) max_connections: usize,
    pub(super) max_sessions: usize,
    pub(super) session_idle_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            allowed_hosts: None,
            allowed_origins: Vec::new(),
            auth: Auth::default(),
            allow_unauthenticated_remote: false,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_sessions: DEFAULT_MAX_SESSIONS,
            session_idle_timeout: DEFAULT_SESSION_IDLE_TIMEOUT,
        }
    }
}

impl Options {
    /// Refuses values that would make the server serve nothing, or serve
    /// without a limit.
    pub(super) fn validate(&self) -> Result<(), Error> {
        self.auth.validate()?;
        for (option, value) in [
            ("header_read_timeout", self.header_read_timeout),
            ("request_timeout", self.request_timeout),
            ("session_idle_timeout", self.session_idle_timeout),
        ] {
            if value.is_zero() {
                return Err(invalid(option, "must be longer than zero"));
            }
        }
        // The connection cap is a semaphore's permit count.
        let max_permits = tokio::sync::Semaphore::MAX_PERMITS.min(u32::MAX as usize);
        if !(1..=max_permits).contains(&self.max_connections) {
            return Err(invalid(
                "max_connections",
                &format!("must be between 1 and {max_permits}"),
            ));
        }
        if self.max_sessions == 0 {
            return Err(invalid("max_sessions", "must be at least 1"));
        }
        for origin in &self.allowed_origins {
            if !is_origin_pattern(origin) {
                return Err(invalid(
                    "allow_origins",
                    &format!(
                        "`{origin}` is not an origin: write `scheme://host:port`, \
                         `scheme://host:*` for any port, or `null`"
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn invalid(option: &'static str, reason: &str) -> Error {
    Error::InvalidHttpOption {
        option,
        reason: reason.to_owned(),
    }
}

/// `null`, or `scheme://host:port` where the port may be `*`: the forms the
/// `Origin` check matches exactly. (A port left out would match any port.)
fn is_origin_pattern(origin: &str) -> bool {
    if origin == "null" {
        return true;
    }
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let Some((host, port)) = authority.rsplit_once(':') else {
        return false;
    };
    let host_ok = !host.is_empty()
        && !host.contains(['/', '?', '#', '@', ' '])
        && (host.starts_with('[') == host.ends_with(']'));
    let port_ok = port == "*" || (!port.is_empty() && port.parse::<u16>().is_ok());
    scheme_ok && host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_patterns_name_a_port() {
        for ok in [
            "null",
            "http://localhost:*",
            "https://app.example.com:443",
            "http://[::1]:8080",
            "http://127.0.0.1:3000",
        ] {
            assert!(is_origin_pattern(ok), "{ok}");
        }
        for bad in [
            "",
            "localhost",
            "http://localhost",
            "https://app.example.com",
            "http://:80",
            "http://h:80/path",
            "http://h:port",
            "http://h:99999",
            "://h:1",
            "1http://h:1",
        ] {
            assert!(!is_origin_pattern(bad), "{bad}");
        }
    }

    #[test]
    fn zero_limits_are_refused() {
        let options = Options {
            max_connections: 0,
            ..Options::default()
        };
        assert!(matches!(
            options.validate(),
            Err(Error::InvalidHttpOption {
                option: "max_connections",
                ..
            })
        ));
        let options = Options {
            max_sessions: 0,
            ..Options::default()
        };
        assert!(options.validate().is_err());
        let options = Options {
            request_timeout: Duration::ZERO,
            ..Options::default()
        };
        assert!(options.validate().is_err());
        assert!(Options::default().validate().is_ok());
    }
}
