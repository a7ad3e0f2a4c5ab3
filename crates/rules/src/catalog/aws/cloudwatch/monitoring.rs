//! The CIS monitoring chain shared by the `*_unmonitored` rules: a multi-region, logging trail
//! that records management events delivers to a CloudWatch Logs group; a metric filter on that
//! group matches the events of interest; an alarm on the filter's metric notifies an SNS topic
//! that has a confirmed subscriber. Everything is looked up in the inventory index.

use std::borrow::Cow;

use posture_model::Typed;

use crate::prelude::*;

/// What one monitoring rule looks for in a filter pattern.
pub(crate) struct Spec {
    /// Short label for messages (`root account usage`).
    pub label: &'static str,
    /// Terms the filter pattern must contain (compared with whitespace and quotes removed); an
    /// `eventName` term must not be a prefix of a longer event name.
    pub terms: &'static [&'static str],
}

/// A monitoring rule: the chain check with one [`Spec`].
pub(crate) struct Monitoring {
    pub spec: &'static Spec,
    pub meta: &'static RuleMeta,
}

impl TypedRule for Monitoring {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    fn check(
        &self,
        r: &Resource,
        _a: &aws::IamAccount,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        Ok(check(r, cx, self.spec))
    }
}

/// Remove whitespace and double quotes, and spell `==` as `=`.
fn normalize(p: &str) -> String {
    let s: String = p
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"')
        .collect();
    s.replace("==", "=")
}

/// Whether `pattern` contains every term of `spec`.
pub(crate) fn pattern_covers(pattern: &str, spec: &Spec) -> bool {
    let p = normalize(pattern);
    spec.terms.iter().all(|t| contains_term(&p, &normalize(t)))
}

fn contains_term(p: &str, term: &str) -> bool {
    let mut from = 0;
    while let Some(i) = p.get(from..).and_then(|rest| rest.find(term)) {
        let end = from + i + term.len();
        let next = p.get(end..).and_then(|r| r.chars().next());
        if !next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return true;
        }
        from = from + i + 1;
    }
    false
}

/// Whether the trail records management events (read and write). `None` when its event
/// selectors were not observed.
pub(crate) fn records_management_events(t: &aws::CloudTrailTrail) -> Option<bool> {
    let basic = t.event_selectors.as_ref()?;
    let advanced = t.advanced_event_selectors.as_ref()?;
    if basic.is_empty() && advanced.is_empty() {
        // A trail without any selector records all management events.
        return Some(true);
    }
    let by_basic = basic.iter().any(|s| {
        s.include_management_events != Some(false)
            && s.read_write_type
                .as_deref()
                .is_none_or(|rw| rw.eq_ignore_ascii_case("All"))
    });
    let by_advanced = advanced.iter().any(|a| {
        let management = a
            .field_selectors
            .iter()
            .any(|f| f.field == "eventCategory" && f.equals.iter().any(|v| v == "Management"));
        let read_only_limited = a.field_selectors.iter().any(|f| f.field == "readOnly");
        management && !read_only_limited
    });
    Some(by_basic || by_advanced)
}

/// `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` → (region, account, name).
fn log_group_of(arn: &str) -> Option<(&str, &str, &str)> {
    let mut parts = arn.splitn(7, ':');
    let (_, _, svc, region, account, kind, rest) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if svc != "logs" || kind != "log-group" {
        return None;
    }
    let name = rest.strip_suffix(":*").unwrap_or(rest);
    Some((region, account, name))
}

enum Link {
    /// The chain is complete for this trail.
    Complete,
    /// Definitely broken, with the reason.
    Broken(String),
    /// Not decidable from the inventory, with the reason.
    Undecided(String),
}

fn topic_notifies(cx: &EvalContext<'_>, arn: &str) -> Link {
    if !arn.starts_with("arn:") || !arn.contains(":sns:") {
        return Link::Broken(format!("alarm action `{arn}` is not an SNS topic"));
    }
    let Some(t) = cx
        .index
        .get(arn)
        .and_then(|t| aws::SnsTopic::from_config(&t.config))
    else {
        return Link::Undecided(format!("SNS topic `{arn}` is not in the inventory"));
    };
    match &t.subscriptions {
        None => Link::Undecided(format!(
            "subscriptions of SNS topic `{}` were not observed",
            t.topic_name
        )),
        Some(s) if s.iter().any(aws::SnsSubscription::confirmed) => Link::Complete,
        Some(_) => Link::Broken(format!(
            "SNS topic `{}` has no confirmed subscription",
            t.topic_name
        )),
    }
}

