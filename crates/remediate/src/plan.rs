//! Fix plans: for every failing finding, what would be done and under which guard. Building a
//! plan changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use posture_model::{Resource, Severity, Status, finding_uid};
use posture_risk::{ContextSettings, Environment};
use posture_rules::Evaluation;
use posture_rules::engine::{FixSafety, render_template};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::fixes::{self, ApiCall, FixId};
use crate::policy::{Policy, Subject};

/// The rendered fix text of a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instructions {
    /// What to change.
    pub summary: String,
    /// CLI command(s) with the resource's identifiers.
    pub cli: String,
    /// Terraform snippet.
    pub terraform: String,
    /// Console steps.
    pub console: String,
}

/// Who and what a fix touches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlastRadius {
    /// Resource uids changed.
    pub resources: Vec<String>,
    /// Whether any of them is production (environment `prod` from tags, the account override
    /// or the name, as the risk context resolves it).
    pub production: bool,
    /// The environment and where it came from (`prod (tag env=prod)`), when known.
    pub environment: Option<String>,
}

/// Whether and how the previous state can be restored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rollback {
    /// The recorded before-state is enough to restore it.
    pub possible: bool,
    /// How.
    pub how: String,
}

/// What the policy says about an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// A safe fix in an automatic scope, not on production: runs on `fix apply` without approval.
    Auto {
        /// Index of the `[[remediation.auto]]` scope.
        scope: usize,
    },
    /// Runs only once someone other than the requester approves it.
    NeedsApproval {
        /// Why (unsafe, production, monitor-only).
        reasons: Vec<String>,
    },
    /// No automated fix: follow the instructions.
    Manual {
        /// Why.
        reason: String,
    },
    /// The finding is excepted: never fixed.
    Excepted,
}

/// One finding's fix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    /// Stable id (`fx-` + 16 hex digits over the finding and the fix).
    pub id: String,
    /// Finding uid.
    pub finding_uid: String,
    /// Rule id.
    pub rule_id: String,
    /// Rule title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
    /// Resource uid.
    pub resource_uid: String,
    /// Resource name.
    pub resource_name: String,
    /// Resource kind.
    pub resource_kind: String,
    /// Account.
    pub account: String,
    /// Region.
    pub region: String,
    /// Tags of the resource (policy scopes match on them).
    pub tags: BTreeMap<String, String>,
    /// What the rule found.
    pub message: String,
    /// `safe`, `unsafe` or `manual`.
    pub fix_safety: String,
    /// Why.
    pub fix_safety_reason: String,
    /// The filled-in instructions.
    pub instructions: Instructions,
    /// The automated fix, if any.
    pub fix: Option<FixId>,
    /// Identifiers the fix works on.
    #[serde(default)]
    pub target: serde_json::Value,
    /// API calls that would be made.
    pub calls: Vec<ApiCall>,
    /// IAM permissions they need.
    pub permissions: Vec<String>,
    /// Blast radius.
    pub blast_radius: BlastRadius,
    /// Rollback.
    pub rollback: Rollback,
    /// The policy's decision.
    pub decision: Decision,
}

/// A plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Format version (1).
    pub version: u32,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// Who asked for it (the requester of its approvals).
    pub requester: String,
    /// The policy in force.
    pub policy: Policy,
    /// Items, by severity then rule then resource.
    pub items: Vec<PlanItem>,
}

impl Plan {
    /// Parse a plan file; `origin` names it in errors.
    ///
    /// # Errors
    /// A message with the file, the JSON path and what was expected.
    pub fn parse(text: &str, origin: &str) -> Result<Plan, String> {
        let v: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| format!("{origin}: line {} column {}: {e}", e.line(), e.column()))?;
        if v.get("version").and_then(serde_json::Value::as_u64) != Some(1) {
            return Err(format!(
                "{origin}: $.version: expected 1 (a plan written by `posture fix plan`)"
            ));
        }
        let items = v
            .get("items")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| format!("{origin}: $.items: expected an array of plan items"))?;
        for (i, it) in items.iter().enumerate() {
            serde_json::from_value::<PlanItem>(it.clone())
                .map_err(|e| format!("{origin}: $.items[{i}]: {e}"))?;
        }
        serde_json::from_value(v).map_err(|e| format!("{origin}: {e}"))
    }

    /// Counts per decision kind.
    #[must_use]
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for i in &self.items {
            *m.entry(i.decision.label()).or_default() += 1;
        }
        m
    }
}

impl Decision {
    /// `auto`, `needs_approval`, `manual`, `excepted`.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Decision::Auto { .. } => "auto",
            Decision::NeedsApproval { .. } => "needs_approval",
            Decision::Manual { .. } => "manual",
            Decision::Excepted => "excepted",
        }
    }
}

/// Everything a plan is made from.
pub struct PlanInput<'a> {
    /// The evaluation (failing outcomes become items).
    pub evaluation: &'a Evaluation,
    /// Its resources.
    pub resources: &'a [Resource],
    /// Finding uids covered by an approved exception.
    pub excepted: &'a BTreeSet<String>,
    /// The policy.
    pub policy: &'a Policy,
    /// How environments are read.
    pub context: &'a ContextSettings,
    /// Who asks.
    pub requester: &'a str,
    /// Now.
    pub now: i64,
    /// Keep a finding (filters as `posture findings`: rules, severities, accounts…).
    pub keep: &'a dyn Fn(&Resource, &str, Severity) -> bool,
}

