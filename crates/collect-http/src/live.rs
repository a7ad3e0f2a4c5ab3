//! What the live collectors share above HTTP: progress events, the per-scope summary with its
//! coverage percentage, and patching settings read from extra API calls into resources the
//! importers already normalized.

use std::collections::HashMap;

use posture_model::{Config, CoverageEntry, CoverageStatus, Gap, GapReason, Inventory, Resource};

use crate::CallError;

/// Progress of a live scan.
#[derive(Clone, Copy, Debug)]
pub enum Progress<'a> {
    /// The scopes are known: `scopes` × `steps` units of work follow.
    Planned {
        /// Subscriptions / projects / folders / organizations.
        scopes: usize,
        /// Steps per scope.
        steps: usize,
    },
    /// One step of one scope finished (successfully or not).
    Step {
        /// The scope (`subscriptions/…`, `projects/…`).
        scope: &'a str,
        /// The step.
        step: &'a str,
    },
}

/// A progress callback.
pub type OnProgress<'a> = &'a (dyn Fn(Progress<'_>) + Send + Sync);

/// One scope's outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeReport {
    /// The scope.
    pub scope: String,
    /// Steps attempted.
    pub steps: u32,
    /// Steps that completed without any failed call.
    pub complete: u32,
    /// Failed calls (classified, with the provider's message), at most a few dozen.
    pub problems: Vec<String>,
    /// Resources collected.
    pub resources: u64,
}

/// Summary of a live scan.
#[derive(Clone, Debug, Default)]
pub struct LiveSummary {
    /// `azure` or `gcp`.
    pub provider: String,
    /// The credential used (description only).
    pub credential: String,
    /// Per scope.
    pub scopes: Vec<ScopeReport>,
    /// HTTP attempts.
    pub calls: u64,
    /// Retries after throttling/unavailability.
    pub retries: u64,
    /// Token refreshes after a 401.
    pub reauthentications: u64,
}

impl LiveSummary {
    /// Share of scope × step units collected completely, in percent (100 when nothing was
    /// planned).
    #[must_use]
    pub fn coverage_percent(&self) -> f64 {
        let steps: u32 = self.scopes.iter().map(|s| s.steps).sum();
        let done: u32 = self.scopes.iter().map(|s| s.complete).sum();
        if steps == 0 {
            return 100.0;
        }
        f64::from(done) * 100.0 / f64::from(steps)
    }
}

/// Settings read by an extra call for one resource, or why they could not be read.
#[derive(Clone, Debug)]
pub struct Patch {
    /// The resource uid (as the importer writes it).
    pub uid: String,
    /// Typed-config fields and their observed values.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Fields that could not be read, with the failed call.
    pub gaps: Vec<Gap>,
}

impl Patch {
    /// An empty patch for `uid`.
    #[must_use]
    pub fn new(uid: &str) -> Patch {
        Patch {
            uid: uid.to_owned(),
            fields: serde_json::Map::new(),
            gaps: Vec::new(),
        }
    }

    /// Record an observed value.
    pub fn set(&mut self, field: &str, value: serde_json::Value) {
        if !value.is_null() {
            self.fields.insert(field.to_owned(), value);
        }
    }

    /// Record that `fields` could not be read because `api` failed.
    pub fn failed(&mut self, fields: &[&str], api: &str, e: &CallError) {
        for f in fields {
            self.gaps.push(Gap {
                field: (*f).to_owned(),
                api: Some(api.to_owned()),
                reason: e.gap_reason(),
                detail: e.to_string(),
            });
        }
    }
}

/// Apply patches to the resources they name. An observed field replaces the importer's value and
/// drops the gaps on that field; a failed read replaces the importer's "not in source" gap on the
/// field with the failure (denied, throttled, …), so rules report *Unknown* with the real reason.
/// Returns the uids that were not found.
pub fn apply_patches(inv: &mut Inventory, patches: Vec<Patch>) -> Vec<String> {
    let index: HashMap<String, usize> = inv
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| (r.uid.clone(), i))
        .collect();
    let mut missing = Vec::new();
    for p in patches {
        let Some(r) = index.get(&p.uid).and_then(|&i| inv.resources.get_mut(i)) else {
            missing.push(p.uid);
            continue;
        };
        patch_resource(r, p);
    }
    missing
}

