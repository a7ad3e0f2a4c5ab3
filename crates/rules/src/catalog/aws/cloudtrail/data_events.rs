//! Whether a trail records S3 object-level (data) events for every bucket.

use posture_model::Typed;

use crate::prelude::*;

/// `Some(true)` when the trail's selectors record S3 object-level events of the wanted kind
/// (writes when `write`, reads otherwise) for all buckets; `None` when the selectors were not
/// observed.
pub(crate) fn records_s3_data_events(t: &aws::CloudTrailTrail, write: bool) -> Option<bool> {
    let basic = t.event_selectors.as_ref()?;
    let advanced = t.advanced_event_selectors.as_ref()?;
    let wanted_rw = if write { "WriteOnly" } else { "ReadOnly" };
    let by_basic = basic.iter().any(|s| {
        let rw = s.read_write_type.as_deref().unwrap_or("All");
        (rw.eq_ignore_ascii_case("All") || rw.eq_ignore_ascii_case(wanted_rw))
            && s.data_resources.iter().any(|d| {
                d.resource_type == "AWS::S3::Object"
                    && d.values.iter().any(|v| {
                        matches!(
                            v.trim_end_matches(':'),
                            "arn:aws:s3" | "arn:aws:s3::" | "arn:aws-us-gov:s3" | "arn:aws-cn:s3"
                        )
                    })
            })
    });
    let by_advanced = advanced.iter().any(|a| {
        let f = |name: &str| a.field_selectors.iter().find(|x| x.field == name);
        let data = f("eventCategory").is_some_and(|x| x.equals.iter().any(|v| v == "Data"));
        let s3 =
            f("resources.type").is_some_and(|x| x.equals.iter().any(|v| v == "AWS::S3::Object"));
        // Any ARN restriction other than the all-buckets prefix narrows the selector.
        let all_buckets = f("resources.ARN").is_none_or(|x| {
            x.equals.is_empty()
                && x.not_equals.is_empty()
                && x.not_starts_with.is_empty()
                && x.ends_with.is_empty()
                && x.not_ends_with.is_empty()
                && x.starts_with
                    .iter()
                    .all(|p| p == "arn:aws:s3:::" || p == "arn:aws:s3")
        });
        let rw_ok = f("readOnly").is_none_or(|x| {
            x.equals
                .iter()
                .any(|v| v.eq_ignore_ascii_case(if write { "false" } else { "true" }))
        });
        // Selectors on event names record only some operations.
        let every_event = f("eventName").is_none();
        data && s3 && all_buckets && rw_ok && every_event
    });
    Some(by_basic || by_advanced)
}

/// The account-level verdict: some logging trail of the account records the events.
pub(crate) fn account_verdict(r: &Resource, cx: &EvalContext<'_>, write: bool) -> Verdict {
    let what = if write { "write" } else { "read" };
    let mut seen = 0usize;
    let mut undecided = Vec::new();
    for t in cx
        .index
        .of_kind_in(Kind::AwsCloudTrailTrail, &r.account, None)
        .filter_map(|t| aws::CloudTrailTrail::from_config(&t.config))
    {
        seen += 1;
        if t.is_logging == Some(false) {
            continue;
        }
        match records_s3_data_events(t, write) {
            Some(true) if t.is_logging == Some(true) => return Verdict::Pass,
            Some(true) => undecided.push(format!(
                "trail `{}` records S3 {what} data events but whether it is logging was not observed",
                t.trail_name
            )),
            Some(false) => {}
            None => undecided.push(format!(
                "event selectors of trail `{}` were not observed",
                t.trail_name
            )),
        }
    }
    // An organization trail of another account may record this account's events too.
    for t in cx
        .index
        .of_kind(Kind::AwsCloudTrailTrail)
        .filter(|t| t.account != r.account)
    {
        let Some(c) = aws::CloudTrailTrail::from_config(&t.config) else {
            continue;
        };
        if c.is_organization_trail != Some(true) || c.is_logging == Some(false) {
            continue;
        }
        seen += 1;
        if records_s3_data_events(c, write) != Some(false) {
            undecided.push(format!(
                "organization trail `{}` of account {} may record them, but membership of account {} is not observed",
                c.trail_name, t.account, r.account
            ));
        }
    }
    if seen == 0 {
        return Verdict::Unknown(
            format!(
                "no CloudTrail trail of account {} was observed: either none exists or trails were not collected",
                r.account
            )
            .into(),
        );
    }
    if !undecided.is_empty() {
        return Verdict::Unknown(undecided.join("; ").into());
    }
    Verdict::fail(
        format!(
            "No logging trail of account {} records S3 object-level {what} events for all buckets",
            r.account
        ),
        "trails",
        json!(seen),
    )
}
