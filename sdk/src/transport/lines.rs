//! NDJSON framing of the CLI's stdout with a maximum line size.

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// What went wrong reading a line.
#[derive(Debug)]
pub(crate) enum LineError {
    /// The line was longer than the limit; it was skipped up to its newline.
    TooLong {
        /// The first bytes of the line.
        prefix: Vec<u8>,
    },
    /// Reading failed.
    Io(std::io::Error),
}

/// Reads newline-delimited lines, refusing (and skipping) lines longer than a
/// limit without ever buffering more than the limit.
pub(crate) struct LineReader<R> {
    reader: R,
    max: usize,
}

/// How many bytes of an over-long line are kept for the error message.
const PREFIX_KEPT: usize = 256;
/// Buffers larger than this are released after use, so that one huge line
/// does not pin its memory for the rest of the session.
const KEEP_CAPACITY: usize = 1 << 20;

impl<R: AsyncBufRead + Unpin> LineReader<R> {
    pub(crate) fn new(reader: R, max: usize) -> Self {
        Self { reader, max }
    }

    /// Reads the next non-empty line into `buf` (without the newline).
    /// Returns `Ok(false)` at end of input. A final line without a newline is
    /// returned as a line.
    pub(crate) async fn next_line(&mut self, buf: &mut Vec<u8>) -> Result<bool, LineError> {
        if buf.capacity() > KEEP_CAPACITY {
            *buf = Vec::new();
        }
        loop {
            buf.clear();
            let mut too_long: Option<Vec<u8>> = None;
            let mut saw_any = false;
            loop {
                let available = self.reader.fill_buf().await.map_err(LineError::Io)?;
                if available.is_empty() {
                    if let Some(prefix) = too_long {
                        return Err(LineError::TooLong { prefix });
                    }
                    if !saw_any {
                        return Ok(false);
                    }
                    break;
                }
                saw_any = true;
                let (chunk, found_newline) = match memchr::memchr(b'\n', available) {
                    Some(i) => (&available[..i], Some(i)),
                    None => (available, None),
                };
                match &mut too_long {
                    Some(_) => {}
                    None if buf.len() + chunk.len() > self.max => {
                        let mut prefix = std::mem::take(buf);
                        prefix.extend_from_slice(chunk);
                        prefix.truncate(PREFIX_KEPT);
                        too_long = Some(prefix);
                    }
                    None => buf.extend_from_slice(chunk),
                }
                let consumed = found_newline.map_or(available.len(), |i| i + 1);
                self.reader.consume(consumed);
                if found_newline.is_some() {
                    break;
                }
            }
            if let Some(prefix) = too_long {
                return Err(LineError::TooLong { prefix });
            }
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                return Ok(true);
            }
            if !saw_any {
                return Ok(false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn collect(input: &[u8], max: usize) -> Vec<Result<String, String>> {
        let mut reader = LineReader::new(tokio::io::BufReader::with_capacity(4, input), max);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        loop {
            match reader.next_line(&mut buf).await {
                Ok(true) => out.push(Ok(String::from_utf8(buf.clone()).unwrap())),
                Ok(false) => break,
                Err(LineError::TooLong { prefix }) => {
                    out.push(Err(String::from_utf8_lossy(&prefix).into_owned()));
                }
                Err(LineError::Io(e)) => panic!("{e}"),
            }
        }
        out
    }

    #[tokio::test]
    async fn splits_lines_across_small_buffers() {
        let lines = collect(b"{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}", 100).await;
        assert_eq!(
            lines,
            vec![
                Ok("{\"a\":1}".into()),
                Ok("{\"b\":2}".into()),
                Ok("{\"c\":3}".into())
            ]
        );
    }

    #[tokio::test]
    async fn skips_over_long_lines_and_goes_on() {
        let lines = collect(b"short\nthis line is far too long\nok\n", 10).await;
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], Ok("short".into()));
        assert!(matches!(&lines[1], Err(p) if p.starts_with("this line")));
        assert_eq!(lines[2], Ok("ok".into()));
    }

    #[tokio::test]
    async fn over_long_final_line_without_newline_is_reported() {
        let lines = collect(b"ok\n0123456789abcdef", 10).await;
        assert_eq!(lines.len(), 2);
        assert!(lines[1].is_err());
    }

    #[tokio::test]
    async fn line_exactly_at_the_limit_is_fine() {
        let lines = collect(b"0123456789\n", 10).await;
        assert_eq!(lines, vec![Ok("0123456789".into())]);
    }
}
