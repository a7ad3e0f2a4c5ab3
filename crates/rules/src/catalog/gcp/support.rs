//! Helpers shared by GCP rules: Cloud SQL database flags, log-metric alerts, IAM members.

use posture_model::Typed;

use crate::prelude::*;

/// What a database flag must look like.
#[derive(Clone, Copy)]
pub(crate) enum FlagWant {
    /// Set to this value (case-insensitive); `default_ok` = the engine default already complies.
    Is(&'static str, bool),
    /// Not set at all.
    Unset,
    /// Unset, or set to one of these values.
    UnsetOr(&'static [&'static str]),
    /// Set to one of these values (an unset flag uses a non-compliant default).
    OneOf(&'static [&'static str]),
}

/// Check Cloud SQL flag `flag` of an instance of `engine` (`postgres`, `mysql`, `sqlserver`).
pub(crate) fn sql_flag(
    r: &Resource,
    c: &gcp::SqlInstance,
    engine: &str,
    flag: &str,
    want: FlagWant,
) -> Result<Verdict, Missing> {
    need(&c.database_version, "database_version")?;
    if c.engine() != engine {
        return Ok(Verdict::NotApplicable(
            format!("not a {engine} instance").into(),
        ));
    }
    let flags = need(&c.database_flags, "database_flags")?;
    let value = flags
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(flag))
        .map(|(_, v)| v.trim().to_ascii_lowercase());
    let ok = match (want, value.as_deref()) {
        (FlagWant::Is(v, _), Some(x)) => x == v,
        (FlagWant::Is(_, default_ok), None) => default_ok,
        (FlagWant::Unset, v) => v.is_none(),
        (FlagWant::UnsetOr(ok), v) => v.is_none_or(|x| ok.contains(&x)),
        (FlagWant::OneOf(ok), Some(x)) => ok.contains(&x),
        (FlagWant::OneOf(_), None) => false,
    };
    Ok(Verdict::check(ok, || {
        let shown = value.clone().unwrap_or_else(|| "not set".to_owned());
        Verdict::fail(
            format!(
                "Cloud SQL instance `{}` has database flag `{flag}` = {shown}",
                r.name
            ),
            &format!("config.database_flags.{flag}"),
            json!(value),
        )
    }))
}

/// Unknown (through [`Missing`], so the finding carries the gap's reason and API) when the
/// project or organization records a failed read for `field`: the listing that would show the
/// related resources (`log_sinks`, `log_metrics`, `alert_policies`, `essential_contacts`) was
/// denied, throttled or timed out, so their absence proves nothing. A whole-resource gap (`*`)
/// counts too.
pub(crate) fn listed(r: &Resource, field: &'static str) -> Result<(), Missing> {
    match r.gap_for(field) {
        Some(_) => Err(Missing { field }),
        None => Ok(()),
    }
}

/// Whether a normalized (lower-case, whitespace-free) log filter contains every token.
fn filter_has(filter: &str, tokens: &[&str]) -> bool {
    let f: String = filter
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    tokens.iter().all(|t| {
        let t: String = t
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        f.contains(&t)
    })
}

/// Pass when the project has an enabled log-based metric whose filter contains `tokens` and an
/// enabled alert policy on that metric. Unknown when no metric (or, for a matching metric, no
/// alert policy) of the project was observed at all, or when the project records a failed read of
/// its metrics (`log_metrics`) or alert policies (`alert_policies`).
pub(crate) fn metric_alert(
    r: &Resource,
    cx: &EvalContext<'_>,
    tokens: &[&str],
    label: &str,
) -> Result<Verdict, Missing> {
    let mut metrics_seen = 0usize;
    let mut matching: Vec<String> = Vec::new();
    for m in cx
        .index
        .of_kind_in(Kind::GcpLoggingMetric, &r.account, None)
    {
        let Some(c) = gcp::LogMetric::from_config(&m.config) else {
            continue;
        };
        metrics_seen += 1;
        if let (Some(name), Some(filter)) = (&c.metric_name, &c.filter)
            && c.disabled != Some(true)
            && filter_has(filter, tokens)
        {
            matching.push(format!("logging.googleapis.com/user/{name}"));
        }
    }
    if matching.is_empty() {
        listed(r, "log_metrics")?;
    }
    if metrics_seen == 0 {
        return Ok(Verdict::Unknown(
            format!(
                "no log-based metric of project {} was observed: either none exists or metrics were not collected",
                r.account
            )
            .into(),
        ));
    }
    if matching.is_empty() {
        return Ok(Verdict::fail_msg(format!(
            "Project {} has no log-based metric for {label} ({metrics_seen} metric(s) observed)",
            r.account
        )));
    }
    let mut alerts_seen = 0usize;
    for a in cx
        .index
        .of_kind_in(Kind::GcpMonitoringAlertPolicy, &r.account, None)
    {
        let Some(c) = gcp::AlertPolicy::from_config(&a.config) else {
            continue;
        };
        alerts_seen += 1;
        let on = c.enabled != Some(false);
        let watches = c.condition_filters.iter().flatten().any(|f| {
            matching.iter().any(|m| {
                f.contains(m.as_str())
                    && f[f.find(m.as_str()).unwrap_or(0) + m.len()..]
                        .chars()
                        .next()
                        .is_none_or(|ch| !(ch.is_alphanumeric() || ch == '_' || ch == '-'))
            })
        });
        if on && watches {
            return Ok(Verdict::Pass);
        }
    }
    listed(r, "alert_policies")?;
    if alerts_seen == 0 {
        return Ok(Verdict::Unknown(
            format!(
                "no alert policy of project {} was observed: either none exists or alert policies were not collected",
                r.account
            )
            .into(),
        ));
    }
    Ok(Verdict::fail_msg(format!(
        "Project {} has a log-based metric for {label} ({}) but no enabled alert policy on it",
        r.account,
        matching.join(", ")
    )))
}

/// Whether an IAM member is a person (`user:`) or a group of people (`group:`).
pub(crate) fn is_human(member: &str) -> bool {
    member.starts_with("user:") || member.starts_with("group:")
}

/// Members that hold at least one role of `a` and one role of `b` in the bindings.
pub(crate) fn holders_of_both(
    bindings: &[posture_model::kinds::Binding],
    a: &[&str],
    b: &[&str],
) -> Vec<String> {
    let holders = |roles: &[&str]| -> std::collections::BTreeSet<&str> {
        bindings
            .iter()
            .filter(|x| roles.contains(&x.role.as_str()))
            .flat_map(|x| x.members.iter().map(String::as_str))
            .collect()
    };
    let (ha, hb) = (holders(a), holders(b));
    ha.intersection(&hb).map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_match_ignoring_case_and_spaces() {
        assert!(filter_has(
            "resource.type = \"gce_route\" AND (protoPayload.methodName:\"compute.routes.delete\")",
            &["resource.type=\"gce_route\"", "compute.routes.delete"]
        ));
        assert!(!filter_has("resource.type=\"gce_network\"", &["gce_route"]));
    }
}
