//! Minimal ANSI styling (no dependency), switched off for pipes and `NO_COLOR`.

use posture_model::Severity;

/// Styling switch.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Emit ANSI escapes.
    pub color: bool,
}

impl Style {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    /// Bold text.
    #[must_use]
    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    /// Dimmed text.
    #[must_use]
    pub fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    /// Red text.
    #[must_use]
    pub fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }
    /// Green text.
    #[must_use]
    pub fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }
    /// Yellow text.
    #[must_use]
    pub fn yellow(self, s: &str) -> String {
        self.wrap("33", s)
    }
    /// Text colored by severity.
    #[must_use]
    pub fn severity(self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Critical => "1;35",
            Severity::High => "1;31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "2",
        };
        self.wrap(code, s)
    }
}
