//! What the reader knows about the run: results so far and session state.

use crate::messages::{Message, SessionState, SystemMessage};

/// The state of the run as the reader has seen it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RunState {
    /// Results seen so far.
    pub(crate) results: u64,
    /// Whether the CLI sends `session_state_changed` frames.
    pub(crate) emits_state: bool,
    /// The last session state seen.
    pub(crate) state: Option<SessionState>,
    /// `system/init` messages seen (one per turn).
    pub(crate) turns_started: u64,
    /// `running` frames seen.
    pub(crate) runs: u64,
    /// The capabilities of the latest `system/init`.
    pub(crate) capabilities: Vec<String>,
    /// The session id, once known.
    pub(crate) session_id: Option<String>,
    /// The CLI's output has ended.
    pub(crate) closed: bool,
    /// The CLI's slash commands from its latest `commands_changed`, if any.
    pub(crate) commands: Option<Vec<crate::control::SlashCommand>>,
}

impl RunState {
    /// Updates the state with a message. Returns whether anything changed.
    pub(crate) fn observe(&mut self, message: &Message) -> bool {
        match message {
            Message::Result(result) => {
                self.results += 1;
                if !result.session_id.is_empty() {
                    self.session_id = Some(result.session_id.clone());
                }
                true
            }
            Message::System(SystemMessage::SessionStateChanged(change)) => {
                self.emits_state = true;
                if change.state == SessionState::Running {
                    self.runs += 1;
                }
                self.state = Some(change.state.clone());
                true
            }
            Message::System(SystemMessage::Init(init)) => {
                self.turns_started += 1;
                if self.capabilities != init.capabilities {
                    self.capabilities.clone_from(&init.capabilities);
                }
                if !init.session_id.is_empty() {
                    self.session_id = Some(init.session_id.clone());
                }
                true
            }
            Message::System(SystemMessage::CommandsChanged(changed)) => {
                self.commands = Some(changed.commands.clone());
                true
            }
            Message::ConversationReset(reset) if !reset.new_conversation_id.is_empty() => {
                self.session_id = Some(reset.new_conversation_id.clone());
                true
            }
            _ => false,
        }
    }

    /// Counts a `result` line whose typed decoding failed, so a malformed
    /// result still ends the run instead of leaving the SDK waiting for one.
    pub(crate) fn observe_undecoded_result(&mut self, session_id: Option<String>) -> bool {
        self.results += 1;
        if let Some(id) = session_id.filter(|id| !id.is_empty()) {
            self.session_id = Some(id);
        }
        true
    }

    /// Whether the CLI is idle after everything sent since `sent` (the
    /// state when the last prompt was written): a turn started or ended
    /// since then, and the session is idle again. A stale `idle` of the
    /// previous turn that arrives after the prompt was written does not
    /// count.
    pub(crate) fn idle_since(&self, sent: &RunState) -> bool {
        if !self.emits_state {
            return self.results > sent.results;
        }
        self.state == Some(SessionState::Idle)
            && (self.runs > sent.runs || self.results > sent.results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msg(v: serde_json::Value) -> Message {
        Message::from_value(v).unwrap()
    }

    #[test]
    fn without_state_frames_a_result_ends_the_run() {
        let mut state = RunState::default();
        state.observe(&msg(
            json!({"type": "result", "subtype": "success", "session_id": "s"}),
        ));
        assert!(state.idle_since(&RunState::default()));
        assert_eq!(state.session_id.as_deref(), Some("s"));
    }

    #[test]
    fn with_state_frames_idle_ends_the_run() {
        let mut state = RunState::default();
        state.observe(&msg(
            json!({"type": "system", "subtype": "session_state_changed", "state": "running"}),
        ));
        state.observe(&msg(json!({"type": "result", "subtype": "success"})));
        assert!(
            !state.idle_since(&RunState::default()),
            "a background agent may still run"
        );
        state.observe(&msg(
            json!({"type": "system", "subtype": "session_state_changed", "state": "idle"}),
        ));
        assert!(state.idle_since(&RunState::default()));
        assert!(!state.idle_since(&state.clone()));
    }
}
