//! Reading and writing JSON Lines leniently: a line that is not a JSON
//! object (corrupt, or half-written by a concurrent writer) is skipped.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// One JSON object per line.
pub(crate) type Entry = Map<String, Value>;

/// A non-blank line that is not a JSON object (corrupt, or cut off by a
/// writer that died), left out of the parsed entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SkippedLine {
    /// The line's number in the file, from 1.
    pub(crate) line: usize,
    /// How many entries were parsed before it: the line sat between
    /// entries `entries_before - 1` and `entries_before`.
    pub(crate) entries_before: usize,
}

/// The entries of a JSON Lines file and the lines that were skipped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed<T> {
    pub(crate) entries: Vec<T>,
    pub(crate) skipped: Vec<SkippedLine>,
}

impl<T> Parsed<T> {
    /// The numbers (from 1) of the skipped lines.
    pub(crate) fn skipped_line_numbers(&self) -> Vec<usize> {
        self.skipped.iter().map(|s| s.line).collect()
    }
}

/// Parses every non-blank line with `parse`, noting those it rejects.
fn parse_with<T>(bytes: &[u8], parse: impl Fn(&[u8]) -> Option<T>) -> Parsed<T> {
    let mut parsed = Parsed {
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.trim_ascii().is_empty() {
            continue;
        }
        match parse(line) {
            Some(entry) => parsed.entries.push(entry),
            None => parsed.skipped.push(SkippedLine {
                line: n + 1,
                entries_before: parsed.entries.len(),
            }),
        }
    }
    parsed
}

/// The JSON objects among `bytes`' lines, in order, and the lines that
/// were not one (blank lines are neither).
pub(crate) fn parse_lines(bytes: &[u8]) -> Parsed<Entry> {
    parse_with(bytes, parse_line)
}

/// The JSON objects among `bytes`' lines, in order. Blank lines, lines that
/// do not parse and values that are not objects are skipped.
pub(crate) fn parse_entries(bytes: &[u8]) -> Vec<Entry> {
    parse_lines(bytes).entries
}

/// One line as a JSON object, if it is one.
pub(crate) fn parse_line(line: &[u8]) -> Option<Entry> {
    let line = line.trim_ascii();
    if line.is_empty() {
        return None;
    }
    match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(entry)) => Some(entry),
        _ => None,
    }
}

/// Serialises entries as JSON Lines (each line ends with `\n`).
pub(crate) fn to_lines<'a>(entries: impl IntoIterator<Item = &'a Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in entries {
        // Serialising a `Value` cannot fail.
        if serde_json::to_writer(&mut out, entry).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Appends whole lines to `file` (open for reading and appending) in one
/// write, so that concurrent `O_APPEND` writers do not interleave inside a
/// line. If the file ends in a half-written line (a writer that died), a
/// newline first keeps the new lines whole.
pub(crate) fn append_lines(file: &mut File, lines: &[u8]) -> io::Result<()> {
    let len = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(lines.len() + 1);
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            bytes.push(b'\n');
        }
    }
    bytes.extend_from_slice(lines);
    file.write_all(&bytes)
}

/// A JSON object whose top-level keys keep their order, for lines this
/// SDK writes: the CLI writes `type` (or `parentUuid`) first and some
/// readers scan for line prefixes such as `{"type":"tag"`, while
/// `serde_json::Map` sorts its keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OrderedEntry(Vec<(String, Value)>);

