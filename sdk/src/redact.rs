//! Redaction of secrets: the values the SDK gives the CLI (environment
//! variables, MCP server headers and environments, settings `env`) are cut
//! out of what the CLI writes to stderr, and secret-bearing fields are
//! hidden in `Debug` output.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde_json::{Map, Value};

/// What replaces a secret.
pub(crate) const REDACTED: &str = "[redacted]";

/// Values shorter than this (in bytes) are not redacted from stderr: they
/// are too likely to be flags or common words (`1`, `true`, `high`,
/// `medium`), and cutting them out would garble every line. A secret that
/// short could be guessed anyway.
pub(crate) const MIN_SECRET_LEN: usize = 8;

/// The secret values of one session, cut out of the CLI's stderr before it
/// is logged, passed to the stderr callback, or kept for error messages.
///
/// Cloning shares the values.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    /// Longest first, so that a secret containing another is cut whole.
    needles: Arc<[String]>,
}

impl Redactor {
    /// A redactor for these values. Values shorter than [`MIN_SECRET_LEN`]
    /// are ignored; a value is also matched in its JSON-escaped form (the
    /// CLI prints some messages as JSON strings).
    pub(crate) fn new<I, S>(values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut needles: Vec<String> = Vec::new();
        for value in values {
            let value = value.as_ref();
            if value.len() < MIN_SECRET_LEN {
                continue;
            }
            needles.push(value.to_owned());
            let escaped = Value::String(value.to_owned()).to_string();
            let escaped = &escaped[1..escaped.len() - 1];
            if escaped != value {
                needles.push(escaped.to_owned());
            }
        }
        needles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        needles.dedup();
        Self {
            needles: needles.into(),
        }
    }

    /// The longest secret, in bytes (0 without secrets).
    pub(crate) fn longest(&self) -> usize {
        self.needles.first().map_or(0, String::len)
    }

    /// `text` with every secret replaced by `[redacted]`.
    pub(crate) fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for needle in self.needles.iter() {
            if out.contains(needle.as_str()) {
                out = Cow::Owned(out.replace(needle.as_str(), REDACTED));
            }
        }
        out
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("secrets", &self.needles.len())
            .finish()
    }
}

/// Object keys whose values are secrets wherever they appear in a JSON
/// configuration (compared without case, `-` and `_`).
const SECRET_KEYS: [&str; 8] = [
    "token",
    "secret",
    "password",
    "apikey",
    "authorization",
    "credential",
    "cookie",
    "privatekey",
];

/// Object keys whose values are maps of secrets: every value is hidden,
/// the names are kept.
const SECRET_MAPS: [&str; 2] = ["env", "headers"];

fn normalised(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_secret_key(key: &str) -> bool {
    let key = normalised(key);
    SECRET_KEYS.iter().any(|secret| key.contains(secret))
}

/// A copy of a JSON configuration (settings, an MCP server) fit for
/// `Debug`: the values of `env` and `headers` maps, and of keys that name a
/// secret (`token`, `password`, `apiKey`, `Authorization`, ...), are
/// replaced by `[redacted]`.
pub(crate) fn redact_json(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, item) in map {
                let redacted = if SECRET_MAPS.contains(&key.as_str()) {
                    redact_map_values(item)
                } else if is_secret_key(key) && !item.is_object() && !item.is_array() {
                    Value::String(REDACTED.to_owned())
                } else {
                    redact_json(item)
                };
                out.insert(key.clone(), redacted);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

fn redact_map_values(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.keys()
                .map(|k| (k.clone(), Value::String(REDACTED.to_owned())))
                .collect(),
        ),
        other => redact_json(other),
    }
}

/// Every string value of the secret-bearing parts of a JSON configuration:
/// the values of `env` and `headers` maps and of keys that name a secret.
pub(crate) fn secret_values(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if SECRET_MAPS.contains(&key.as_str()) {
                    if let Value::Object(values) = item {
                        out.extend(values.values().filter_map(Value::as_str).map(str::to_owned));
                        continue;
                    }
                } else if is_secret_key(key)
                    && let Some(text) = item.as_str()
                {
                    out.push(text.to_owned());
                    continue;
                }
                secret_values(item, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                secret_values(item, out);
            }
        }
        _ => {}
    }
}

/// A URL fit for `Debug`: its user information and query (where tokens
/// are sometimes put) are replaced by `[redacted]`.
pub(crate) fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, _)) => (base, Some(REDACTED)),
        None => (url, None),
    };
    let base = match base.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find('/').unwrap_or(rest.len());
            match rest[..authority_end].rsplit_once('@') {
                Some((_, host)) => {
                    format!("{scheme}://{REDACTED}@{host}{}", &rest[authority_end..])
                }
                None => base.to_owned(),
            }
        }
        None => base.to_owned(),
    };
    match query {
        Some(query) => format!("{base}?{query}"),
        None => base,
    }
}

/// Names of a map with every value hidden, for `Debug`.
pub(crate) struct HiddenValues<'a, K: fmt::Debug>(pub(crate) Vec<&'a K>);

impl<K: fmt::Debug> fmt::Debug for HiddenValues<'_, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|k| (k, REDACTED)))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secrets_are_cut_out_longest_first() {
        let redactor = Redactor::new(["tok-0123456789", "tok-0123456789-extended", "short"]);
        assert_eq!(
            redactor.redact("a tok-0123456789-extended b tok-0123456789 c short"),
            "a [redacted] b [redacted] c short"
        );
        assert_eq!(redactor.redact("nothing here"), "nothing here");
    }

    #[test]
    fn json_escaped_forms_are_cut_out_too() {
        let redactor = Redactor::new(["pa\"ss\\word-123"]);
        assert_eq!(
            redactor.redact(r#"{"message":"bad pa\"ss\\word-123"}"#),
            r#"{"message":"bad [redacted]"}"#
        );
    }

    #[test]
    fn short_values_are_not_redacted() {
        let redactor = Redactor::new(["1", "true", "medium", "1234567"]);
        assert!(redactor.needles.is_empty());
        assert_eq!(redactor.redact("true 1234567"), "true 1234567");
    }

    #[test]
    fn json_configs_lose_their_secret_values_in_debug() {
        let config = json!({
            "env": {"TOKEN": "v1", "PATH": "/bin"},
            "headers": {"Authorization": "Bearer v2"},
            "nested": [{"apiKey": "v3", "api-token": "v4", "model": "opus"}],
            "url": "http://x",
        });
        let shown = redact_json(&config).to_string();
        for secret in ["v1", "/bin", "v2", "v3", "v4"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("TOKEN") && shown.contains("opus") && shown.contains("http://x"));
        let mut values = Vec::new();
        secret_values(&config, &mut values);
        values.sort();
        assert_eq!(values, ["/bin", "Bearer v2", "v1", "v3", "v4"]);
    }

    #[test]
    fn urls_lose_user_information_and_query() {
        assert_eq!(
            redact_url("https://user:pw@host:1/mcp?token=abc"),
            "https://[redacted]@host:1/mcp?[redacted]"
        );
        assert_eq!(
            redact_url("http://127.0.0.1:8/mcp"),
            "http://127.0.0.1:8/mcp"
        );
    }
}