fn item_id(finding: &str, fix: Option<FixId>) -> String {
    let mut h = Sha256::new();
    h.update(finding.as_bytes());
    h.update([0u8]);
    h.update(
        fix.map(|f| serde_json::to_string(&f).unwrap_or_default())
            .unwrap_or_default()
            .as_bytes(),
    );
    let d = h.finalize();
    let hex: String = d.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("fx-{hex}")
}

/// Tags as a sorted map.
#[must_use]
pub fn tag_map(r: &Resource) -> BTreeMap<String, String> {
    r.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// Build the plan. Only failing findings become items.
#[must_use]
pub fn build(input: &PlanInput<'_>) -> Plan {
    let mut items = Vec::new();
    for o in &input.evaluation.outcomes {
        if o.status != Status::Fail {
            continue;
        }
        let Some(rule) = input.evaluation.rule(o) else {
            continue;
        };
        let Some(r) = input.resources.get(o.resource as usize) else {
            continue;
        };
        let meta = rule.meta();
        if !(input.keep)(r, meta.id, meta.severity) {
            continue;
        }
        let fuid = finding_uid(meta.id, &r.uid);
        let message = o
            .detail
            .as_ref()
            .map(|d| d.message.clone())
            .unwrap_or_default();
        let env = input.context.environment(r);
        let production = env.as_ref().is_some_and(|e| e.value == Environment::Prod);
        let environment = env
            .as_ref()
            .map(|e| format!("{} ({})", e.value.as_str(), e.source.describe()));
        let tags = tag_map(r);
        let def = fixes::for_rule(meta.id).filter(|_| meta.fix_safety != FixSafety::Manual);
        let target = def.map(|d| fixes::target(d.id, r));
        let (fix, target, calls, permissions, rollback, target_error) = match (def, target) {
            (Some(d), Some(Ok(t))) => (
                Some(d.id),
                t.clone(),
                fixes::calls(d.id, &t, &r.region),
                d.permissions.iter().map(|p| (*p).to_owned()).collect(),
                Rollback {
                    possible: d.rollback_possible,
                    how: d.rollback.to_owned(),
                },
                None,
            ),
            (_, Some(Err(e))) => (
                None,
                serde_json::Value::Null,
                Vec::new(),
                Vec::new(),
                Rollback {
                    possible: false,
                    how: "nothing is changed automatically".into(),
                },
                Some(e),
            ),
            _ => (
                None,
                serde_json::Value::Null,
                Vec::new(),
                Vec::new(),
                Rollback {
                    possible: false,
                    how: "nothing is changed automatically".into(),
                },
                None,
            ),
        };
        let decision = if input.excepted.contains(&fuid) {
            Decision::Excepted
        } else if meta.fix_safety == FixSafety::Manual {
            Decision::Manual {
                reason: format!("fix safety is manual: {}", meta.fix_safety_reason),
            }
        } else if let Some(e) = target_error {
            Decision::Manual { reason: e }
        } else if fix.is_none() {
            Decision::Manual {
                reason: "no automated fix for this rule yet; follow the instructions".into(),
            }
        } else {
            decide(
                input.policy,
                meta.fix_safety,
                production,
                environment.as_deref(),
                &Subject {
                    rule_id: meta.id,
                    account: &r.account,
                    region: &r.region,
                    tags: &tags,
                },
            )
        };
        items.push(PlanItem {
            id: item_id(&fuid, fix),
            finding_uid: fuid,
            rule_id: meta.id.to_owned(),
            title: meta.title.to_owned(),
            severity: meta.severity,
            resource_uid: r.uid.clone(),
            resource_name: r.name.clone(),
            resource_kind: r.kind().as_str().to_owned(),
            account: r.account.clone(),
            region: r.region.clone(),
            tags,
            message,
            fix_safety: meta.fix_safety.as_str().to_owned(),
            fix_safety_reason: meta.fix_safety_reason.to_owned(),
            instructions: Instructions {
                summary: meta.remediation.summary.to_owned(),
                cli: render_template(meta.remediation.cli, r),
                terraform: render_template(meta.remediation.terraform, r),
                console: render_template(meta.remediation.console, r),
            },
            fix,
            target,
            calls,
            permissions,
            blast_radius: BlastRadius {
                resources: vec![r.uid.clone()],
                production,
                environment,
            },
            rollback,
            decision,
        });
    }
    items.sort_by(|a, b| {
        (std::cmp::Reverse(a.severity), &a.rule_id, &a.resource_uid).cmp(&(
            std::cmp::Reverse(b.severity),
            &b.rule_id,
            &b.resource_uid,
        ))
    });
    Plan {
        version: 1,
        created_at: input.now,
        requester: input.requester.to_owned(),
        policy: input.policy.clone(),
        items,
    }
}

/// The policy decision for an automatable fix.
#[must_use]
pub fn decide(
    policy: &Policy,
    safety: FixSafety,
    production: bool,
    environment: Option<&str>,
    subject: &Subject<'_>,
) -> Decision {
    let mut reasons = Vec::new();
    if safety == FixSafety::Unsafe {
        reasons.push(
            "the fix is unsafe (it can affect availability); unsafe fixes never run automatically"
                .to_owned(),
        );
    }
    if production {
        reasons.push(format!(
            "the resource is production ({})",
            environment.unwrap_or("prod")
        ));
    }
    if reasons.is_empty() {
        match policy.auto_scope(subject) {
            Some(scope) => return Decision::Auto { scope },
            None => reasons.push(match policy.mode {
                crate::policy::Mode::Monitor => "the remediation policy is monitor-only".to_owned(),
                crate::policy::Mode::Auto => {
                    "no [[remediation.auto]] scope covers this rule and resource".to_owned()
                }
            }),
        }
    }
    Decision::NeedsApproval { reasons }
}