impl OrderedEntry {
    /// An object with these fields, in this order.
    pub(crate) fn of<const N: usize>(fields: [(&str, Value); N]) -> Self {
        Self(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// Parses one line, keeping the order of its keys.
    pub(crate) fn parse(line: &[u8]) -> Option<Self> {
        serde_json::from_slice(line.trim_ascii()).ok()
    }

    /// Sets a field: in place if it exists, else at the end.
    pub(crate) fn set(&mut self, key: &str, value: Value) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    /// Removes a field.
    pub(crate) fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    /// The same object as a (key-sorted) map.
    pub(crate) fn to_map(&self) -> Entry {
        self.0.iter().cloned().collect()
    }

    /// The object as one line, without the newline.
    pub(crate) fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for OrderedEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for OrderedEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = OrderedEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<OrderedEntry, A::Error> {
                let mut fields: Vec<(String, Value)> = Vec::new();
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    match fields.iter_mut().find(|(k, _)| *k == key) {
                        // JSON.parse keeps the last of duplicate keys.
                        Some(slot) => slot.1 = value,
                        None => fields.push((key, value)),
                    }
                }
                Ok(OrderedEntry(fields))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// The JSON objects among `bytes`' lines, keeping their key order, and the
/// lines that were not one.
pub(crate) fn parse_ordered(bytes: &[u8]) -> Parsed<OrderedEntry> {
    parse_with(bytes, OrderedEntry::parse)
}

/// Lines for these entries (each ends with `\n`).
pub(crate) fn ordered_lines(entries: &[OrderedEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in entries {
        out.extend_from_slice(entry.to_line().as_bytes());
        out.push(b'\n');
    }
    out
}

/// A string field of an entry.
pub(crate) fn str_field<'a>(entry: &'a Entry, key: &str) -> Option<&'a str> {
    entry.get(key).and_then(Value::as_str)
}

/// A boolean field of an entry (`false` when missing or not a boolean).
pub(crate) fn flag(entry: &Entry, key: &str) -> bool {
    entry.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The entry's `type`.
pub(crate) fn entry_type(entry: &Entry) -> Option<&str> {
    str_field(entry, "type")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_what_is_not_an_object() {
        let text =
            b"{\"type\":\"user\"}\n\nnot json\n[1,2]\n  {\"type\":\"assistant\"}  \n{\"type\":\"us";
        let parsed = parse_lines(text);
        let types: Vec<_> = parsed.entries.iter().filter_map(entry_type).collect();
        assert_eq!(types, ["user", "assistant"]);
        assert_eq!(parsed.skipped_line_numbers(), [3, 4, 6]);
        assert_eq!(parsed.skipped[0].entries_before, 1);
        assert_eq!(parse_ordered(text).skipped, parsed.skipped);
    }

    #[test]
    fn writes_one_line_per_entry() {
        let entries = [
            serde_json::json!({"a": 1}),
            serde_json::json!({"b": "x\ny"}),
        ];
        let bytes = to_lines(&entries);
        assert_eq!(bytes, b"{\"a\":1}\n{\"b\":\"x\\ny\"}\n");
        assert_eq!(parse_entries(&bytes).len(), 2);
    }

    #[test]
    fn appended_lines_start_on_a_line_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl");
        let append = |lines: &[u8]| {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .append(true)
                .create(true)
                .open(&path)
                .unwrap();
            append_lines(&mut file, lines).unwrap();
        };
        append(b"{\"a\":1}\n");
        append(b"{\"b\":2}\n");
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"a\":1}\n{\"b\":2}\n");
        std::fs::write(&path, b"{\"a\":1}\n{\"half").unwrap();
        append(b"{\"c\":3}\n");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"{\"a\":1}\n{\"half\n{\"c\":3}\n"
        );
    }

    #[test]
    fn ordered_entries_keep_their_key_order() {
        let mut entry = OrderedEntry::parse(br#"{"type":"user","uuid":"u","a":1,"a":2}"#).unwrap();
        entry.set("uuid", Value::from("v"));
        entry.set("new", Value::from(true));
        entry.remove("a");
        assert_eq!(entry.to_line(), r#"{"type":"user","uuid":"v","new":true}"#);
        let tag = OrderedEntry::of([("type", "tag".into()), ("tag", "x".into())]);
        assert_eq!(ordered_lines(&[tag]), b"{\"type\":\"tag\",\"tag\":\"x\"}\n");
        assert!(OrderedEntry::parse(b"[1]").is_none());
    }
}
