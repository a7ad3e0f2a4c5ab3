//! Helpers shared by AWS rules: public resource policies and per-region service coverage.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use posture_model::Typed;
use posture_model::policy::PolicyDocument;

use crate::iam::public_statements;
use crate::prelude::*;

/// Fail when a resource policy has Allow statements open to any principal (no restricting
/// condition), with the statements as evidence; Pass otherwise.
pub(crate) fn public_policy_verdict(policy: &PolicyDocument, what: &str) -> Verdict {
    let evidence: Vec<Evidence> = public_statements(policy)
        .filter(|(_, s)| s.effect == posture_model::policy::Effect::Allow)
        .map(|(i, s)| Evidence {
            path: format!("config.policy.statements[{i}]"),
            observed: json!(s),
        })
        .collect();
    if evidence.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail {
            message: format!("{what} allows any principal (`*`, no restricting condition)"),
            evidence,
        }
    }
}

/// Regions (not `global`) in which each account has at least one resource.
fn regions_in_use<'a>(cx: &EvalContext<'a>) -> std::sync::Arc<BTreeMap<String, BTreeSet<String>>> {
    cx.memo("aws.common.regions_in_use", |ix| {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for r in ix.resources() {
            if r.kind().provider() == Some(posture_model::Provider::Aws) && r.region != "global" {
                m.entry(r.account.clone())
                    .or_default()
                    .insert(r.region.clone());
            }
        }
        m
    })
}

/// Whether the account's Config recorder in `region` is observed recording every supported
/// resource type (so a resource type missing from that region's inventory really is absent).
fn recorder_records_everything(cx: &EvalContext<'_>, account: &str, region: &str) -> bool {
    cx.index
        .of_kind_in(Kind::AwsConfigRecorder, account, Some(region))
        .filter_map(|r| aws::ConfigRecorder::from_config(&r.config))
        .any(|c| c.recording == Some(true) && c.all_supported == Some(true))
}

/// Per-region coverage of a regional security service for the account of `r`: every region in
/// which the account has resources needs a resource of `kind` for which `state` says `Some(true)`.
/// A region with no such resource fails only when its Config recorder records every type (so the
/// absence is observed); otherwise it is Unknown.
pub(crate) fn regional_service(
    r: &Resource,
    cx: &EvalContext<'_>,
    kind: Kind,
    service: &str,
    state: fn(&Resource) -> Option<bool>,
) -> Verdict {
    let regions = regions_in_use(cx);
    let Some(regions) = regions.get(&r.account) else {
        return Verdict::Unknown(Cow::Owned(format!(
            "no regional resource of account {} was observed",
            r.account
        )));
    };
    let mut off = Vec::new();
    let mut missing = Vec::new();
    let mut unknown = Vec::new();
    for region in regions {
        let states: Vec<Option<bool>> = cx
            .index
            .of_kind_in(kind, &r.account, Some(region))
            .map(state)
            .collect();
        if states.contains(&Some(true)) {
            continue;
        }
        if states.contains(&Some(false)) {
            off.push(region.clone());
        } else if !states.is_empty() {
            unknown.push(format!("{region} (state not observed)"));
        } else if recorder_records_everything(cx, &r.account, region) {
            missing.push(region.clone());
        } else {
            unknown.push(format!("{region} (not observed)"));
        }
    }
    if !off.is_empty() || !missing.is_empty() {
        let mut parts = Vec::new();
        if !off.is_empty() {
            parts.push(format!("turned off in {}", off.join(", ")));
        }
        if !missing.is_empty() {
            parts.push(format!(
                "absent from {} (whose Config recorder records every resource type)",
                missing.join(", ")
            ));
        }
        return Verdict::fail(
            format!("{service} in account {}: {}", r.account, parts.join("; ")),
            "regions",
            json!({"off": off, "absent": missing}),
        );
    }
    if !unknown.is_empty() {
        return Verdict::Unknown(Cow::Owned(format!(
            "{service} not decided for region(s) {} of account {}",
            unknown.join(", "),
            r.account
        )));
    }
    Verdict::Pass
}
