//! The risk score: 0-100 per finding, the product of five factors each raised to its weight.

use std::collections::BTreeMap;

use posture_model::Severity;
use serde::Serialize;

use crate::context::{DataClass, Environment};
use crate::graph::{Analysis, Exposure, Tri};

/// Exponent of each factor (0 switches a factor off; 1 is the default; 2 doubles its pull).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    /// Severity of the rule.
    pub severity: f64,
    /// Internet exposure of the resource.
    pub exposure: f64,
    /// Data classification.
    pub data: f64,
    /// Environment.
    pub environment: f64,
    /// Compliance impact (mapped controls in frameworks in scope).
    pub compliance: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            severity: 1.0,
            exposure: 1.0,
            data: 1.0,
            environment: 1.0,
            compliance: 1.0,
        }
    }
}

/// Risk settings: weights and the frameworks in scope for compliance impact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RiskSettings {
    /// Factor weights.
    pub weights: Weights,
    /// Framework ids in scope; empty = every framework loaded.
    pub frameworks: Vec<String>,
}

/// One factor of a score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Factor {
    /// `severity`, `exposure`, `data`, `environment` or `compliance`.
    pub name: &'static str,
    /// The level found (`critical`, `internet`, `restricted`, `prod`, `3 controls`).
    pub level: String,
    /// The level's value (0-1).
    pub value: f64,
    /// Its weight (exponent).
    pub weight: f64,
    /// `value ^ weight`: what the factor multiplies the score by.
    pub multiplier: f64,
    /// Points of the 100 this factor took away (the drop is shared in proportion to each
    /// factor's log).
    pub points: f64,
    /// Why (the exposure path, the tag the context came from, …).
    pub detail: String,
}

/// A finding's score and its factors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskScore {
    /// 0-100.
    pub score: u8,
    /// The factors, in formula order.
    pub factors: Vec<Factor>,
}

impl RiskScore {
    /// One line per factor, for `--explain`.
    #[must_use]
    pub fn explain(&self) -> Vec<String> {
        self.factors
            .iter()
            .map(|f| {
                format!(
                    "{:<11} {:<16} ×{:.2} (−{:.0} pts)  {}",
                    f.name, f.level, f.multiplier, f.points, f.detail
                )
            })
            .collect()
    }
}

/// Value of a severity level.
#[must_use]
pub fn severity_value(s: Severity) -> f64 {
    match s {
        Severity::Critical => 1.0,
        Severity::High => 0.8,
        Severity::Medium => 0.55,
        Severity::Low => 0.3,
        Severity::Info => 0.1,
    }
}

/// Value of an exposure level.
#[must_use]
pub fn exposure_value(e: &Exposure) -> f64 {
    match e {
        Exposure::Internet { .. } => 1.0,
        Exposure::Unknown { .. } => 0.85,
        Exposure::NotNetworked => 0.75,
        Exposure::Internal { .. } => 0.5,
    }
}

/// Value of a classification (`None` = unclassified).
#[must_use]
pub fn data_value(c: Option<DataClass>) -> f64 {
    match c {
        Some(DataClass::Restricted) => 1.0,
        Some(DataClass::Confidential) => 0.9,
        None => 0.8,
        Some(DataClass::Internal) => 0.7,
        Some(DataClass::Public) => 0.55,
    }
}

/// Value of an environment (`None` = unknown).
#[must_use]
pub fn environment_value(e: Option<Environment>) -> f64 {
    match e {
        Some(Environment::Prod) => 1.0,
        None => 0.9,
        Some(Environment::Staging) => 0.8,
        Some(Environment::Test | Environment::Dev) => 0.6,
        Some(Environment::Sandbox) => 0.5,
    }
}

/// Value of compliance impact for `n` mapped requirements in scope.
#[must_use]
pub fn compliance_value(n: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = n.min(5) as f64;
    0.8 + 0.2 * n / 5.0
}

