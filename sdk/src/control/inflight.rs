//! The control requests from the CLI that the SDK's handlers are serving.

use std::collections::HashMap;

use tokio::task::AbortHandle;

/// Handler tasks by request id. The CLI may reuse an id while a request
/// with it is still served: each request is its own entry, answered on its
/// own, and a cancellation of the id reaches all of them.
#[derive(Default)]
pub(crate) struct Inflight {
    by_id: HashMap<String, Vec<(u64, AbortHandle)>>,
    total: usize,
    next_serial: u64,
}

impl Inflight {
    /// Requests being served (running or waiting for a slot).
    pub(crate) fn len(&self) -> usize {
        self.total
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// A serial for the next request, to name it in [`insert`](Self::insert)
    /// and [`finish`](Self::finish).
    pub(crate) fn next_serial(&mut self) -> u64 {
        self.next_serial += 1;
        self.next_serial
    }

    pub(crate) fn insert(&mut self, id: String, serial: u64, task: AbortHandle) {
        self.by_id.entry(id).or_default().push((serial, task));
        self.total += 1;
    }

    /// Removes a finished request; `false` if it was cancelled meanwhile
    /// (then it must not be answered).
    pub(crate) fn finish(&mut self, id: &str, serial: u64) -> bool {
        let Some(tasks) = self.by_id.get_mut(id) else {
            return false;
        };
        let Some(position) = tasks.iter().position(|(s, _)| *s == serial) else {
            return false;
        };
        tasks.swap_remove(position);
        if tasks.is_empty() {
            self.by_id.remove(id);
        }
        self.total -= 1;
        true
    }

    /// Removes every request with this id, returning their tasks to abort.
    pub(crate) fn cancel(&mut self, id: &str) -> Vec<AbortHandle> {
        let tasks = self.by_id.remove(id).unwrap_or_default();
        self.total -= tasks.len();
        tasks.into_iter().map(|(_, task)| task).collect()
    }

    /// Removes every request, returning their tasks to abort.
    pub(crate) fn drain(&mut self) -> Vec<AbortHandle> {
        self.total = 0;
        self.by_id
            .drain()
            .flat_map(|(_, tasks)| tasks.into_iter().map(|(_, task)| task))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_reused_id_is_two_requests_and_one_cancellation() {
        let mut inflight = Inflight::default();
        let task = || tokio::spawn(std::future::pending::<()>()).abort_handle();
        let (a, b) = (inflight.next_serial(), inflight.next_serial());
        inflight.insert("dup".into(), a, task());
        inflight.insert("dup".into(), b, task());
        assert_eq!(inflight.len(), 2);
        assert!(inflight.finish("dup", b));
        assert!(!inflight.finish("dup", b), "answered once");
        assert_eq!(inflight.len(), 1);
        let c = inflight.next_serial();
        inflight.insert("dup".into(), c, task());
        let cancelled = inflight.cancel("dup");
        assert_eq!(cancelled.len(), 2);
        assert!(inflight.is_empty());
        assert!(
            !inflight.finish("dup", a),
            "a cancelled request is not answered"
        );
        for task in cancelled {
            task.abort();
        }
    }
}
