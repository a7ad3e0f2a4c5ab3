//! Prometheus metrics in the text exposition format, kept by hand (a few counters and
//! histograms do not need a metrics framework).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;

/// Histogram bucket bounds in seconds.
const API_BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];
const SCAN_BUCKETS: [f64; 8] = [1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 1800.0, 3600.0];

#[derive(Default, Clone)]
struct Histogram {
    buckets: Vec<u64>,
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, bounds: &[f64], v: f64) {
        if self.buckets.len() != bounds.len() {
            self.buckets = vec![0; bounds.len()];
        }
        for (i, b) in bounds.iter().enumerate() {
            if v <= *b {
                self.buckets[i] += 1;
            }
        }
        self.sum += v;
        self.count += 1;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str, bounds: &[f64]) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (i, b) in bounds.iter().enumerate() {
            let n = self.buckets.get(i).copied().unwrap_or(0);
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{b}\"}} {n}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let _ = writeln!(out, "{name}_sum{{{labels}}} {}", self.sum);
        let _ = writeln!(out, "{name}_count{{{labels}}} {}", self.count);
    }
}

#[derive(Default)]
struct Data {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    scans: BTreeMap<String, u64>,
    scan_seconds: Histogram,
    throttles: u64,
    events: BTreeMap<String, u64>,
}

/// The server's and workers' metrics.
#[derive(Default)]
pub struct Metrics {
    data: Mutex<Data>,
}

impl Metrics {
    fn with<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut d = self
            .data
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut d)
    }

    /// One API request answered.
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.with(|d| {
            *d.requests
                .entry((route.to_owned(), method.to_owned(), status))
                .or_default() += 1;
            d.latency
                .entry(route.to_owned())
                .or_default()
                .observe(&API_BUCKETS, seconds);
        });
    }

    /// One scan job finished (`succeeded`, `failed`, `cancelled`, `lost`).
    pub fn scan(&self, result: &str, seconds: f64) {
        self.with(|d| {
            *d.scans.entry(result.to_owned()).or_default() += 1;
            d.scan_seconds.observe(&SCAN_BUCKETS, seconds);
        });
    }

    /// Throttled cloud API calls reported by a collector.
    pub fn throttled(&self, n: u64) {
        self.with(|d| d.throttles += n);
    }

    /// Cloud change events received (`queued`, `ignored`, `unmatched`).
    pub fn event(&self, outcome: &str, n: u64) {
        self.with(|d| *d.events.entry(outcome.to_owned()).or_default() += n);
    }

    /// Render everything, plus the gauges given (`name`, `labels`, value).
    #[must_use]
    pub fn render(&self, gauges: &[(&str, String, f64)]) -> String {
        let mut out = String::new();
        self.with(|d| {
            out.push_str("# HELP posture_http_requests_total API requests by route, method and status.\n# TYPE posture_http_requests_total counter\n");
            for ((route, method, status), n) in &d.requests {
                let _ = writeln!(
                    out,
                    "posture_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
                );
            }
            out.push_str("# HELP posture_http_request_duration_seconds API latency by route.\n# TYPE posture_http_request_duration_seconds histogram\n");
            for (route, h) in &d.latency {
                h.write(
                    &mut out,
                    "posture_http_request_duration_seconds",
                    &format!("route=\"{route}\""),
                    &API_BUCKETS,
                );
            }
            out.push_str("# HELP posture_scans_total Scan jobs finished by this process, by result.\n# TYPE posture_scans_total counter\n");
            for (result, n) in &d.scans {
                let _ = writeln!(out, "posture_scans_total{{result=\"{result}\"}} {n}");
            }
            out.push_str("# HELP posture_scan_duration_seconds Scan job duration.\n# TYPE posture_scan_duration_seconds histogram\n");
            d.scan_seconds
                .write(&mut out, "posture_scan_duration_seconds", "", &SCAN_BUCKETS);
            out.push_str("# HELP posture_cloud_throttles_total Throttled cloud API calls.\n# TYPE posture_cloud_throttles_total counter\n");
            let _ = writeln!(out, "posture_cloud_throttles_total {}", d.throttles);
            out.push_str("# HELP posture_events_total Cloud change events by outcome.\n# TYPE posture_events_total counter\n");
            for (outcome, n) in &d.events {
                let _ = writeln!(out, "posture_events_total{{outcome=\"{outcome}\"}} {n}");
            }
        });
        let mut last = "";
        for (name, labels, v) in gauges {
            if *name != last {
                let _ = writeln!(out, "# TYPE {name} gauge");
                last = name;
            }
            let _ = writeln!(out, "{name}{{{labels}}} {v}");
        }
        out
    }
}
