//! The control protocol: the `initialize` handshake, control requests in
//! both directions, and the engine that owns a CLI process.

mod cancellation;
mod connect;
mod engine;
mod handlers;
mod inflight;
mod initialize;
mod run_state;
mod tasks;

pub use cancellation::Cancellation;
pub(crate) use connect::{Connection, connect};
pub(crate) use engine::{ControlSender, Engine, Event, control_body};
pub(crate) use handlers::{HandlerFactory, Handlers, InboundHandler, InboundRequest};
pub use initialize::{AccountInfo, AgentInfo, InitializeResponse, ModelInfo, SlashCommand};
pub(crate) use run_state::RunState;
