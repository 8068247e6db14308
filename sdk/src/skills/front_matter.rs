//! [`FrontMatter`]: the YAML header of a `SKILL.md`.

use serde_json::{Map, Value};

/// The keys Claude Code 2.1.330 reads from the front matter of a skill,
/// command, agent or plugin file (its own list). Any other key is kept but
/// ignored by the CLI.
pub(crate) const CLI_KEYS: &[&str] = &[
    "name",
    "description",
    "model",
    "allowed-tools",
    "disallowed-tools",
    "disallowedTools",
    "argument-hint",
    "arguments",
    "disable-model-invocation",
    "user-invocable",
    "effort",
    "shell",
    "version",
    "when_to_use",
    "when-to-use",
    "paths",
    "hooks",
    "context",
    "agent",
    "background",
    "fallback",
    "metadata",
    "license",
    "compatibility",
    "author",
    "homepage",
    "repository",
    "keywords",
    "displayName",
    "dependencies",
    "settings",
    "tools",
    "color",
    "hide-from-slash-command-tool",
];

/// The front matter of a `SKILL.md`: `name`, `description`,
/// `allowed-tools`, `license` and `metadata`, plus every other key, kept
/// verbatim in [`extra`](Self::extra).
///
/// Build one with [`FrontMatter::new`] and the `with_*` methods:
///
/// ```
/// use claude_agent_sdk::skills::FrontMatter;
///
/// let front = FrontMatter::new("pdf-tools", "Fill PDF forms. Use when a PDF form must be filled.")
///     .with_allowed_tools(["Read", "Bash(python3:*)"])
///     .with_license("MIT")
///     .with_metadata("version", "1.2")
///     .with_field("argument-hint", "<file.pdf>");
/// assert_eq!(front.argument_hint(), Some("<file.pdf>"));
/// assert!(front.to_yaml().contains("allowed-tools:"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct FrontMatter {
    /// `name`: the skill's name. Claude Code lists the skill under it, with
    /// the folder name as an alias; the folder name is what the Skill tool
    /// and `system/init` use.
    pub name: Option<String>,
    /// `description`: what the skill does and when to use it. Without one
    /// the CLI uses the first line of the body and does not offer the skill
    /// to the model.
    pub description: Option<String>,
    /// `allowed-tools`: tools the skill may use without asking (a YAML list,
    /// or one comma-separated string).
    pub allowed_tools: Vec<String>,
    /// `license`.
    pub license: Option<String>,
    /// `metadata`: free-form key/value pairs.
    pub metadata: Map<String, Value>,
    /// Every other key (`argument-hint`, `model`, `when_to_use`, ...), and
    /// the raw value of a modelled key whose value has the wrong type.
    pub extra: Map<String, Value>,
}

