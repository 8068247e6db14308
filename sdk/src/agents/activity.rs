//! [`AgentActivity`]: follows a message stream and sorts it by agent.

use std::collections::HashMap;

use serde_json::Value;

use super::event::AgentEvent;
use super::subagent::Subagent;
use super::thread::Thread;
use crate::messages::{ContentBlock, Message, SystemMessage, TaskStatus};

/// The names the CLI gives the tool that starts subagents (`Task` on older
/// CLIs).
const AGENT_TOOLS: [&str; 2] = ["Agent", "Task"];

/// Follows a session's messages and sorts them by agent: the main
/// thread, and one [`Subagent`] per Agent tool call, each with its task's
/// state, usage, summary and messages.
///
/// Feed it every message with [`observe`](Self::observe) (or wrap a stream
/// in [`AgentEvents`](super::AgentEvents)); each message comes back as an
/// [`AgentEvent`] that says whose it is.
///
/// ```
/// use claude_agent_sdk::Message;
/// use claude_agent_sdk::agents::{AgentActivity, AgentEvent, Thread};
/// use claude_agent_sdk::messages::TaskStatus;
///
/// // Frames as CLI 2.1.330 sends them when the model starts a subagent.
/// let lines = [
///     r#"{"type":"assistant","message":{"id":"m1","model":"claude","content":[{"type":"tool_use","id":"toolu_1","name":"Agent","input":{"subagent_type":"code-reviewer","description":"review","prompt":"Review lib.rs"}}]},"parent_tool_use_id":null,"session_id":"s"}"#,
///     r#"{"type":"system","subtype":"task_started","task_id":"a7","tool_use_id":"toolu_1","description":"review","subagent_type":"code-reviewer","task_type":"local_agent","session_id":"s"}"#,
///     r#"{"type":"assistant","message":{"id":"m2","model":"claude","content":[{"type":"text","text":"looks fine"}]},"parent_tool_use_id":"toolu_1","agent_id":"a7","session_id":"s"}"#,
///     r#"{"type":"system","subtype":"task_notification","task_id":"a7","tool_use_id":"toolu_1","status":"completed","summary":"looks fine","output_file":"","session_id":"s"}"#,
/// ];
/// let mut activity = AgentActivity::new();
/// let events: Vec<AgentEvent> = lines
///     .iter()
///     .map(|line| activity.observe(Message::from_json(line).unwrap()))
///     .collect();
/// assert!(matches!(&events[1], AgentEvent::TaskStarted { thread: Thread::Subagent(id), .. } if id == "toolu_1"));
/// assert_eq!(events[2].thread(), &Thread::Subagent("toolu_1".into()));
///
/// let reviewer = activity.subagent("toolu_1").unwrap();
/// assert_eq!(reviewer.subagent_type(), Some("code-reviewer"));
/// assert_eq!(reviewer.status(), &TaskStatus::Completed);
/// assert_eq!(reviewer.summary(), Some("looks fine"));
/// assert_eq!(reviewer.messages().len(), 1);
/// assert_eq!(activity.main_thread().len(), 1);
/// ```
///
/// It keeps every message it records, for the whole session: in a long
/// session, call [`clear_messages`](Self::clear_messages) once the
/// messages seen so far are no longer needed.
#[derive(Debug, Clone, Default)]
pub struct AgentActivity {
    main: Vec<Message>,
    subagents: Vec<Subagent>,
    /// Subagent index by Agent tool call id.
    by_tool_use: HashMap<String, usize>,
    /// Agent tool call id by agent id.
    by_agent: HashMap<String, String>,
    /// What is known of each task: the thread it belongs to.
    tasks: HashMap<String, Thread>,
}

