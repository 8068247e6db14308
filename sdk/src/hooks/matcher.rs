//! [`HookMatcher`]: a hook callback with its event, tool matcher, timeout
//! and on-failure policy.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use serde_json::Value;

use super::event::{self, HookEventMarker};
use super::event_list::for_each_hook_event;
use super::input::*;
use super::{HookContext, HookEvent, HookOutput};

/// A type-erased hook callback: decodes the raw input and runs.
pub(crate) type HookFn =
    Arc<dyn Fn(Value, HookContext) -> BoxFuture<'static, Result<HookOutput, String>> + Send + Sync>;

/// What the CLI does when a hook fails (errors, times out or cannot be
/// reached).
///
/// Needs a CLI whose `initialize` answer says `hook_on_failure_supported`
/// (2.1.330 does, 2.1.197 does not): starting a session with
/// [`OnFailure::Block`] on an older CLI fails with
/// [`Error::Unsupported`](crate::Error::Unsupported), since it would
/// silently continue instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnFailure {
    /// Go on as if the hook had answered nothing (the CLI's default).
    Continue,
    /// Block the action the hook guards.
    Block,
}

impl OnFailure {
    /// The value on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Continue => "continue",
            Self::Block => "block",
        }
    }
}

/// A hook: a callback for one [`HookEvent`], optionally only for tools whose
/// name matches a regular expression, with a timeout and an on-failure
/// policy. Register it with
/// [`ClaudeAgentOptionsBuilder::hook`](crate::ClaudeAgentOptionsBuilder::hook).
///
/// The callback is an async closure of the input and a [`HookContext`]; it
/// returns a [`HookOutput`], or a `Result<HookOutput, E>` whose error is
/// reported to the CLI (which then goes on as if the hook had answered
/// nothing).
///
/// ```
/// use std::time::Duration;
/// use claude_agent_sdk::hooks::{HookEvent, HookInput, HookMatcher, HookOutput};
///
/// let audit = HookMatcher::new(HookEvent::PostToolUse, |input: HookInput, _ctx| async move {
///     if let HookInput::PostToolUse(call) = &input {
///         println!("{} -> {}", call.tool_name, call.tool_response);
///     }
///     Ok::<_, std::io::Error>(HookOutput::default())
/// })
/// .matcher("Bash|Write")
/// .timeout(Duration::from_secs(5));
/// assert_eq!(audit.event(), &HookEvent::PostToolUse);
/// ```
#[derive(Clone)]
#[must_use = "a hook does nothing until it is registered with `ClaudeAgentOptionsBuilder::hook`"]
pub struct HookMatcher {
    pub(crate) event: HookEvent,
    pub(crate) matcher: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) on_failure: Option<OnFailure>,
    pub(crate) callback: HookFn,
}

impl HookMatcher {
    /// A hook on `event` whose callback receives every input as a
    /// [`HookInput`]. Use this for [`HookEvent::Other`] events, or to handle
    /// several events with one function.
    pub fn new<F, Fut, R>(event: HookEvent, callback: F) -> Self
    where
        F: Fn(HookInput, HookContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoHookResult,
    {
        Self::from_decoder(event, callback, Ok)
    }

    /// A hook on the event of the marker `E` (see [`event`](super::event))
    /// whose callback receives that event's input type, e.g.
    /// [`PreToolUseInput`] for [`event::PreToolUse`]. The pairing is checked
    /// at compile time; [`HookInput`] fits every event.
    ///
    /// ```
    /// use claude_agent_sdk::hooks::{event, HookMatcher, HookOutput, PreToolUseInput};
    ///
    /// let guard = HookMatcher::on(event::PreToolUse, |input: PreToolUseInput, _ctx| async move {
    ///     if input.tool_input["command"].as_str() == Some("rm -rf /") {
    ///         HookOutput::deny("no")
    ///     } else {
    ///         HookOutput::default()
    ///     }
    /// })
    /// .matcher("Bash");
    /// # drop(guard);
    /// ```
    pub fn on<E, I, F, Fut, R>(marker: E, callback: F) -> Self
    where
        E: HookEventMarker,
        I: HookInputFor<E>,
        F: Fn(I, HookContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoHookResult,
    {
        let _ = marker;
        Self::from_decoder(E::event(), callback, I::from_hook_input)
    }

    fn from_decoder<I, F, Fut, R>(
        event: HookEvent,
        callback: F,
        convert: fn(HookInput) -> Result<I, String>,
    ) -> Self
    where
        I: Send + 'static,
        F: Fn(I, HookContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = R> + Send + 'static,
        R: IntoHookResult,
    {
        let callback: HookFn =
            Arc::new(
                move |raw, ctx| match convert(HookInput::from_value_lossy(raw)) {
                    Ok(input) => callback(input, ctx)
                        .map(IntoHookResult::into_hook_result)
                        .boxed(),
                    Err(err) => futures::future::ready(Err(err)).boxed(),
                },
            );
        Self {
            event,
            matcher: None,
            timeout: None,
            on_failure: None,
            callback,
        }
    }

    /// Only for tools whose name matches this regular expression (`Bash`,
    /// `Write|Edit`, `mcp__github__.*`). For events that are not about a
    /// tool, the CLI matches it against another field (SessionStart:
    /// `source`, Notification: `notification_type`, PreCompact: `trigger`,
    /// ...). Without a matcher the hook sees every call.
    pub fn matcher(mut self, pattern: impl Into<String>) -> Self {
        self.matcher = Some(pattern.into());
        self
    }

    /// How long the CLI waits for the callback. A slower callback is
    /// stopped and answered with an error (the CLI also withdraws the
    /// request and goes on as if the hook had answered nothing, or blocks
    /// with [`OnFailure::Block`]). Without a timeout the CLI's own default
    /// applies (10 minutes for CLI 2.1.330), and the CLI withdraws
    /// the request when it passes, which stops the callback too.
    ///
    /// # Panics
    ///
    /// If `timeout` is zero.
    #[track_caller]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        assert!(
            !timeout.is_zero(),
            "a hook's timeout must be longer than zero"
        );
        self.timeout = Some(timeout);
        self
    }

    /// What the CLI does when the hook fails (see [`OnFailure`]).
    pub fn on_failure(mut self, policy: OnFailure) -> Self {
        self.on_failure = Some(policy);
        self
    }

    /// The event.
    #[must_use]
    pub fn event(&self) -> &HookEvent {
        &self.event
    }
}

impl fmt::Debug for HookMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookMatcher")
            .field("event", &self.event)
            .field("matcher", &self.matcher)
            .field("timeout", &self.timeout)
            .field("on_failure", &self.on_failure)
            .finish_non_exhaustive()
    }
}

