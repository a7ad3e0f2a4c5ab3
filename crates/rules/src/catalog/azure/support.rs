//! Helpers shared by Azure rules: Defender plans, activity log alerts, diagnostic settings.

use posture_model::Typed;

use crate::prelude::*;

/// Unknown (through [`Missing`], so the finding carries the gap's reason and API) when the
/// resource records a failed read for `field`: the listing that would show the related resources
/// (`diagnostic_settings`, `role_assignments`, … on the subscription, written by the live
/// collector) was denied, throttled or timed out, so their absence proves nothing.
pub(crate) fn listed(r: &Resource, field: &'static str) -> Result<(), Missing> {
    match r.gap_for(field) {
        Some(_) => Err(Missing { field }),
        None => Ok(()),
    }
}

/// Pass when the Defender plan `plan` is on the Standard tier; not applicable to other plans.
pub(crate) fn defender_plan(
    r: &Resource,
    c: &azure::DefenderPlan,
    plan: &str,
    label: &str,
) -> Result<Verdict, Missing> {
    let name = need(&c.plan, "plan")?;
    if !name.eq_ignore_ascii_case(plan) {
        return Ok(Verdict::NotApplicable(
            format!("this rule covers the {plan} plan, not {name}").into(),
        ));
    }
    let tier = need(&c.pricing_tier, "pricing_tier")?;
    Ok(Verdict::check(
        tier.eq_ignore_ascii_case("standard"),
        || {
            Verdict::fail(
                format!(
                    "Microsoft Defender for {label} is off in subscription {} (tier `{tier}`)",
                    r.account
                ),
                "config.pricing_tier",
                json!(tier),
            )
        },
    ))
}

/// What an activity log alert must watch.
#[derive(Clone, Copy)]
pub(crate) enum Watch {
    /// An administrative operation (`microsoft.network/networksecuritygroups/write`, lower case).
    Operation(&'static str),
    /// A whole event category (`servicehealth`, lower case).
    Category(&'static str),
}

/// Pass when an enabled activity log alert scoped to the subscription, with an action group,
/// watches `watch`. Unknown when no alert of the subscription was observed at all (not
/// collected, or none exist: the data cannot tell), or when the subscription records a failed
/// read of its alerts (gap `activity_log_alerts`, or `*`).
pub(crate) fn activity_alert(
    r: &Resource,
    cx: &EvalContext<'_>,
    watch: Watch,
    label: &str,
) -> Result<Verdict, Missing> {
    let sub = r.uid.to_ascii_lowercase();
    let mut seen = 0usize;
    let mut undecided = Vec::new();
    for a in cx
        .index
        .of_kind_in(Kind::AzureMonitorActivityLogAlert, &r.account, None)
    {
        let Some(c) = azure::ActivityLogAlert::from_config(&a.config) else {
            continue;
        };
        seen += 1;
        let (Some(enabled), Some(scopes), Some(conds), Some(groups)) = (
            c.enabled,
            c.scopes.as_ref(),
            c.conditions.as_ref(),
            c.action_groups.as_ref(),
        ) else {
            undecided.push(a.name.clone());
            continue;
        };
        let scoped = scopes.iter().any(|s| s.trim_end_matches('/') == sub);
        let watches = match watch {
            Watch::Operation(op) => conds
                .iter()
                .any(|k| k.field == "operationname" && k.equals == op),
            Watch::Category(cat) => conds
                .iter()
                .any(|k| k.field == "category" && k.equals == cat),
        };
        if enabled && scoped && watches && !groups.is_empty() {
            return Ok(Verdict::Pass);
        }
    }
    listed(r, "activity_log_alerts")?;
    if !undecided.is_empty() {
        return Ok(Verdict::Unknown(
            format!(
                "settings of activity log alert(s) {} were not fully observed",
                undecided.join(", ")
            )
            .into(),
        ));
    }
    if seen == 0 {
        return Ok(Verdict::Unknown(
            format!(
                "no activity log alert of subscription {} was observed: either none exists or alerts were not collected",
                r.account
            )
            .into(),
        ));
    }
    Ok(Verdict::fail_msg(format!(
        "No enabled activity log alert with an action group watches {label} in subscription {} \
         ({seen} alert(s) observed)",
        r.account
    )))
}

/// Diagnostic settings of the subscription that export `target`, and how many diagnostic
/// settings of the subscription were observed at all.
pub(crate) fn diagnostic_settings_of<'a>(
    cx: &EvalContext<'a>,
    account: &str,
    target: &str,
) -> (usize, Vec<(&'a Resource, &'a azure::DiagnosticSetting)>) {
    let target = target.to_ascii_lowercase();
    let mut seen = 0usize;
    let mut found = Vec::new();
    for d in cx
        .index
        .of_kind_in(Kind::AzureMonitorDiagnosticSetting, account, None)
    {
        let Some(c) = azure::DiagnosticSetting::from_config(&d.config) else {
            continue;
        };
        seen += 1;
        if c.target.as_deref() == Some(target.as_str()) {
            found.push((d, c));
        }
    }
    (seen, found)
}

#[cfg(test)]
mod tests {
    use crate::engine::Expect;
    use crate::testing::run_cases;

    /// Every Azure/GCP case whose subject records a failed listing (`"gaps"`) and expects Unknown
    /// must reach Unknown through [`Missing`] (so the finding names the gap's reason and API),
    /// not through a generic "nothing observed" message.
    #[test]
    fn listing_gaps_make_findings_unknown_with_the_reason() {
        let mut checked = 0;
        for rule in crate::catalog::catalog() {
            let id = rule.meta().id;
            if !(id.starts_with("azure.") || id.starts_with("gcp.")) {
                continue;
            }
            for r in run_cases(*rule) {
                if r.case.expect != Expect::Unknown || !r.case.resource.contains("\"gaps\"") {
                    continue;
                }
                let Ok((_, msg)) = &r.got else {
                    panic!("{id}: case `{}` is malformed: {:?}", r.case.note, r.got);
                };
                assert!(r.ok(), "{id}: case `{}` got {:?}", r.case.note, r.got);
                assert!(
                    msg.starts_with("missing `"),
                    "{id}: case `{}` is Unknown without the gap: {msg}",
                    r.case.note
                );
                checked += 1;
            }
        }
        assert!(checked >= 25, "only {checked} gap cases");
    }
}