impl AgentActivity {
    /// Nothing seen yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a message and returns it, placed in its thread (task
    /// messages as typed task events).
    pub fn observe(&mut self, message: Message) -> AgentEvent {
        match message {
            Message::System(SystemMessage::TaskStarted(task)) => {
                let thread = match (&task.tool_use_id, task.is_subagent()) {
                    (Some(id), true) => {
                        let subagent = self.subagent_mut(id);
                        subagent.task_id = Some(task.task_id.clone());
                        if subagent.subagent_type.is_none() {
                            subagent.subagent_type.clone_from(&task.subagent_type);
                        }
                        if subagent.description.is_none() && !task.description.is_empty() {
                            subagent.description = Some(task.description.clone());
                        }
                        if subagent.prompt.is_none() {
                            subagent.prompt = task.prompt().map(str::to_owned);
                        }
                        subagent.background = task.is_backgrounded();
                        // A foreground run whose result already arrived is over.
                        if subagent.result.is_none() || subagent.background == Some(true) {
                            subagent.status = TaskStatus::Running;
                        }
                        Thread::Subagent(id.clone())
                    }
                    _ => Thread::Main,
                };
                self.tasks.insert(task.task_id.clone(), thread.clone());
                AgentEvent::TaskStarted { thread, task }
            }
            Message::System(SystemMessage::TaskProgress(task)) => {
                let thread = self.task_thread(&task.task_id, None);
                if let Some(subagent) = self.subagent_of(&thread) {
                    if let Some(usage) = task.task_usage() {
                        subagent.usage = Some(usage);
                    }
                    if task.last_tool_name.is_some() {
                        subagent.last_tool_name.clone_from(&task.last_tool_name);
                    }
                }
                AgentEvent::TaskProgress { thread, task }
            }
            Message::System(SystemMessage::TaskUpdated(task)) => {
                let thread = self.task_thread(&task.task_id, None);
                if let (Some(status), Some(subagent)) = (task.status(), self.subagent_of(&thread)) {
                    subagent.status = status;
                }
                AgentEvent::TaskUpdated { thread, task }
            }
            Message::System(SystemMessage::TaskNotification(task)) => {
                let thread = self.task_thread(&task.task_id, task.tool_use_id.as_deref());
                if let Some(subagent) = self.subagent_of(&thread) {
                    subagent.status = task.task_status();
                    if !task.summary.is_empty() {
                        subagent.summary = Some(task.summary.clone());
                    }
                    if let Some(usage) = task.usage() {
                        subagent.usage = Some(usage);
                    }
                }
                AgentEvent::TaskNotification { thread, task }
            }
            message => {
                let thread = self.thread_of(&message);
                match &thread {
                    Thread::Main => {
                        self.note_main_message(&message);
                        self.main.push(message.clone());
                    }
                    Thread::Subagent(id) => {
                        let agent_id = agent_id(&message).map(str::to_owned);
                        let subagent = self.subagent_mut(id);
                        if subagent.agent_id.is_none() {
                            subagent.agent_id.clone_from(&agent_id);
                        }
                        subagent.messages.push(message.clone());
                        if let Some(agent) = agent_id {
                            self.by_agent.insert(agent, id.clone());
                        }
                    }
                }
                AgentEvent::Message { thread, message }
            }
        }
    }

    /// The thread a message belongs to (by its parent tool-use id, or its
    /// agent id), without recording it.
    #[must_use]
    pub fn thread_of(&self, message: &Message) -> Thread {
        if let Some(parent) = message.parent_tool_use_id() {
            return Thread::Subagent(parent.to_owned());
        }
        match agent_id(message).and_then(|agent| self.by_agent.get(agent)) {
            Some(id) => Thread::Subagent(id.clone()),
            None => Thread::Main,
        }
    }

    /// The main agent's messages (task messages excluded).
    #[must_use]
    pub fn main_thread(&self) -> &[Message] {
        &self.main
    }

    /// The messages of a thread.
    #[must_use]
    pub fn thread(&self, thread: &Thread) -> &[Message] {
        match thread {
            Thread::Main => &self.main,
            Thread::Subagent(id) => self.subagent(id).map_or(&[], Subagent::messages),
        }
    }

    /// Every subagent seen, in the order they were started.
    pub fn subagents(&self) -> impl Iterator<Item = &Subagent> {
        self.subagents.iter()
    }

