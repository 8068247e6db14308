//! Generators of hostile CLI output for the property tests: arbitrary JSON
//! that looks a little like the protocol, and lines that are not JSON at
//! all.

use proptest::prelude::*;
use serde_json::{Value, json};

/// Arbitrary JSON values, nested a few levels, with the protocol's type
/// names and keys among the strings.
pub(crate) fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("assistant"),
            Just("user"),
            Just("result"),
            Just("system"),
            Just("stream_event"),
            Just("control_request"),
            Just("control_response"),
            Just("control_cancel_request"),
            Just("keep_alive"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("subtype".to_owned()),
                    Just("message".to_owned()),
                    Just("content".to_owned()),
                    Just("request_id".to_owned()),
                    Just("request".to_owned()),
                    Just("response".to_owned()),
                    ".{0,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One line of garbage (without its newline): random bytes, arbitrary
/// JSON, control frames with arbitrary contents, a line longer than
/// `long` bytes, invalid UTF-8.
pub(crate) fn garbage_line(long: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200).prop_map(|mut v| {
            v.retain(|b| *b != b'\n');
            v
        }),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        json_value().prop_map(|v| json!({"type": "control_response", "response": v})
            .to_string()
            .into_bytes()),
        Just(b"{\"type\":\"control_cancel_request\"}".to_vec()),
        Just(b"{\"type\":\"control_request\"}".to_vec()),
        Just(b"{\"type\":\"keep_alive\"}".to_vec()),
        Just(vec![b'x'; long + 1]),
        Just(vec![0xff, 0xfe, b'{', 0xc3]),
    ]
}