fn patch_resource(r: &mut Resource, p: Patch) {
    if !p.fields.is_empty() && !matches!(r.config, Config::Unmodeled(_)) {
        let mut v = r.config.to_value();
        if let serde_json::Value::Object(m) = &mut v {
            for (k, val) in &p.fields {
                m.insert(k.clone(), val.clone());
            }
        }
        if let Ok(c) = Config::from_json(r.kind(), &v.to_string()) {
            r.config = c;
            r.gaps.retain(|g| !p.fields.contains_key(&g.field));
        }
    }
    for g in p.gaps {
        r.gaps
            .retain(|old| !(old.field == g.field && old.reason == GapReason::NotInSource));
        if !r.gaps.contains(&g) {
            r.gaps.push(g);
        }
    }
}

/// A coverage entry for a scope or a part of it that could not be collected.
#[must_use]
pub fn failed_coverage(
    provider: &str,
    account: &str,
    service: &str,
    status: CoverageStatus,
    reason: String,
    source: &str,
) -> CoverageEntry {
    CoverageEntry {
        provider: provider.to_owned(),
        account: account.to_owned(),
        region: "*".into(),
        service: service.to_owned(),
        status,
        reason: Some(reason),
        resources: 0,
        source: source.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use posture_model::kinds::azure::SqlServer;
    use posture_model::{Provider, Resource};

    fn server() -> Resource {
        Resource {
            uid: "/subscriptions/s/x".into(),
            provider: Provider::Azure,
            account: "s".into(),
            region: "westeurope".into(),
            name: "x".into(),
            tags: posture_model::Tags::default(),
            config: SqlServer::default().into(),
            relationships: Vec::new(),
            gaps: vec![
                Gap {
                    field: "auditing_enabled".into(),
                    api: None,
                    reason: GapReason::NotInSource,
                    detail: "child resource".into(),
                },
                Gap {
                    field: "tde_customer_managed_key".into(),
                    api: None,
                    reason: GapReason::NotInSource,
                    detail: "child resource".into(),
                },
            ],
            source: "t".into(),
        }
    }

    #[test]
    fn patches_fill_fields_and_replace_gaps() {
        let mut inv = Inventory::new();
        inv.resources.push(server());
        let mut p = Patch::new("/subscriptions/s/x");
        p.set("auditing_enabled", serde_json::json!(true));
        p.failed(
            &["tde_customer_managed_key"],
            "Microsoft.Sql/servers/encryptionProtector/read",
            &CallError::Denied {
                what: "GET /x".into(),
                status: 403,
                message: "AuthorizationFailed".into(),
            },
        );
        let missing = apply_patches(&mut inv, vec![p, Patch::new("/nope")]);
        assert_eq!(missing, vec!["/nope".to_owned()]);
        let r = &inv.resources[0];
        let Config::AzureSqlServer(s) = &r.config else {
            panic!("kind changed")
        };
        assert_eq!(s.auditing_enabled, Some(true));
        assert_eq!(r.gaps.len(), 1, "{:?}", r.gaps);
        assert_eq!(r.gaps[0].reason, GapReason::Denied);
        assert_eq!(r.gaps[0].field, "tde_customer_managed_key");
    }

    #[test]
    fn coverage_percent_counts_complete_steps() {
        let mut s = LiveSummary::default();
        assert!((s.coverage_percent() - 100.0).abs() < 1e-9);
        s.scopes.push(ScopeReport {
            steps: 4,
            complete: 3,
            ..ScopeReport::default()
        });
        s.scopes.push(ScopeReport {
            steps: 4,
            complete: 0,
            ..ScopeReport::default()
        });
        assert!((s.coverage_percent() - 37.5).abs() < 1e-9);
    }
}