    /// The subagent started by this Agent tool call.
    #[must_use]
    pub fn subagent(&self, tool_use_id: &str) -> Option<&Subagent> {
        self.by_tool_use
            .get(tool_use_id)
            .map(|&index| &self.subagents[index])
    }

    /// The subagents still running.
    pub fn running(&self) -> impl Iterator<Item = &Subagent> {
        self.subagents.iter().filter(|s| !s.status.is_finished())
    }

    /// Forgets the messages recorded so far, the main thread's and every
    /// subagent's, to bound memory in a long session. What is known of
    /// each subagent (its task, status, usage, summary, result) is kept,
    /// and later messages are still placed in their threads.
    pub fn clear_messages(&mut self) {
        self.main = Vec::new();
        for subagent in &mut self.subagents {
            subagent.messages = Vec::new();
        }
    }

    fn subagent_mut(&mut self, tool_use_id: &str) -> &mut Subagent {
        let index = match self.by_tool_use.get(tool_use_id) {
            Some(&index) => index,
            None => {
                self.subagents.push(Subagent::new(tool_use_id));
                let index = self.subagents.len() - 1;
                self.by_tool_use.insert(tool_use_id.to_owned(), index);
                index
            }
        };
        &mut self.subagents[index]
    }

    fn subagent_of(&mut self, thread: &Thread) -> Option<&mut Subagent> {
        match thread {
            Thread::Main => None,
            Thread::Subagent(id) => {
                let index = *self.by_tool_use.get(id)?;
                Some(&mut self.subagents[index])
            }
        }
    }

    /// The thread of a task seen before, or of the Agent tool call named in
    /// the message.
    fn task_thread(&self, task_id: &str, tool_use_id: Option<&str>) -> Thread {
        if let Some(thread) = self.tasks.get(task_id) {
            return thread.clone();
        }
        match tool_use_id {
            Some(id) if self.by_tool_use.contains_key(id) => Thread::Subagent(id.to_owned()),
            _ => Thread::Main,
        }
    }

