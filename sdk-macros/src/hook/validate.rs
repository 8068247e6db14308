//! Checking the attribute and the function, collecting every problem.

use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, FnArg, Ident, Lit, LitStr, Path, ReturnType, Type};

use super::events::{EVENTS, suggestion};
use super::expand::Dummy;
use super::parse::{Parsed, call_site};
use crate::common::params;

/// A hook's timeout, as written.
pub(super) enum Timeout {
    /// Whole seconds.
    Seconds(u64),
    /// Fractional seconds.
    SecondsF64(f64),
}

/// A checked `#[hook]`.
pub(super) struct HookDef {
    pub(super) function: syn::ItemFn,
    pub(super) event: Ident,
    pub(super) matcher: Option<LitStr>,
    pub(super) timeout: Option<Timeout>,
    /// `Continue` or `Block`.
    pub(super) on_failure: Option<Ident>,
    pub(super) krate: Path,
    pub(super) input_ty: Type,
    pub(super) context_ty: Option<Type>,
    pub(super) output_ty: Type,
}

pub(super) fn validate(parsed: Parsed) -> Result<HookDef, (syn::Error, Box<Dummy>)> {
    let Parsed { args, function } = parsed;
    let mut errors = crate::common::diagnostics::Errors::default();

    let event = match args.event {
        Some(event) if EVENTS.contains(&event.to_string().as_str()) => Some(event),
        Some(event) => {
            let name = event.to_string();
            let hint = match suggestion(&name) {
                Some(known) => format!("; did you mean `{known}`?"),
                None => format!("; the events are: {}", EVENTS.join(", ")),
            };
            errors.at(event.span(), format!("unknown hook event `{name}`{hint}"));
            None
        }
        None => {
            errors.at(
                call_site(),
                "`#[hook]` needs the hook's event first, e.g. `#[hook(PreToolUse)]`",
            );
            None
        }
    };

    let mut matcher = None;
    let mut timeout = None;
    let mut on_failure = None;
    let mut krate = None;
    for (key, value) in args.options {
        let name = key.to_string();
        let duplicate = match name.as_str() {
            "matcher" => matcher.is_some(),
            "timeout" => timeout.is_some(),
            "on_failure" => on_failure.is_some(),
            "crate" => krate.is_some(),
            _ => false,
        };
        if duplicate {
            errors.at(key.span(), format!("`{name}` is given twice"));
            continue;
        }
        match name.as_str() {
            "matcher" => match string(&value) {
                Some(lit) => matcher = Some(lit),
                None => errors.at(
                    value.span(),
                    "`matcher` is a string: a regular expression over tool names, e.g. \
                     `matcher = \"Bash|Write\"`",
                ),
            },
            "timeout" => match seconds(&value) {
                Ok(t) => timeout = Some(t),
                Err(message) => errors.at(value.span(), message),
            },
            "on_failure" => match string(&value).as_ref().map(LitStr::value).as_deref() {
                Some("continue") => on_failure = Some(Ident::new("Continue", value.span())),
                Some("block") => on_failure = Some(Ident::new("Block", value.span())),
                _ => errors.at(
                    value.span(),
                    "`on_failure` is `\"continue\"` or `\"block\"`",
                ),
            },
            "crate" => match string(&value).map(|lit| lit.parse::<Path>()) {
                Some(Ok(path)) => krate = Some(path),
                _ => errors.at(
                    value.span(),
                    "`crate` is the path of claude-agent-sdk as a string, e.g. `crate = \"::my_sdk\"`",
                ),
            },
            _ => errors.at(
                key.span(),
                format!(
                    "unknown `#[hook]` argument `{name}`; expected `matcher`, `timeout`, \
                     `on_failure` or `crate`"
                ),
            ),
        }
    }

    let signature = check_signature(&function, &mut errors);
    let dummy = Box::new(Dummy::of(&function, krate.clone()));
    match (errors.finish().err(), event, signature) {
        (None, Some(event), Some((input_ty, context_ty, output_ty))) => Ok(HookDef {
            function,
            event,
            matcher,
            timeout,
            on_failure,
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::claude_agent_sdk)),
            input_ty,
            context_ty,
            output_ty,
        }),
        (Some(err), ..) => Err((err, dummy)),
        // Unreachable: a missing part always comes with an error.
        (None, ..) => Err((syn::Error::new(call_site(), "invalid `#[hook]`"), dummy)),
    }
}

