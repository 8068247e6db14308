//! The schema policy: how every tool schema is generated and checked.
//!
//! MCP clients, and Claude Code in particular, are picky about tool schemas:
//! a `$ref`/`$defs` anywhere, a root that is not an object, or a top-level
//! `oneOf` can make a tool (or a whole server's tool list) disappear without
//! an error. So every schema this crate produces is made the same way:
//!
//! - JSON Schema 2020-12 from [`schemars`], for the *deserialize* contract
//!   of input types (what the tool accepts) and the *serialize* contract of
//!   output types;
//! - every subschema inlined; no `$schema`, `$ref` or `$defs`; the root's
//!   `title` and `description` dropped (the tool has its own description);
//! - only the `format`s that JSON Schema 2020-12 defines (`int64`, `uint8`
//!   and friends are dropped);
//! - an input schema's root must be `"type": "object"` without a top-level
//!   `oneOf`/`anyOf`/`allOf`, and its property names must match
//!   `[A-Za-z0-9_.-]{1,64}`;
//! - an output schema's root must be `"type": "object"`: output types whose
//!   schema is anything else get no output schema;
//! - recursive types are refused: they cannot be written without `$ref`.
//!
//! ```
//! use claude_agent_mcp::schema::input_schema_for;
//! use serde_json::json;
//!
//! #[derive(schemars::JsonSchema)]
//! struct Point { x: i64, y: Option<i64> }
//!
//! let schema = input_schema_for::<Point>().unwrap();
//! assert_eq!(serde_json::Value::Object(schema), json!({
//!     "type": "object",
//!     "properties": {
//!         "x": {"type": "integer"},
//!         "y": {"type": ["integer", "null"]}
//!     },
//!     "required": ["x"]
//! }));
//! ```

use schemars::generate::SchemaSettings;
use schemars::transform::RestrictFormats;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

use crate::error::SchemaError;

/// A JSON object.
pub type JsonObject = Map<String, Value>;

/// The input schema of `T`, following the policy of this module.
pub fn input_schema_for<T: JsonSchema + ?Sized>() -> Result<JsonObject, SchemaError> {
    let schema = generate::<T>(false);
    let object = into_object::<T>(schema)?;
    check_no_references(&object, &T::schema_name())?;
    check_input_schema(&object)?;
    Ok(object)
}

/// The output schema of `T` (its serialize contract), following the policy
/// of this module.
///
/// `Ok(None)` when the root is not `"type": "object"` (including a type
/// that accepts any value, like `serde_json::Value`): MCP before 2026-07-28
/// only allows object output schemas and object structured content, so such
/// a tool has no output schema, and [`Json`](crate::Json) sends its values
/// as JSON text only (or as structured content when a value happens to be an
/// object).
pub fn output_schema_for<T: JsonSchema + ?Sized>() -> Result<Option<JsonObject>, SchemaError> {
    let schema = generate::<T>(true);
    if !schema.as_value().is_object() {
        return Ok(None);
    }
    let object = into_object::<T>(schema)?;
    check_no_references(&object, &T::schema_name())?;
    if object.get("type").and_then(Value::as_str) == Some("object") {
        Ok(Some(object))
    } else {
        Ok(None)
    }
}

/// Checks a (possibly hand-written) output schema: its root must be
/// `"type": "object"`, as MCP requires before 2026-07-28.
pub(crate) fn check_output_schema(schema: &JsonObject) -> Result<(), SchemaError> {
    match schema.get("type") {
        Some(Value::String(t)) if t == "object" => Ok(()),
        other => Err(SchemaError::new(format!(
            "the root must be `\"type\": \"object\"`, as MCP requires of output schemas, not {}; \
             return no output schema, or wrap the output in a struct",
            other.map_or_else(|| "a schema without a type".to_owned(), Value::to_string)
        ))),
    }
}

/// Checks a (possibly hand-written) input schema against the policy.
///
/// ```
/// use claude_agent_mcp::schema::check_input_schema;
/// use serde_json::json;
///
/// let ok = json!({"type": "object", "properties": {"q": {"type": "string"}}});
/// assert!(check_input_schema(ok.as_object().unwrap()).is_ok());
/// let array = json!({"type": "array"});
/// assert!(check_input_schema(array.as_object().unwrap()).is_err());
/// ```
pub fn check_input_schema(schema: &JsonObject) -> Result<(), SchemaError> {
    match schema.get("type") {
        Some(Value::String(t)) if t == "object" => {}
        Some(other) => {
            return Err(SchemaError::new(format!(
                "the root must be `\"type\": \"object\"` (a struct or named parameters), not {other}; \
                 wrap the value in a struct"
            )));
        }
        None => {
            return Err(SchemaError::new(
                "the root must be `\"type\": \"object\"` (a struct or named parameters); \
                 enums and other non-struct types must be wrapped in a struct",
            ));
        }
    }
    for keyword in ["oneOf", "anyOf", "allOf"] {
        if schema.contains_key(keyword) {
            return Err(SchemaError::new(format!(
                "the root has `{keyword}` (from a flattened or untagged enum?), which the Claude API \
                 refuses at the top level; move the enum into a field"
            )));
        }
    }
    check_no_references(schema, "the input type")?;
    check_property_names(schema)
}

fn generate<T: JsonSchema + ?Sized>(serialize: bool) -> Schema {
    let mut settings = SchemaSettings::draft2020_12().with(|s| s.inline_subschemas = true);
    if serialize {
        settings = settings.for_serialize();
    }
    // `RestrictFormats` reads `$schema` to know the draft: it is removed
    // only afterwards.
    settings
        .with_transform(RestrictFormats::default())
        .into_generator()
        .into_root_schema_for::<T>()
}

