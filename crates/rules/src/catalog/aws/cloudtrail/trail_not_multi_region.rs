use crate::prelude::*;

/// Flags single-region trails in accounts that have no logging multi-region trail.
pub(crate) struct TrailNotMultiRegion;

fn covers_all_regions(t: &aws::CloudTrailTrail) -> bool {
    t.is_multi_region == Some(true) && t.is_logging == Some(true)
}

impl TypedRule for TrailNotMultiRegion {
    type Config = aws::CloudTrailTrail;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        t: &aws::CloudTrailTrail,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let multi = *need(&t.is_multi_region, "is_multi_region")?;
        if multi {
            return Ok(Verdict::Pass);
        }
        // Another trail that is multi-region and logging already records every region.
        let covered = cx
            .index
            .of_kind_in(Kind::AwsCloudTrailTrail, &r.account, None)
            .filter(|o| o.uid != r.uid)
            .any(|o| match &o.config {
                posture_model::Config::AwsCloudTrailTrail(c) => covers_all_regions(c),
                _ => false,
            });
        if covered {
            return Ok(Verdict::NotApplicable(
                "a logging multi-region trail covers the account".into(),
            ));
        }
        Ok(Verdict::fail(
            format!(
                "Trail `{}` records only {} and no logging multi-region trail covers account {}",
                r.name,
                t.home_region.as_deref().unwrap_or(r.region.as_str()),
                r.account
            ),
            "config.is_multi_region",
            json!(false),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.trail_not_multi_region",
    title: "CloudTrail trail records only one region",
    severity: Severity::Medium,
    severity_rationale: "Activity in unused regions (a favorite place for crypto-mining and persistence) goes \
        unrecorded; it hides attacks rather than enabling them.",
    service: "cloudtrail",
    description: "Checks that the trail records management events from all regions. A single-region trail is \
        not applicable when another trail of the same account is multi-region and logging.",
    risk: "API calls in other regions, including resource creation by an attacker, leave no trail.",
    remediation: Remediation {
        summary: "Make the trail multi-region (or create one multi-region trail for the account or organization).",
        cli: "aws cloudtrail update-trail --region {region} --name {config.trail_name} --is-multi-region-trail --include-global-service-events",
        terraform: "resource \"aws_cloudtrail\" \"{name}\" {\n  # …\n  is_multi_region_trail         = true\n  include_global_service_events = true\n}",
        console: "CloudTrail console → Trails: trails created in the console are always multi-region, so either \
            convert {config.trail_name} with the CLI command above, or create a new trail and delete this one.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only records more events; costs rise slightly, nothing stops working.",
    permissions: &["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
    ],
    cases: &[
        Case::pass("multi-region", r#"{"config": {"trail_name": "main", "is_multi_region": true, "is_logging": true}}"#),
        Case::fail(
            "single-region and alone",
            r#"{"config": {"trail_name": "app", "is_multi_region": false, "home_region": "eu-west-1"}}"#,
        ),
        Case::not_applicable(
            "single-region trail next to a multi-region one",
            r#"{"config": {"trail_name": "app", "is_multi_region": false}}"#,
        )
        .with(&[r#"{"kind": "aws.cloudtrail.trail", "name": "main", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true}}"#]),
        Case::fail(
            "the multi-region trail is stopped",
            r#"{"config": {"trail_name": "app", "is_multi_region": false}}"#,
        )
        .with(&[r#"{"kind": "aws.cloudtrail.trail", "name": "main", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": false}}"#]),
        Case::unknown("flag missing", r#"{"config": {"trail_name": "main"}}"#),
    ],
};