/// The input type, the context type (if any) and the return type.
fn check_signature(
    function: &syn::ItemFn,
    errors: &mut crate::common::diagnostics::Errors,
) -> Option<(Type, Option<Type>, Type)> {
    let sig = &function.sig;
    let before = errors.any();
    let kind = crate::common::signature::Kind {
        attr: "hook",
        what: "a hook",
        why_not_generic: "name its input type (e.g. `PreToolUseInput` or `HookInput`)",
    };
    crate::common::signature::plain_async_fn(sig, &kind, errors);
    let mut types = Vec::new();
    for (i, arg) in sig.inputs.iter().enumerate() {
        match arg {
            FnArg::Receiver(receiver) => errors.at(
                receiver.span(),
                "`#[hook]` goes on a free function, not a method",
            ),
            FnArg::Typed(_) if i >= 2 => errors.at(
                arg.span(),
                "a hook takes its input and, optionally, a `HookContext`; nothing more",
            ),
            FnArg::Typed(typed) => types.push((*typed.ty).clone()),
        }
    }
    for ident in params::named_like_fn(sig) {
        errors.at(
            ident.span(),
            format!(
                "this parameter is named like the function, which `#[hook]` turns into a unit \
                 struct `{}` that the parameter would shadow: rename the parameter",
                ident.unraw()
            ),
        );
    }
    if sig.inputs.is_empty() {
        errors.at(
            sig.paren_token.span.join(),
            "a hook takes its event's input, e.g. `input: PreToolUseInput` (and optionally `ctx: HookContext`)",
        );
    }
    let output = match &sig.output {
        ReturnType::Type(_, ty) => Some((**ty).clone()),
        ReturnType::Default => {
            errors.at(
                sig.ident.span(),
                "a hook returns `HookOutput` (or `Result<HookOutput, E>`): add `-> HookOutput`",
            );
            None
        }
    };
    if errors.any() && !before {
        return None;
    }
    let mut types = types.into_iter();
    Some((types.next()?, types.next(), output?))
}

fn string(value: &Expr) -> Option<LitStr> {
    match value {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The shortest timeout: a millisecond (a shorter one could round to a zero
/// `Duration`, which `HookMatcher::timeout` refuses).
const MIN_TIMEOUT_SECS: f64 = 0.001;

/// The longest timeout: a year (longer ones are certainly mistakes, and
/// large enough values make `Duration::from_secs_f64` panic).
const MAX_TIMEOUT_SECS: u64 = 365 * 24 * 60 * 60;

fn seconds(value: &Expr) -> Result<Timeout, &'static str> {
    const WHAT: &str = "`timeout` is a number of seconds greater than zero, e.g. `timeout = 5`";
    const TOO_SHORT: &str = "`timeout` is at least 0.001 seconds (a millisecond)";
    const TOO_LONG: &str = "`timeout` is at most 31536000 seconds (a year)";
    let Expr::Lit(lit) = value else {
        return Err(WHAT);
    };
    match &lit.lit {
        Lit::Int(int) => match int.base10_parse::<u64>() {
            Ok(0) => Err(WHAT),
            Ok(secs) if secs <= MAX_TIMEOUT_SECS => Ok(Timeout::Seconds(secs)),
            Ok(_) => Err(TOO_LONG),
            // Too large for a `u64`.
            Err(_) if int.base10_digits().bytes().all(|b| b.is_ascii_digit()) => Err(TOO_LONG),
            Err(_) => Err(WHAT),
        },
        Lit::Float(float) => match float.base10_parse::<f64>() {
            // A literal is never negative nor NaN.
            Ok(secs) if secs <= 0.0 => Err(WHAT),
            Ok(secs) if secs < MIN_TIMEOUT_SECS => Err(TOO_SHORT),
            Ok(secs) if secs <= MAX_TIMEOUT_SECS as f64 => Ok(Timeout::SecondsF64(secs)),
            // Infinity (`1e400`) included.
            Ok(_) => Err(TOO_LONG),
            Err(_) => Err(WHAT),
        },
        _ => Err(WHAT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeout(value: &str) -> Result<f64, &'static str> {
        let expr: Expr = syn::parse_str(value).unwrap();
        seconds(&expr).map(|timeout| match timeout {
            Timeout::Seconds(secs) => secs as f64,
            Timeout::SecondsF64(secs) => secs,
        })
    }

    #[test]
    fn timeouts_between_a_millisecond_and_a_year_are_accepted() {
        assert_eq!(timeout("5"), Ok(5.0));
        assert_eq!(timeout("0.5"), Ok(0.5));
        assert_eq!(timeout("0.001"), Ok(0.001));
        assert_eq!(timeout("1e-3"), Ok(0.001));
        assert_eq!(timeout("31536000"), Ok(31_536_000.0));
        assert_eq!(timeout("31536000.0"), Ok(31_536_000.0));
        assert_eq!(timeout("10_u32"), Ok(10.0));
        // Every accepted float makes a non-zero `Duration` without panicking.
        for value in ["0.001", "1e-3", "31536000.0", "2.5"] {
            let secs = timeout(value).unwrap();
            assert!(!std::time::Duration::from_secs_f64(secs).is_zero());
        }
    }

    #[test]
    fn timeouts_out_of_range_are_refused() {
        for value in ["0", "0.0", "-1", "\"5\"", "true"] {
            assert!(
                timeout(value).unwrap_err().contains("greater than zero"),
                "{value}"
            );
        }
        for value in ["1e-10", "0.0009", "5e-324"] {
            assert!(
                timeout(value).unwrap_err().contains("at least 0.001"),
                "{value}"
            );
        }
        for value in [
            "1e30",
            "1e400",
            "31536001",
            "31536000.5",
            "18446744073709551615",
            "99999999999999999999999",
        ] {
            assert!(timeout(value).unwrap_err().contains("at most"), "{value}");
        }
    }
}
