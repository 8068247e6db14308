//! Who may use an HTTP server: a bearer token compared in constant time, a
//! custom check over the request's headers, and the rule that a server
//! reachable from other machines needs one of them.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use http::HeaderMap;
use http::header::AUTHORIZATION;

use crate::error::Error;

/// A custom check of a request's headers: `true` lets the request through.
pub(super) type AuthorizeFn = Arc<dyn Fn(&HeaderMap) -> bool + Send + Sync>;

/// The authentication an HTTP server requires: every configured check must
/// pass.
#[derive(Clone, Default)]
pub(super) struct Auth {
    bearer: Option<BearerToken>,
    custom: Option<AuthorizeFn>,
}

impl Auth {
    pub(super) fn set_bearer(&mut self, token: String) {
        self.bearer = Some(BearerToken(token.into_bytes().into_boxed_slice()));
    }

    pub(super) fn set_custom(&mut self, check: AuthorizeFn) {
        self.custom = Some(check);
    }

    /// Whether any check is configured.
    pub(super) fn is_configured(&self) -> bool {
        self.bearer.is_some() || self.custom.is_some()
    }

    /// Whether a bearer token is configured (401 answers then carry a
    /// `WWW-Authenticate: Bearer` challenge).
    pub(super) fn wants_bearer(&self) -> bool {
        self.bearer.is_some()
    }

    /// Whether a request with these headers may go on.
    pub(super) fn admits(&self, headers: &HeaderMap) -> bool {
        let bearer_ok = self
            .bearer
            .as_ref()
            .is_none_or(|token| token.matches(headers));
        // Both checks run whatever the first said: no shortcut tells which
        // one refused.
        let custom_ok = self.custom.as_ref().is_none_or(|check| check(headers));
        bearer_ok & custom_ok
    }

    /// Refuses a bearer token that no client could send.
    pub(super) fn validate(&self) -> Result<(), Error> {
        let Some(token) = &self.bearer else {
            return Ok(());
        };
        let reason = if token.0.is_empty() {
            "the token is empty"
        } else if !token.0.iter().all(|b| b.is_ascii_graphic()) {
            "the token must be visible ASCII without spaces (RFC 6750)"
        } else {
            return Ok(());
        };
        Err(Error::InvalidHttpOption {
            option: "bearer_token",
            reason: reason.to_owned(),
        })
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field("bearer", &self.bearer)
            .field("custom", &self.custom.as_ref().map(|_| "<fn>"))
            .finish()
    }
}

/// A bearer token. Its value never appears in `Debug` output.
#[derive(Clone)]
struct BearerToken(Box<[u8]>);

impl BearerToken {
    /// Whether the `Authorization` header is `Bearer <this token>`.
    fn matches(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers.get(AUTHORIZATION) else {
            return false;
        };
        let value = value.as_bytes();
        let Some(split) = value.iter().position(|&b| b == b' ') else {
            return false;
        };
        let (scheme, rest) = value.split_at(split);
        let given = rest.trim_ascii_start();
        scheme.eq_ignore_ascii_case(b"bearer") && constant_time_eq(given, &self.0)
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}

/// Compares `given` with `expected` in a time that depends on the length of
/// `expected` only, never on where the first difference is.
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = u8::from(given.len() != expected.len());
    for (i, &e) in expected.iter().enumerate() {
        // `get` branches on the lengths only, not on the bytes.
        diff |= given.get(i).copied().unwrap_or(0) ^ e;
    }
    std::hint::black_box(diff) == 0
}

/// Refuses to serve a non-loopback address without authentication, unless
/// the user opted in.
pub(super) fn check_exposure(
    addr: SocketAddr,
    auth: &Auth,
    allow_unauthenticated_remote: bool,
) -> Result<(), Error> {
    if is_loopback(addr) || auth.is_configured() || allow_unauthenticated_remote {
        Ok(())
    } else {
        Err(Error::UnauthenticatedRemote { addr })
    }
}

/// Whether only this machine can reach `addr` (`0.0.0.0` and `::` are
/// every interface, so not loopback).
fn is_loopback(addr: SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, authorization.parse().unwrap());
        headers
    }

    fn bearer(token: &str) -> Auth {
        let mut auth = Auth::default();
        auth.set_bearer(token.to_owned());
        auth
    }

    #[test]
    fn constant_time_eq_is_equality() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(constant_time_eq(b"", b""));
        assert!(!constant_time_eq(b"abd", b"abc"));
        assert!(!constant_time_eq(b"ab", b"abc"));
        assert!(!constant_time_eq(b"abcd", b"abc"));
        assert!(!constant_time_eq(b"abc\0", b"abc"));
        assert!(!constant_time_eq(b"", b"abc"));
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive_and_the_token_is_not() {
        let auth = bearer("Tok-1");
        assert!(auth.admits(&headers("Bearer Tok-1")));
        assert!(auth.admits(&headers("bearer  Tok-1")));
        assert!(!auth.admits(&headers("Bearer tok-1")));
        assert!(!auth.admits(&headers("Basic Tok-1")));
        assert!(!auth.admits(&headers("Tok-1")));
        assert!(!auth.admits(&HeaderMap::new()));
    }

    #[test]
    fn every_configured_check_must_pass() {
        let mut auth = bearer("t");
        auth.set_custom(Arc::new(|h: &HeaderMap| h.contains_key("x-ok")));
        let mut both = headers("Bearer t");
        assert!(!auth.admits(&both));
        both.insert("x-ok", "1".parse().unwrap());
        assert!(auth.admits(&both));
        let mut custom_only = HeaderMap::new();
        custom_only.insert("x-ok", "1".parse().unwrap());
        assert!(!auth.admits(&custom_only));
    }

    #[test]
    fn debug_never_shows_the_token() {
        let auth = bearer("very-secret-value");
        let shown = format!("{auth:?}");
        assert!(!shown.contains("very-secret-value"), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }

    #[test]
    fn unusable_tokens_are_refused_without_showing_them() {
        assert!(bearer("ok_token").validate().is_ok());
        for token in ["", "has space", "line\nbreak", "é"] {
            let err = bearer(token).validate().unwrap_err();
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
            if !token.is_empty() {
                assert!(!err.to_string().contains(token), "{err}");
            }
        }
    }

    #[test]
    fn only_loopback_addresses_may_go_without_auth() {
        let none = Auth::default();
        for addr in [
            "127.0.0.1:1",
            "127.9.9.9:1",
            "[::1]:1",
            "[::ffff:127.0.0.1]:1",
        ] {
            assert!(
                check_exposure(addr.parse().unwrap(), &none, false).is_ok(),
                "{addr}"
            );
        }
        for addr in ["0.0.0.0:1", "[::]:1", "192.168.1.2:1", "[2001:db8::1]:1"] {
            let addr: SocketAddr = addr.parse().unwrap();
            assert!(matches!(
                check_exposure(addr, &none, false),
                Err(Error::UnauthenticatedRemote { addr: a }) if a == addr
            ));
            assert!(check_exposure(addr, &none, true).is_ok());
            assert!(check_exposure(addr, &bearer("t"), false).is_ok());
        }
    }
}