    /// Agent tool calls start subagents; their results end them in the
    /// main thread.
    fn note_main_message(&mut self, message: &Message) {
        match message {
            Message::Assistant(assistant) => {
                for call in assistant.tool_uses() {
                    if !AGENT_TOOLS.contains(&call.name.as_str()) {
                        continue;
                    }
                    let field = |key: &str| {
                        call.input
                            .get(key)
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                    };
                    let (kind, description, prompt) = (
                        field("subagent_type"),
                        field("description"),
                        field("prompt"),
                    );
                    let subagent = self.subagent_mut(&call.id);
                    subagent.subagent_type = subagent.subagent_type.take().or(kind);
                    subagent.description = subagent.description.take().or(description);
                    subagent.prompt = subagent.prompt.take().or(prompt);
                }
            }
            Message::User(user) => {
                if let crate::messages::UserContent::Blocks(blocks) = &user.message.content {
                    for block in blocks {
                        if let ContentBlock::ToolResult(result) = block
                            && self.by_tool_use.contains_key(&result.tool_use_id)
                        {
                            let text = result.text();
                            let subagent = self.subagent_mut(&result.tool_use_id);
                            subagent.result = Some(text);
                            // A denied or failed call never starts a task; a
                            // foreground run is over once it hands back. A
                            // background run ends with its task_notification.
                            if !subagent.status.is_finished() {
                                if result.is_error() {
                                    subagent.status = TaskStatus::Failed;
                                } else if subagent.background != Some(true) {
                                    subagent.status = TaskStatus::Completed;
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The agent id a message carries, if any.
fn agent_id(message: &Message) -> Option<&str> {
    match message {
        Message::Assistant(m) => m.agent_id.as_deref(),
        Message::User(m) => m.extra.get("agent_id").and_then(Value::as_str),
        Message::StreamEvent(m) => m.extra.get("agent_id").and_then(Value::as_str),
        Message::ToolProgress(m) => m.extra.get("agent_id").and_then(Value::as_str),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observe_all(activity: &mut AgentActivity, lines: &[&str]) {
        for line in lines {
            activity.observe(Message::from_json(line).unwrap());
        }
    }

    const CALL: &str = r#"{"type":"assistant","message":{"id":"m1","model":"claude","content":[{"type":"tool_use","id":"toolu_1","name":"Agent","input":{"subagent_type":"code-reviewer","description":"review","prompt":"Review lib.rs"}}]},"parent_tool_use_id":null,"session_id":"s"}"#;

    fn started(background: bool) -> String {
        format!(
            r#"{{"type":"system","subtype":"task_started","task_id":"a7","tool_use_id":"toolu_1","description":"review","subagent_type":"code-reviewer","task_type":"local_agent","is_backgrounded":{background},"session_id":"s"}}"#
        )
    }

    fn result(text: &str, is_error: bool) -> String {
        format!(
            r#"{{"type":"user","message":{{"role":"user","content":[{{"type":"tool_result","tool_use_id":"toolu_1","content":"{text}","is_error":{is_error}}}]}},"parent_tool_use_id":null,"session_id":"s"}}"#
        )
    }

    #[test]
    fn a_denied_agent_call_fails() {
        let mut activity = AgentActivity::new();
        observe_all(
            &mut activity,
            &[CALL, &result("Permission to use Agent was denied.", true)],
        );
        let subagent = activity.subagent("toolu_1").unwrap();
        assert_eq!(subagent.status(), &TaskStatus::Failed);
        assert_eq!(
            subagent.tool_result(),
            Some("Permission to use Agent was denied.")
        );
        assert_eq!(activity.running().count(), 0);
    }

    #[test]
    fn a_foreground_run_completes_with_its_result() {
        let mut activity = AgentActivity::new();
        observe_all(&mut activity, &[CALL, &started(false)]);
        assert_eq!(activity.running().count(), 1);
        observe_all(&mut activity, &[&result("all good", false)]);
        let subagent = activity.subagent("toolu_1").unwrap();
        assert_eq!(subagent.status(), &TaskStatus::Completed);
        assert_eq!(activity.running().count(), 0);
    }

    #[test]
    fn a_background_run_goes_on_after_its_launch_notice() {
        let mut activity = AgentActivity::new();
        observe_all(
            &mut activity,
            &[
                CALL,
                &started(true),
                &result("Async agent launched.", false),
            ],
        );
        assert_eq!(
            activity.subagent("toolu_1").unwrap().status(),
            &TaskStatus::Running
        );
        observe_all(
            &mut activity,
            &[
                r#"{"type":"system","subtype":"task_notification","task_id":"a7","tool_use_id":"toolu_1","status":"completed","summary":"done","output_file":"","session_id":"s"}"#,
            ],
        );
        assert_eq!(
            activity.subagent("toolu_1").unwrap().status(),
            &TaskStatus::Completed
        );
    }

    #[test]
    fn clearing_messages_keeps_what_is_known() {
        let mut activity = AgentActivity::new();
        observe_all(
            &mut activity,
            &[
                CALL,
                &started(true),
                r#"{"type":"assistant","message":{"id":"m2","model":"claude","content":[{"type":"text","text":"looking"}]},"parent_tool_use_id":"toolu_1","agent_id":"a7","session_id":"s"}"#,
            ],
        );
        assert_eq!(activity.main_thread().len(), 1);
        assert_eq!(activity.subagent("toolu_1").unwrap().messages().len(), 1);
        activity.clear_messages();
        assert!(activity.main_thread().is_empty());
        let subagent = activity.subagent("toolu_1").unwrap();
        assert!(subagent.messages().is_empty());
        assert_eq!(subagent.task_id(), Some("a7"));
        assert_eq!(subagent.agent_id(), Some("a7"));
        // Later messages still find their thread by agent id alone.
        let later = r#"{"type":"assistant","message":{"id":"m3","model":"claude","content":[]},"parent_tool_use_id":null,"agent_id":"a7","session_id":"s"}"#;
        let event = activity.observe(Message::from_json(later).unwrap());
        assert_eq!(event.thread(), &Thread::Subagent("toolu_1".into()));
        assert_eq!(activity.subagent("toolu_1").unwrap().messages().len(), 1);
    }
}