/// Scores findings against one analysis.
pub struct Scorer<'a> {
    analysis: &'a Analysis,
    controls: &'a BTreeMap<String, BTreeMap<String, Vec<String>>>,
    settings: &'a RiskSettings,
}

impl<'a> Scorer<'a> {
    /// A scorer; `controls` is rule id → framework id → requirement ids.
    #[must_use]
    pub fn new(
        analysis: &'a Analysis,
        controls: &'a BTreeMap<String, BTreeMap<String, Vec<String>>>,
        settings: &'a RiskSettings,
    ) -> Scorer<'a> {
        Scorer {
            analysis,
            controls,
            settings,
        }
    }

    /// The score of rule `rule_id` (of `severity`) failing on the resource at position `i`.
    #[must_use]
    pub fn score(&self, rule_id: &str, severity: Severity, i: usize) -> RiskScore {
        let w = self.settings.weights;
        let a = self.analysis;
        let mut factors = Vec::with_capacity(5);
        let mut push = |name, level: String, value: f64, weight: f64, detail: String| {
            factors.push(Factor {
                name,
                level,
                value,
                weight,
                multiplier: value.powf(weight),
                points: 0.0,
                detail,
            });
        };
        push(
            "severity",
            severity.as_str().to_owned(),
            severity_value(severity),
            w.severity,
            format!("rule {rule_id}"),
        );
        let e = a.exposure(i);
        push(
            "exposure",
            e.label().to_owned(),
            exposure_value(e),
            w.exposure,
            e.explain(),
        );
        let (class, detail) = match a.data_class(i) {
            Some(c) => (Some(c.value), c.source.describe()),
            None => match a.identity(i) {
                Some(id) if matches!(id.sensitive_read, Tri::Yes(_)) => (
                    Some(DataClass::Confidential),
                    match &id.sensitive_read {
                        Tri::Yes(s) => format!("reaches sensitive data: {s}"),
                        _ => String::new(),
                    },
                ),
                _ => (None, "no classification tag, nothing inferable".to_owned()),
            },
        };
        push(
            "data",
            class.map_or("unclassified", DataClass::as_str).to_owned(),
            data_value(class),
            w.data,
            detail,
        );
        let env = a.environment(i);
        push(
            "environment",
            env.map_or("unknown", |e| e.value.as_str()).to_owned(),
            environment_value(env.map(|e| e.value)),
            w.environment,
            env.map_or_else(
                || "no environment tag, nothing inferable (treated close to prod)".to_owned(),
                |e| e.source.describe(),
            ),
        );
        if rule_id.starts_with("risk.toxic.") {
            push(
                "compliance",
                "combination".to_owned(),
                1.0,
                w.compliance,
                "a toxic combination chains several control failures".to_owned(),
            );
        } else {
            let mapped = self.controls.get(rule_id);
            let in_scope = |fw: &str| {
                self.settings.frameworks.is_empty()
                    || self.settings.frameworks.iter().any(|f| f == fw)
            };
            let mut n = 0;
            let mut names = Vec::new();
            for (fw, reqs) in mapped.into_iter().flatten() {
                if in_scope(fw) {
                    n += reqs.len();
                    names.push(format!("{fw} ({})", reqs.len()));
                }
            }
            push(
                "compliance",
                format!("{n} controls"),
                compliance_value(n),
                w.compliance,
                if names.is_empty() {
                    "no mapped control in frameworks in scope".to_owned()
                } else {
                    names.join(", ")
                },
            );
        }
        let product: f64 = factors.iter().map(|f| f.multiplier).product();
        let raw = (100.0 * product).clamp(0.0, 100.0);
        let drop = 100.0 - raw;
        let logs: Vec<f64> = factors
            .iter()
            .map(|f| -f.multiplier.max(1e-9).ln())
            .collect();
        let total: f64 = logs.iter().sum();
        if total > 0.0 {
            for (f, l) in factors.iter_mut().zip(&logs) {
                f.points = drop * l / total;
            }
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let score = raw.round() as u8;
        RiskScore { score, factors }
    }
}
