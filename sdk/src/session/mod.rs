//! A first-class session API: create, send, receive per turn, resume, fork.
//!
//! A [`Session`] is one CLI process kept open across turns: every option of
//! [`ClaudeAgentOptions`] applies (there is no separate, smaller set of
//! session options), the CLI's input stays open between turns so that
//! background work, hooks and in-process tools keep working, and the session
//! reports when it is idle.
//!
//! ```no_run
//! use futures::StreamExt;
//! use claude_agent_sdk::ClaudeAgentOptions;
//! use claude_agent_sdk::session::{Session, prompt};
//!
//! # async fn demo() -> claude_agent_sdk::Result<()> {
//! let options = ClaudeAgentOptions::builder().model("claude-sonnet-4-5").build();
//! let mut session = Session::create(options.clone()).await?;
//! session.send("Remember the number 7.").await?;
//! let mut turn = session.receive();
//! while let Some(message) = turn.next().await {
//!     println!("{:?}", message?.type_name());
//! }
//! let id = session.id().expect("known after the first turn");
//! session.close().await?;
//!
//! // Later, in the same conversation:
//! let mut again = Session::resume(&id, options.clone()).await?;
//! let answer = again.turn("Which number?").await?;
//! println!("{}", answer.result().unwrap_or_default());
//!
//! // A one-shot question:
//! let result = prompt("What is 2 + 2?", options).await?;
//! # Ok(()) }
//! ```
//!
//! The sessions the CLI saved can be listed, read, renamed, tagged, forked
//! and deleted without starting it ([`history`]), and moved through a
//! [`SessionStore`](store::SessionStore) to another machine ([`store`]).

pub mod history;
pub mod store;

use futures::StreamExt;

use crate::client::{ClaudeClient, ResponseStream};
use crate::error::{Error, Result};
use crate::messages::{Message, ResultMessage, SessionState, UserContent};
use crate::options::ClaudeAgentOptions;

/// A conversation with Claude on one CLI process.
#[derive(Debug)]
pub struct Session {
    client: ClaudeClient,
    known_id: Option<String>,
}

impl Session {
    /// Starts a new session.
    pub async fn create(options: ClaudeAgentOptions) -> Result<Self> {
        Self::start(options, None).await
    }

    /// Resumes the session with this id: the model sees its earlier turns.
    pub async fn resume(id: &str, options: ClaudeAgentOptions) -> Result<Self> {
        let options = options.to_builder().resume(id).fork_session(false).build();
        Self::start(options, Some(id.to_owned())).await
    }

    /// Starts a new session (a new id) with the history of the session
    /// `id`.
    pub async fn fork(id: &str, options: ClaudeAgentOptions) -> Result<Self> {
        let options = options.to_builder().resume(id).fork_session(true).build();
        Self::start(options, None).await
    }

    async fn start(options: ClaudeAgentOptions, known_id: Option<String>) -> Result<Self> {
        let mut client = ClaudeClient::new(options);
        client.connect().await?;
        Ok(Self { client, known_id })
    }

    /// Sends a prompt; read the turn with [`receive`](Self::receive).
    pub async fn send(&mut self, prompt: impl Into<UserContent>) -> Result<()> {
        self.client.query(prompt).await
    }

    /// The messages of the current turn, ending with its result.
    pub fn receive(&mut self) -> ResponseStream {
        self.client.receive_response()
    }

    /// Sends a prompt and waits for the turn's result (the other messages
    /// of the turn are dropped; use [`send`](Self::send) and
    /// [`receive`](Self::receive) to see them).
    ///
    /// Results that earlier work left unread (a prompt sent with
    /// [`send`](Self::send) and not received, a background agent's
    /// follow-up) are read and dropped, not returned: the answer is the
    /// first result the CLI sends after those of every prompt sent before
    /// and every result it had sent when this prompt was written. Results
    /// carry nothing that ties them to a prompt, so a follow-up result the
    /// CLI sends on its own after this prompt was written, before its
    /// answer, is taken for the answer.
    pub async fn turn(&mut self, prompt: impl Into<UserContent>) -> Result<ResultMessage> {
        let until = self.client.send_prompt(prompt.into()).await?;
        let mut messages = self.client.receive_turn(until);
        while let Some(message) = messages.next().await {
            if let Message::Result(result) = message? {
                return Ok(result);
            }
        }
        Err(Error::NoResult {
            exit: self.client.engine()?.exit_info().unwrap_or_default(),
        })
    }

    /// The session id: known after the first turn started (or at once when
    /// resuming).
    #[must_use]
    pub fn id(&self) -> Option<String> {
        self.client.session_id().or_else(|| self.known_id.clone())
    }

    /// The session's state as the CLI last reported it.
    #[must_use]
    pub fn state(&self) -> Option<SessionState> {
        self.client.state()
    }

    /// Waits until the session is idle: the last turn has its result and no
    /// background work (subagents, hooks, tools) is running.
    pub async fn wait_idle(&self) -> Result<()> {
        self.client.wait_idle().await
    }

    /// The underlying client, for control methods (interrupt, set_model,
    /// mcp_status, ...).
    #[must_use]
    pub fn client(&self) -> &ClaudeClient {
        &self.client
    }

    /// Ends the session: closes the CLI's input and waits for it to exit.
    pub async fn close(mut self) -> Result<()> {
        self.client.disconnect().await.map(drop)
    }
}

/// Asks one question in a new session and returns the result.
pub async fn prompt(
    prompt: impl Into<UserContent>,
    options: ClaudeAgentOptions,
) -> Result<ResultMessage> {
    let mut session = Session::create(options).await?;
    let result = session.turn(prompt).await;
    session.close().await?;
    result
}