fn alarm_metric_matches(a: &aws::CloudWatchAlarm, metric: &aws::MetricTransformation) -> bool {
    let top = a.metric_name.as_deref() == Some(metric.metric_name.as_str())
        && a.namespace.as_deref() == Some(metric.metric_namespace.as_str());
    top || a.metrics.as_ref().is_some_and(|m| {
        m.iter()
            .any(|x| x.metric_name == metric.metric_name && x.namespace == metric.metric_namespace)
    })
}

/// The filter → alarm → topic part of the chain for one log group.
fn chain_from_log_group(cx: &EvalContext<'_>, arn: &str, spec: &Spec) -> Link {
    let Some((region, account, name)) = log_group_of(arn) else {
        return Link::Undecided(format!("log group ARN `{arn}` is not understood"));
    };
    let group = cx
        .index
        .get(arn)
        .or_else(|| {
            cx.index
                .of_kind_in(Kind::AwsLogsLogGroup, account, Some(region))
                .find(|g| {
                    aws::LogGroup::from_config(&g.config).is_some_and(|c| c.log_group_name == name)
                })
        })
        .and_then(|g| aws::LogGroup::from_config(&g.config));
    let Some(group) = group else {
        return Link::Undecided(format!("log group `{name}` is not in the inventory"));
    };
    let Some(filters) = &group.metric_filters else {
        return Link::Undecided(format!(
            "metric filters of log group `{name}` were not observed"
        ));
    };
    let metrics: Vec<&aws::MetricTransformation> = filters
        .iter()
        .filter(|f| pattern_covers(&f.filter_pattern, spec))
        .flat_map(|f| f.metric_transformations.iter())
        .collect();
    if metrics.is_empty() {
        return Link::Broken(format!(
            "no metric filter on log group `{name}` matches {}",
            spec.label
        ));
    }
    let mut undecided = None;
    let mut broken = None;
    let mut alarms = 0;
    for a in cx
        .index
        .of_kind_in(Kind::AwsCloudWatchAlarm, account, Some(region))
        .filter_map(|a| aws::CloudWatchAlarm::from_config(&a.config))
        .filter(|a| metrics.iter().any(|m| alarm_metric_matches(a, m)))
    {
        alarms += 1;
        if a.actions_enabled == Some(false) {
            broken.get_or_insert_with(|| {
                format!("alarm `{}` has its actions disabled", a.alarm_name)
            });
            continue;
        }
        let (Some(_), Some(actions)) = (a.actions_enabled, &a.alarm_actions) else {
            undecided.get_or_insert_with(|| {
                format!("actions of alarm `{}` were not observed", a.alarm_name)
            });
            continue;
        };
        for act in actions {
            match topic_notifies(cx, act) {
                Link::Complete => return Link::Complete,
                Link::Broken(b) => {
                    broken.get_or_insert(b);
                }
                Link::Undecided(u) => {
                    undecided.get_or_insert(u);
                }
            }
        }
        if actions.is_empty() {
            broken.get_or_insert_with(|| format!("alarm `{}` notifies no one", a.alarm_name));
        }
    }
    if let Some(u) = undecided {
        return Link::Undecided(u);
    }
    if alarms == 0 {
        let m = metrics.first().map_or_else(String::new, |m| {
            format!("{}/{}", m.metric_namespace, m.metric_name)
        });
        return Link::Broken(format!(
            "no alarm watches metric {m} of the matching filter"
        ));
    }
    Link::Broken(broken.unwrap_or_else(|| "no alarm with a subscribed SNS topic".into()))
}

