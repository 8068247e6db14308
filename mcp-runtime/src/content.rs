//! What a tool result is made of: text, images, audio, resource links and
//! embedded resources.

use base64::prelude::{BASE64_STANDARD, Engine as _};
use serde_json::{Value, json};

/// One block of a tool result's content.
///
/// ```
/// use claude_agent_mcp::{Content, Image, ResourceLink};
///
/// let blocks = vec![
///     Content::text("Here is the chart:"),
///     Image::png(b"\x89PNG...".to_vec()).into(),
///     ResourceLink::new("file:///tmp/report.csv", "report.csv").mime_type("text/csv").into(),
/// ];
/// # let _ = blocks;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Content {
    /// Text.
    Text(String),
    /// An image.
    Image(Image),
    /// Audio, base64-encoded.
    Audio {
        /// The base64-encoded data.
        data: String,
        /// Its MIME type (`audio/wav`, ...).
        mime_type: String,
    },
    /// A link to a resource the client can fetch.
    ResourceLink(ResourceLink),
    /// A text resource embedded in the result.
    EmbeddedText {
        /// The resource's URI.
        uri: String,
        /// Its MIME type, if known.
        mime_type: Option<String>,
        /// The text.
        text: String,
    },
}

impl Content {
    /// A text block.
    #[must_use]
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    /// An image block from raw bytes (base64-encoded here).
    #[must_use]
    pub fn image(bytes: impl AsRef<[u8]>, mime_type: impl Into<String>) -> Self {
        Self::Image(Image::new(bytes, mime_type))
    }

    /// An audio block from raw bytes (base64-encoded here).
    #[must_use]
    pub fn audio(bytes: impl AsRef<[u8]>, mime_type: impl Into<String>) -> Self {
        Self::Audio {
            data: BASE64_STANDARD.encode(bytes),
            mime_type: mime_type.into(),
        }
    }

    /// An embedded text resource.
    #[must_use]
    pub fn embedded_text(uri: impl Into<String>, text: impl Into<String>) -> Self {
        Self::EmbeddedText {
            uri: uri.into(),
            mime_type: None,
            text: text.into(),
        }
    }

    /// The block as MCP puts it on the wire.
    #[must_use]
    pub fn to_value(&self) -> Value {
        match self {
            Content::Text(text) => json!({"type": "text", "text": text}),
            Content::Image(image) => {
                json!({"type": "image", "data": image.data, "mimeType": image.mime_type})
            }
            Content::Audio { data, mime_type } => {
                json!({"type": "audio", "data": data, "mimeType": mime_type})
            }
            Content::ResourceLink(link) => link.to_value(),
            Content::EmbeddedText {
                uri,
                mime_type,
                text,
            } => {
                let mut resource = json!({"uri": uri, "text": text});
                if let Some(mime_type) = mime_type {
                    resource["mimeType"] = json!(mime_type);
                }
                json!({"type": "resource", "resource": resource})
            }
        }
    }
}

impl From<String> for Content {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Content {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<Image> for Content {
    fn from(image: Image) -> Self {
        Self::Image(image)
    }
}

impl From<ResourceLink> for Content {
    fn from(link: ResourceLink) -> Self {
        Self::ResourceLink(link)
    }
}

/// An image, base64-encoded, with its MIME type.
///
/// ```
/// use claude_agent_mcp::Image;
/// let image = Image::png([1u8, 2, 3]);
/// assert_eq!(image.data(), "AQID");
/// assert_eq!(image.mime_type(), "image/png");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    data: String,
    mime_type: String,
}

impl Image {
    /// An image from raw bytes.
    #[must_use]
    pub fn new(bytes: impl AsRef<[u8]>, mime_type: impl Into<String>) -> Self {
        Self {
            data: BASE64_STANDARD.encode(bytes),
            mime_type: mime_type.into(),
        }
    }

    /// A PNG image from raw bytes.
    #[must_use]
    pub fn png(bytes: impl AsRef<[u8]>) -> Self {
        Self::new(bytes, "image/png")
    }

    /// A JPEG image from raw bytes.
    #[must_use]
    pub fn jpeg(bytes: impl AsRef<[u8]>) -> Self {
        Self::new(bytes, "image/jpeg")
    }

    /// An image whose data is base64-encoded already.
    #[must_use]
    pub fn from_base64(data: impl Into<String>, mime_type: impl Into<String>) -> Self {
        Self {
            data: data.into(),
            mime_type: mime_type.into(),
        }
    }

    /// The base64-encoded data.
    #[must_use]
    pub fn data(&self) -> &str {
        &self.data
    }

    /// The MIME type.
    #[must_use]
    pub fn mime_type(&self) -> &str {
        &self.mime_type
    }
}

/// A link to a resource (a file, a URL) that the client may read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct ResourceLink {
    uri: String,
    name: String,
    title: Option<String>,
    description: Option<String>,
    mime_type: Option<String>,
    size: Option<u64>,
}

impl ResourceLink {
    /// A link to `uri`, shown as `name`.
    pub fn new(uri: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            name: name.into(),
            title: None,
            description: None,
            mime_type: None,
            size: None,
        }
    }

    /// A human-readable title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// What the resource is.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The resource's MIME type.
    pub fn mime_type(mut self, mime_type: impl Into<String>) -> Self {
        self.mime_type = Some(mime_type.into());
        self
    }

    /// The resource's size in bytes.
    pub fn size(mut self, size: u64) -> Self {
        self.size = Some(size);
        self
    }

    /// The URI.
    #[must_use]
    pub fn uri(&self) -> &str {
        &self.uri
    }

    fn to_value(&self) -> Value {
        let mut value = json!({"type": "resource_link", "uri": self.uri, "name": self.name});
        let optional = [
            ("title", self.title.clone().map(Value::String)),
            ("description", self.description.clone().map(Value::String)),
            ("mimeType", self.mime_type.clone().map(Value::String)),
            ("size", self.size.map(Value::from)),
        ];
        for (key, field) in optional {
            if let Some(field) = field {
                value[key] = field;
            }
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_standard_padded_base64() {
        let encoded = |bytes: &[u8]| Image::png(bytes).data().to_owned();
        assert_eq!(encoded(b""), "");
        assert_eq!(encoded(b"f"), "Zg==");
        assert_eq!(encoded(b"fo"), "Zm8=");
        assert_eq!(encoded(b"foo"), "Zm9v");
        assert_eq!(encoded(b"foobar"), "Zm9vYmFy");
        assert_eq!(encoded(&[0xff, 0xfe, 0xfd, 0x00]), "//79AA==");
        assert!(
            matches!(Content::audio(b"fo", "audio/wav"), Content::Audio { data, .. } if data == "Zm8=")
        );
    }

    #[test]
    fn blocks_serialize_like_mcp() {
        assert_eq!(
            Content::text("hi").to_value(),
            json!({"type": "text", "text": "hi"})
        );
        assert_eq!(
            Content::image([1u8, 2, 3], "image/png").to_value(),
            json!({"type": "image", "data": "AQID", "mimeType": "image/png"})
        );
        assert_eq!(
            Content::from(ResourceLink::new("file:///a", "a").size(3)).to_value(),
            json!({"type": "resource_link", "uri": "file:///a", "name": "a", "size": 3})
        );
        assert_eq!(
            Content::embedded_text("mem://x", "body").to_value(),
            json!({"type": "resource", "resource": {"uri": "mem://x", "text": "body"}})
        );
    }
}