fn into_object<T: JsonSchema + ?Sized>(schema: Schema) -> Result<JsonObject, SchemaError> {
    let Value::Object(mut object) = schema.to_value() else {
        return Err(SchemaError::new(format!(
            "`{}` accepts any value, so it has no object schema; use a struct",
            T::schema_name()
        )));
    };
    object.remove("$schema");
    object.remove("title");
    object.remove("description");
    Ok(object)
}

/// `$ref`/`$defs` survive inlining only for recursive types.
fn check_no_references(schema: &JsonObject, root_name: &str) -> Result<(), SchemaError> {
    let recursive = |name: &str| {
        SchemaError::new(format!(
            "`{name}` is recursive (it contains itself), and a recursive type needs `$ref`, \
             which Claude Code does not accept in tool schemas; use a non-recursive type \
             (or `serde_json::Value` for the recursive part)"
        ))
    };
    for key in ["$defs", "definitions"] {
        if let Some(Value::Object(defs)) = schema.get(key) {
            let name = defs.keys().next().map_or(root_name, String::as_str);
            return Err(recursive(name));
        }
    }
    if find_ref(&Value::Object(schema.clone())) {
        return Err(recursive(root_name));
    }
    Ok(())
}

fn find_ref(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.contains_key("$ref") || map.values().any(find_ref),
        Value::Array(items) => items.iter().any(find_ref),
        _ => false,
    }
}

fn check_property_names(schema: &JsonObject) -> Result<(), SchemaError> {
    fn walk(value: &Value) -> Result<(), SchemaError> {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for name in properties.keys() {
                        let valid = !name.is_empty()
                            && name.len() <= 64
                            && name
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
                        if !valid {
                            return Err(SchemaError::new(format!(
                                "the property name `{name}` is not accepted by the Claude API \
                                 (1 to 64 characters from `[A-Za-z0-9_.-]`); rename it with \
                                 `#[serde(rename = \"...\")]`"
                            )));
                        }
                    }
                }
                map.values().try_for_each(walk)
            }
            Value::Array(items) => items.iter().try_for_each(walk),
            _ => Ok(()),
        }
    }
    walk(&Value::Object(schema.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemars::JsonSchema;
    use serde_json::json;

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Inner {
        depth: u8,
    }

    /// Root docs are dropped.
    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Outer {
        /// The inner options.
        inner: Inner,
        id: u64,
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Node {
        children: Vec<Node>,
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Tree {
        root: Node,
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    enum Choice {
        A,
        B,
    }

    #[test]
    fn nested_types_are_inlined_without_meta_keywords_or_custom_formats() {
        let schema = Value::Object(input_schema_for::<Outer>().unwrap());
        assert_eq!(
            schema,
            json!({
                "type": "object",
                "properties": {
                    "inner": {
                        "description": "The inner options.",
                        "type": "object",
                        "properties": {"depth": {"type": "integer", "minimum": 0, "maximum": 255}},
                        "required": ["depth"]
                    },
                    "id": {"type": "integer", "minimum": 0}
                },
                "required": ["inner", "id"]
            })
        );
    }

    #[test]
    fn recursive_types_are_refused_with_the_type_name() {
        let err = input_schema_for::<Node>().unwrap_err();
        assert!(err.message.contains("`Node` is recursive"), "{err}");
        let err = input_schema_for::<Tree>().unwrap_err();
        assert!(err.message.contains("`Node` is recursive"), "{err}");
    }

    #[test]
    fn non_object_roots_are_refused() {
        let err = input_schema_for::<Vec<u8>>().unwrap_err();
        assert!(
            err.message.contains("must be `\"type\": \"object\"`"),
            "{err}"
        );
        let err = input_schema_for::<Choice>().unwrap_err();
        assert!(err.message.contains("wrap"), "{err}");
        let err = input_schema_for::<Value>().unwrap_err();
        assert!(
            err.message.contains("must be `\"type\": \"object\"`"),
            "{err}"
        );
    }

    #[test]
    fn output_schemas_are_optional_for_non_objects() {
        assert!(output_schema_for::<Vec<u8>>().unwrap().is_none());
        assert!(output_schema_for::<Choice>().unwrap().is_none());
        assert!(output_schema_for::<Option<Outer>>().unwrap().is_none());
        assert!(output_schema_for::<Value>().unwrap().is_none());
        assert!(output_schema_for::<Outer>().unwrap().is_some());
        assert!(output_schema_for::<Node>().is_err());
    }

    #[test]
    fn hand_written_output_schemas_must_be_objects() {
        let object = json!({"type": "object", "properties": {}});
        assert!(check_output_schema(object.as_object().unwrap()).is_ok());
        let array = json!({"type": "array"});
        let err = check_output_schema(array.as_object().unwrap()).unwrap_err();
        assert!(err.message.contains("not \"array\""), "{err}");
        let untyped = json!({"oneOf": []});
        let err = check_output_schema(untyped.as_object().unwrap()).unwrap_err();
        assert!(err.message.contains("without a type"), "{err}");
    }

    #[test]
    fn property_names_are_checked() {
        let schema = json!({"type": "object", "properties": {"a b": {"type": "string"}}});
        let err = check_input_schema(schema.as_object().unwrap()).unwrap_err();
        assert!(err.message.contains("`a b`"), "{err}");
    }
}
