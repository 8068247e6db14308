//! One marker type per hook event, for typed hooks.
//!
//! [`HookMatcher::on`](super::HookMatcher::on) and
//! [`#[hook]`](crate::hook) use them to tie a callback's input type to its
//! event at compile time: `PreToolUseInput` implements
//! [`HookInputFor<event::PreToolUse>`](super::HookInputFor), and nothing
//! else does (apart from [`HookInput`](super::HookInput), which fits every
//! event).
//!
//! ```
//! use claude_agent_sdk::hooks::{event, HookMatcher, HookOutput, StopInput};
//!
//! let on_stop = HookMatcher::on(event::Stop, |input: StopInput, _ctx| async move {
//!     println!("stopped: {:?}", input.last_assistant_message);
//!     HookOutput::default()
//! });
//! # drop(on_stop);
//! ```

use super::HookEvent;
use super::event_list::for_each_hook_event;

mod sealed {
    pub trait Sealed {}
}

/// A hook event known at compile time: one of the marker types of this
/// module.
pub trait HookEventMarker: sealed::Sealed + Copy + Send + Sync + 'static {
    /// The event's name on the wire.
    const NAME: &'static str;

    /// The event.
    #[must_use]
    fn event() -> HookEvent {
        HookEvent::from(Self::NAME)
    }
}

macro_rules! markers {
    ($( $event:ident($input:ident), )*) => {
        $(
            #[doc = concat!("The `", stringify!($event), "` event (see [`HookEvent::", stringify!($event), "`]).")]
            #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
            pub struct $event;

            impl sealed::Sealed for $event {}

            impl HookEventMarker for $event {
                const NAME: &'static str = stringify!($event);
            }
        )*
    };
}

for_each_hook_event!(markers);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_known_events() {
        assert_eq!(PreToolUse::event(), HookEvent::PreToolUse);
        assert_eq!(MessageDisplay::event(), HookEvent::MessageDisplay);
        macro_rules! check {
            ($( $event:ident($input:ident), )*) => {
                let names = [$( $event::NAME, )*];
                assert_eq!(names.len(), HookEvent::ALL.len());
                for (name, event) in names.iter().zip(HookEvent::ALL) {
                    assert_eq!(*name, event.as_str());
                }
            };
        }
        for_each_hook_event!(check);
    }
}
