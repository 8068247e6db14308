//! A session's conversation as read from its file, with the lines that
//! could not be read.

use super::message::SessionMessage;

/// The conversation of a session
/// ([`get_session_transcript`](super::SessionHistory::get_session_transcript)):
/// its messages and the numbers of the file's lines that were skipped
/// because they are not JSON objects (corrupt, or cut off by a writer that
/// died).
///
/// A skipped line does not cut the conversation: the messages before and
/// after it are both kept (a message whose parent was on the corrupt line
/// is linked to the entry just before that line).
///
/// ```
/// use claude_agent_sdk::session::history::SessionHistory;
///
/// # fn demo(history: &SessionHistory, id: &str) -> claude_agent_sdk::Result<()> {
/// let transcript = history.get_session_transcript(id, None, 0)?;
/// for line in &transcript.skipped_lines {
///     eprintln!("line {line} of session {id} is corrupt and was skipped");
/// }
/// println!("{} messages", transcript.messages.len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SessionTranscript {
    /// The messages of the current branch, paged as asked.
    pub messages: Vec<SessionMessage>,
    /// The numbers (from 1) of the file's lines that were skipped, in
    /// order; empty for an intact file.
    pub skipped_lines: Vec<usize>,
}
