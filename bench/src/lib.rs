//! Shared pieces of the benchmark binaries: process metrics and the JSON
//! report line.

use std::time::Instant;

use serde_json::{Map, Value, json};

/// CPU time (user + system) this process has used, in milliseconds.
pub fn self_cpu_ms() -> f64 {
    match nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_SELF) {
        Ok(usage) => {
            let ms = |t: nix::sys::time::TimeVal| {
                t.tv_sec() as f64 * 1000.0 + t.tv_usec() as f64 / 1000.0
            };
            ms(usage.user_time()) + ms(usage.system_time())
        }
        Err(_) => f64::NAN,
    }
}

/// Peak resident set size of this process (`VmHWM`), in KiB.
pub fn self_peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

/// The report of one scenario run, printed as the last line of output.
#[derive(Debug)]
pub struct Report {
    started: Instant,
    peer: &'static str,
    scenario: String,
    fields: Map<String, Value>,
}

impl Report {
    /// Starts timing a scenario.
    pub fn start(peer: &'static str, scenario: &str) -> Self {
        Self {
            started: Instant::now(),
            peer,
            scenario: scenario.to_owned(),
            fields: Map::new(),
        }
    }

    /// Milliseconds since the start.
    pub fn elapsed_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }

    /// Records a field.
    pub fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.fields.insert(key.to_owned(), value.into());
    }

    /// Prints the JSON line and returns the process exit code.
    pub fn finish(mut self, ok: bool) -> i32 {
        let t_ms = self.elapsed_ms();
        let mut line = json!({
            "peer": self.peer,
            "scenario": self.scenario,
            "ok": ok,
            "self_cpu_ms": round(self_cpu_ms()),
            "self_peak_rss_kb": self_peak_rss_kb(),
            "tree_cpu_ms": round(tree_cpu_ms()),
            "t_ms": round(t_ms),
        });
        if let Value::Object(map) = &mut line {
            map.append(&mut self.fields);
        }
        println!("{line}");
        if ok { 0 } else { 1 }
    }
}

/// Rounds to two decimals.
pub fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The 50 directives of scenario S3.
pub fn s3_prompt() -> String {
    (0..50)
        .map(|i| format!(r#"CALL mcp__calc__add {{"a":{i},"b":1}}"#))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The result S3 must produce.
pub fn s3_expected() -> String {
    let sums: Vec<String> = (1..=50).map(|i| i.to_string()).collect();
    format!("DONE {}", sums.join(" | "))
}

/// The mean gap between consecutive instants, in milliseconds.
pub fn mean_gap_ms(times: &[Instant]) -> f64 {
    if times.len() < 2 {
        return 0.0;
    }
    let total = times[times.len() - 1].duration_since(times[0]);
    total.as_secs_f64() * 1000.0 / (times.len() - 1) as f64
}

/// CPU time (user + system) of this process and of every child process it
/// has waited for (with theirs), in milliseconds: the whole process tree's
/// CPU once every CLI has been reaped.
pub fn tree_cpu_ms() -> f64 {
    let children =
        match nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN) {
            Ok(usage) => {
                let ms = |t: nix::sys::time::TimeVal| {
                    t.tv_sec() as f64 * 1000.0 + t.tv_usec() as f64 / 1000.0
                };
                ms(usage.user_time()) + ms(usage.system_time())
            }
            Err(_) => f64::NAN,
        };
    self_cpu_ms() + children
}

/// CPU time (user + system) a live process has used so far, from
/// `/proc/<pid>/stat` (in `USER_HZ` ticks, 100 per second on Linux), in
/// milliseconds.
pub fn process_cpu_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the command: state is field 3; utime and stime are 14 and 15.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

/// The resident set size of a live process (`VmRSS`), in KiB.
pub fn process_rss_kb(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find(|line| line.starts_with("VmRSS:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
}

/// The mean of `xs` (0 for none).
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

/// The `p`-th percentile of `xs` (nearest rank; 0 for none).
pub fn percentile(xs: &[f64], p: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