/// The chain through one trail.
fn trail_link(cx: &EvalContext<'_>, t: &aws::CloudTrailTrail, spec: &Spec) -> Link {
    let name = &t.trail_name;
    match t.is_multi_region {
        Some(false) => return Link::Broken(format!("trail `{name}` is single-region")),
        None => {
            return Link::Undecided(format!(
                "multi-region setting of trail `{name}` not observed"
            ));
        }
        Some(true) => {}
    }
    let group = match t.cloudwatch_log_group_arn.as_deref() {
        None => {
            return Link::Undecided(format!(
                "CloudWatch Logs delivery of trail `{name}` not observed"
            ));
        }
        Some("") => {
            return Link::Broken(format!(
                "trail `{name}` does not deliver to CloudWatch Logs"
            ));
        }
        Some(g) => g,
    };
    if t.is_logging == Some(false) {
        return Link::Broken(format!("trail `{name}` is not logging"));
    }
    if records_management_events(t) == Some(false) {
        return Link::Broken(format!(
            "trail `{name}` does not record all management events"
        ));
    }
    match chain_from_log_group(cx, group, spec) {
        Link::Broken(b) => Link::Broken(format!("trail `{name}`: {b}")),
        Link::Undecided(u) => Link::Undecided(format!("trail `{name}`: {u}")),
        Link::Complete => match (t.is_logging, records_management_events(t)) {
            (Some(true), Some(true)) => Link::Complete,
            (None, _) => Link::Undecided(format!(
                "the chain of trail `{name}` is complete but whether the trail is logging was not observed"
            )),
            _ => Link::Undecided(format!(
                "the chain of trail `{name}` is complete but its event selectors were not observed"
            )),
        },
    }
}

fn check(r: &Resource, cx: &EvalContext<'_>, spec: &Spec) -> Verdict {
    let mut seen = 0usize;
    let mut undecided: Vec<String> = Vec::new();
    let mut broken: Vec<String> = Vec::new();
    for t in cx
        .index
        .of_kind_in(Kind::AwsCloudTrailTrail, &r.account, None)
        .filter_map(|t| aws::CloudTrailTrail::from_config(&t.config))
    {
        seen += 1;
        match trail_link(cx, t, spec) {
            Link::Complete => return Verdict::Pass,
            Link::Broken(b) => broken.push(b),
            Link::Undecided(u) => undecided.push(u),
        }
    }
    // An organization trail of another account may cover this one (its log group, filters and
    // alarms live in that account); membership in that organization is not observed.
    for t in cx
        .index
        .of_kind(Kind::AwsCloudTrailTrail)
        .filter(|t| t.account != r.account)
    {
        let Some(c) = aws::CloudTrailTrail::from_config(&t.config) else {
            continue;
        };
        if c.is_organization_trail != Some(true) {
            continue;
        }
        seen += 1;
        match trail_link(cx, c, spec) {
            Link::Broken(b) => broken.push(format!("organization {b} (account {})", t.account)),
            Link::Complete => undecided.push(format!(
                "organization trail `{}` of account {} completes the chain, but whether account {} belongs to that organization is not observed",
                c.trail_name, t.account, r.account
            )),
            Link::Undecided(u) => undecided.push(format!("organization {u} (account {})", t.account)),
        }
    }
    if seen == 0 {
        return Verdict::Unknown(Cow::Owned(format!(
            "no CloudTrail trail of account {} was observed: either none exists or trails were not collected",
            r.account
        )));
    }
    if !undecided.is_empty() {
        return Verdict::Unknown(Cow::Owned(undecided.join("; ")));
    }
    Verdict::fail(
        format!(
            "Account {} has no alarmed, subscribed metric filter for {}: {}",
            r.account,
            spec.label,
            broken.join("; ")
        ),
        "trails",
        json!(broken),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: Spec = Spec {
        label: "policy changes",
        terms: &["$.eventName=CreatePolicy", "$.eventName=DeletePolicy"],
    };

    #[test]
    fn terms_match_whole_event_names_only() {
        assert!(pattern_covers(
            r#"{ ($.eventName = "CreatePolicy") || ($.eventName = DeletePolicy) }"#,
            &SPEC
        ));
        // `CreatePolicyVersion` is not `CreatePolicy`.
        assert!(!pattern_covers(
            "{ ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicy) }",
            &SPEC
        ));
        assert!(pattern_covers(
            "{ ($.eventName == CreatePolicyVersion) || ($.eventName == CreatePolicy) || ($.eventName = DeletePolicy) }",
            &SPEC
        ));
    }

    #[test]
    fn log_group_arns_parse() {
        assert_eq!(
            log_group_of("arn:aws:logs:us-east-1:111122223333:log-group:trail:logs:*"),
            Some(("us-east-1", "111122223333", "trail:logs"))
        );
        assert_eq!(log_group_of("arn:aws:s3:::bucket"), None);
    }
}