impl FrontMatter {
    /// A front matter with a name and a description.
    #[must_use]
    pub fn new(name: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            description: Some(description.into()),
            ..Self::default()
        }
    }

    /// Sets `allowed-tools`.
    #[must_use]
    pub fn with_allowed_tools<I, S>(mut self, tools: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allowed_tools = tools.into_iter().map(Into::into).collect();
        self
    }

    /// Sets `license`.
    #[must_use]
    pub fn with_license(mut self, license: impl Into<String>) -> Self {
        self.license = Some(license.into());
        self
    }

    /// Adds an entry to `metadata`.
    #[must_use]
    pub fn with_metadata(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// Sets any other key (`argument-hint`, `model`, `when_to_use`, ...).
    /// The modelled keys (`name`, `description`, ...) go to their fields.
    #[must_use]
    pub fn with_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        let mut map = Map::new();
        map.insert(key.into(), value.into());
        let (parsed, _) = Self::from_map(map);
        self.merge(parsed);
        self
    }

    fn merge(&mut self, other: Self) {
        if other.name.is_some() {
            self.name = other.name;
        }
        if other.description.is_some() {
            self.description = other.description;
        }
        if !other.allowed_tools.is_empty() {
            self.allowed_tools = other.allowed_tools;
        }
        if other.license.is_some() {
            self.license = other.license;
        }
        self.metadata.extend(other.metadata);
        self.extra.extend(other.extra);
    }

    /// The value of any key, modelled or not, as JSON.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Value> {
        let string = |s: &Option<String>| s.clone().map(Value::String);
        match key {
            "name" if self.name.is_some() => string(&self.name),
            "description" if self.description.is_some() => string(&self.description),
            "license" if self.license.is_some() => string(&self.license),
            "allowed-tools" if !self.allowed_tools.is_empty() => Some(Value::Array(
                self.allowed_tools
                    .iter()
                    .cloned()
                    .map(Value::String)
                    .collect(),
            )),
            "metadata" if !self.metadata.is_empty() => Some(Value::Object(self.metadata.clone())),
            _ => self.extra.get(key).cloned(),
        }
    }

    fn extra_str(&self, key: &str) -> Option<&str> {
        self.extra.get(key).and_then(Value::as_str)
    }

    /// `argument-hint`: the placeholder shown after `/<skill>`.
    #[must_use]
    pub fn argument_hint(&self) -> Option<&str> {
        self.extra_str("argument-hint")
    }

    /// `when_to_use`: extra guidance on when the model should use the skill.
    #[must_use]
    pub fn when_to_use(&self) -> Option<&str> {
        self.extra_str("when_to_use")
            .or_else(|| self.extra_str("when-to-use"))
    }

    /// `model`: the model the skill runs on.
    #[must_use]
    pub fn model(&self) -> Option<&str> {
        self.extra_str("model")
    }

    /// `disable-model-invocation: true`: only the user can run the skill
    /// (as `/<skill>`); the model cannot call it through the Skill tool.
    #[must_use]
    pub fn disable_model_invocation(&self) -> bool {
        self.extra.get("disable-model-invocation") == Some(&Value::Bool(true))
    }

    /// `user-invocable: false` hides `/<skill>` from the user; the default
    /// is `true`.
    #[must_use]
    pub fn user_invocable(&self) -> bool {
        self.extra.get("user-invocable") != Some(&Value::Bool(false))
    }

    /// Every key and value: `name`, `description`, `license`,
    /// `allowed-tools` and `metadata` first, then the others.
    #[must_use]
    pub fn entries(&self) -> Vec<(String, Value)> {
        let mut entries: Vec<(String, Value)> = Vec::new();
        for key in [
            "name",
            "description",
            "license",
            "allowed-tools",
            "metadata",
        ] {
            if let Some(value) = self.get(key) {
                entries.push((key.to_owned(), value));
            }
        }
        for (key, value) in &self.extra {
            if !entries.iter().any(|(k, _)| k == key) {
                entries.push((key.clone(), value.clone()));
            }
        }
        entries
    }

    /// The front matter as block YAML (without the `---` delimiters), `name`
    /// and `description` first.
    #[must_use]
    pub fn to_yaml(&self) -> String {
        super::yaml::render(&self.entries())
    }

    /// Reads the modelled keys of `map`; a modelled key whose value has the
    /// wrong type stays in `extra`. Also returns the keys whose type was
    /// wrong.
    pub(crate) fn from_map(map: Map<String, Value>) -> (Self, Vec<String>) {
        let mut front = Self::default();
        let mut mistyped = Vec::new();
        for (key, value) in map {
            match (key.as_str(), value) {
                ("name", Value::String(s)) => front.name = Some(s),
                ("description" | "license", Value::Null) => {}
                (
                    "description",
                    scalar @ (Value::String(_) | Value::Number(_) | Value::Bool(_)),
                ) => {
                    front.description = Some(scalar_string(&scalar));
                }
                ("license", scalar @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) => {
                    front.license = Some(scalar_string(&scalar));
                }
                ("allowed-tools", Value::Null) => {}
                ("allowed-tools", Value::String(s)) => front.allowed_tools = split_tools(&s),
                ("allowed-tools", Value::Array(items)) if items.iter().all(Value::is_string) => {
                    front.allowed_tools = items
                        .into_iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect();
                }
                ("metadata", Value::Null) => {}
                ("metadata", Value::Object(map)) => front.metadata = map,
                ("name" | "description" | "license" | "allowed-tools" | "metadata", value) => {
                    mistyped.push(key.clone());
                    front.extra.insert(key, value);
                }
                (_, value) => {
                    front.extra.insert(key, value);
                }
            }
        }
        (front, mistyped)
    }
}

fn scalar_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Splits a comma-separated tool list, keeping commas inside parentheses
/// and braces (`Bash(git add:*)`, `Bash(a,b)`).
pub(crate) fn split_tools(list: &str) -> Vec<String> {
    let mut tools = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth <= 0 {
            tools.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    tools.push(current);
    tools
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn modelled_keys_and_unknown_keys() {
        let (front, mistyped) = FrontMatter::from_map(map(json!({
            "name": "pdf", "description": "PDFs", "allowed-tools": "Read, Bash(git add:*), Grep",
            "license": "MIT", "metadata": {"v": 1}, "argument-hint": "<f>", "frobnicate": true
        })));
        assert!(mistyped.is_empty());
        assert_eq!(front.name.as_deref(), Some("pdf"));
        assert_eq!(front.allowed_tools, ["Read", "Bash(git add:*)", "Grep"]);
        assert_eq!(front.metadata["v"], 1);
        assert_eq!(front.argument_hint(), Some("<f>"));
        assert_eq!(front.extra["frobnicate"], true);
        assert_eq!(front.get("name"), Some(json!("pdf")));
        assert_eq!(front.get("frobnicate"), Some(json!(true)));
    }

    #[test]
    fn wrong_types_are_kept_raw() {
        let (front, mistyped) = FrontMatter::from_map(map(json!({
            "name": 5, "description": ["a"], "allowed-tools": [1], "metadata": "x"
        })));
        assert_eq!(mistyped.len(), 4);
        assert!(front.name.is_none());
        assert_eq!(front.extra["name"], 5);
        assert_eq!(front.extra["metadata"], "x");
    }

    #[test]
    fn scalar_descriptions_become_text() {
        let (front, _) = FrontMatter::from_map(map(json!({"description": 42})));
        assert_eq!(front.description.as_deref(), Some("42"));
    }

    #[test]
    fn invocation_flags() {
        let front = FrontMatter::new("x", "y")
            .with_field("disable-model-invocation", true)
            .with_field("user-invocable", false);
        assert!(front.disable_model_invocation());
        assert!(!front.user_invocable());
        assert!(FrontMatter::default().user_invocable());
    }

    #[test]
    fn with_field_routes_modelled_keys() {
        let front = FrontMatter::default()
            .with_field("name", "n")
            .with_field("allowed-tools", json!(["Read"]));
        assert_eq!(front.name.as_deref(), Some("n"));
        assert_eq!(front.allowed_tools, ["Read"]);
        assert!(front.extra.is_empty());
    }
}