/// Something that can be registered as a hook: a [`HookMatcher`], or a
/// function annotated with [`#[hook]`](crate::hook).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a hook",
    label = "not a hook",
    note = "build a hook with `HookMatcher::new`, `HookMatcher::on`, or an `async fn` annotated with `#[hook(Event)]`"
)]
pub trait IntoHookMatcher {
    /// The hook.
    fn into_hook_matcher(self) -> HookMatcher;
}

impl IntoHookMatcher for HookMatcher {
    fn into_hook_matcher(self) -> HookMatcher {
        self
    }
}

/// What a hook callback may return: a [`HookOutput`], or a
/// `Result<HookOutput, E>` where `E: Display` (an error is answered as an
/// error; the CLI then goes on as if the hook had answered nothing).
#[diagnostic::on_unimplemented(
    message = "a hook must return `HookOutput` or `Result<HookOutput, E>` with `E: Display`, not `{Self}`",
    label = "not a hook answer"
)]
pub trait IntoHookResult: Send + 'static {
    /// The answer, or the error message.
    fn into_hook_result(self) -> Result<HookOutput, String>;
}

impl IntoHookResult for HookOutput {
    fn into_hook_result(self) -> Result<HookOutput, String> {
        Ok(self)
    }
}

impl<E: fmt::Display + Send + 'static> IntoHookResult for Result<HookOutput, E> {
    fn into_hook_result(self) -> Result<HookOutput, String> {
        self.map_err(|e| e.to_string())
    }
}

/// The input type of a hook on the event `E`: each event's own input type
/// (`PreToolUseInput` for [`event::PreToolUse`], ...), and [`HookInput`]
/// for every event.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the input of `{E}` hooks",
    label = "this input type does not belong to the hook's event",
    note = "a hook's input is the input type of its event (e.g. `PreToolUseInput` for `PreToolUse`), or `HookInput`"
)]
pub trait HookInputFor<E: HookEventMarker>: Sized + Send + 'static {
    /// Takes the input of a `hook_callback` request for this type.
    #[doc(hidden)]
    fn from_hook_input(input: HookInput) -> Result<Self, String>;
}

impl<E: HookEventMarker> HookInputFor<E> for HookInput {
    fn from_hook_input(input: HookInput) -> Result<Self, String> {
        Ok(input)
    }
}

macro_rules! typed_inputs {
    ($( $event:ident($input:ident), )*) => {
        $(
            impl HookInputFor<event::$event> for $input {
                fn from_hook_input(input: HookInput) -> Result<Self, String> {
                    match input {
                        HookInput::$event(input) => Ok(input),
                        HookInput::Other { event, raw, .. } if event == stringify!($event) => {
                            // Kept as `Other` because it did not fit: say why.
                            let why = HookInput::from_value(raw)
                                .err()
                                .map(|e| e.to_string())
                                .unwrap_or_default();
                            Err(format!(
                                concat!("could not decode the input of a ", stringify!($event), " hook: {}"),
                                why
                            ))
                        }
                        other => Err(format!(
                            concat!("expected the input of a ", stringify!($event), " hook, got {}"),
                            other.event()
                        )),
                    }
                }
            }
        )*
    };
}

for_each_hook_event!(typed_inputs);
