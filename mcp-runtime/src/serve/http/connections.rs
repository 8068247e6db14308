//! Accepting TCP connections: at most `max` at once, each closed when its
//! client does not send a request's headers in time.
//!
//! A connection holds a semaphore permit for its whole life; the accept
//! loop takes a permit before it accepts, so when the cap is reached new
//! connections wait in the kernel's backlog instead of using descriptors.
//! Connection tasks live in a `JoinSet`, so that shutdown can end those
//! that do not finish in time.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::requests::Requests;

/// How long the loop waits after an accept error that is not about one
/// connection (out of descriptors, say) before it accepts again.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(100);

/// The connection limits.
pub(super) struct Limits {
    pub(super) max_connections: usize,
    pub(super) header_read_timeout: Duration,
    /// How long connections get to finish after shutdown before they are
    /// dropped.
    pub(super) shutdown_grace: Duration,
}

/// Serves connections from `listener` until `shutdown` resolves, then asks
/// every connection to finish its request under way and waits for them,
/// for `shutdown_grace` at most: the connections left (a client that does
/// not read its answer, say) are then dropped.
pub(super) async fn serve(
    listener: TcpListener,
    requests: Arc<Requests>,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let stop = CancellationToken::new();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // Forget the connections that ended.
        while connections.try_join_next().is_some() {}
        let permit = tokio::select! {
            biased;
            () = &mut shutdown => break,
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_closed) => break,
            },
        };
        let stream = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(e) => {
                    pause_after(&e).await;
                    continue;
                }
            },
        };
        connections.spawn(serve_connection(
            stream,
            permit,
            Arc::clone(&requests),
            limits.header_read_timeout,
            stop.clone(),
        ));
    }
    drop(listener);
    stop.cancel();
    let finished = tokio::time::timeout(limits.shutdown_grace, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if finished.is_err() {
        tracing::debug!(
            left = connections.len(),
            "dropping the HTTP connections that did not finish in time"
        );
        connections.shutdown().await;
    }
}

async fn serve_connection(
    stream: TcpStream,
    _permit: OwnedSemaphorePermit,
    requests: Arc<Requests>,
    header_read_timeout: Duration,
    stop: CancellationToken,
) {
    let service = service_fn(move |request| {
        let requests = Arc::clone(&requests);
        async move { Ok::<_, Infallible>(requests.answer(request).await) }
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        () = stop.cancelled() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = result {
        // A client that went away, or that was too slow with its headers.
        tracing::debug!(error = %e, "HTTP connection ended with an error");
    }
}

/// Pauses after an accept error unless it concerns one connection only.
async fn pause_after(error: &io::Error) {
    let one_connection = matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    );
    if !one_connection {
        tracing::warn!(%error, "accepting an HTTP connection failed; retrying shortly");
        tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
    }
}
