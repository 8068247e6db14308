//! The message of a caught panic.

use std::any::Any;

/// The message a panic was raised with (`panic!("...")` gives a `&str` or a
/// `String`), or a placeholder for other payloads.
pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a non-string panic payload".to_owned()
    }
}
