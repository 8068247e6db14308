//! Small helpers for the CLI's JSON vocabulary.

/// Declares a string-valued wire enum that keeps values it does not know.
///
/// Generates the enum (`#[non_exhaustive]`, with an `Other(String)` catch-all),
/// `as_str`, `Display`, `From<&str>`, `From<String>`, `Serialize` and
/// `Deserialize`.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this SDK does not know yet, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Other(other) => other,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $( $wire => Self::$variant, )*
                    _ => Self::Other(value),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value))
            }
        }
    };
}

pub(crate) use string_enum;

/// A JSON object: the catch-all for fields this SDK does not model.
pub(crate) type Extra = serde_json::Map<String, serde_json::Value>;

/// Deserializes `null` as the type's default, for fields the CLI may send
/// as `null` or leave out (`#[serde(default, deserialize_with = "...")]`).
pub(crate) fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    use serde::Deserialize as _;
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    string_enum! {
        /// Test enum.
        pub enum Colour {
            /// Red.
            Red = "red",
            /// Dark blue.
            DarkBlue = "darkBlue",
        }
    }

    #[test]
    fn known_and_unknown_values_round_trip() {
        let c: Colour = serde_json::from_str("\"darkBlue\"").unwrap();
        assert_eq!(c, Colour::DarkBlue);
        let o: Colour = serde_json::from_str("\"mauve\"").unwrap();
        assert_eq!(o, Colour::Other("mauve".into()));
        assert_eq!(serde_json::to_string(&o).unwrap(), "\"mauve\"");
        assert_eq!(Colour::Red.to_string(), "red");
    }
}
