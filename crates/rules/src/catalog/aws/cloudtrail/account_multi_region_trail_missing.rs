use posture_model::Typed;

use crate::prelude::*;

/// Flags accounts in which no trail records every region.
pub(crate) struct AccountMultiRegionTrailMissing;

fn qualifies(t: &aws::CloudTrailTrail) -> Option<bool> {
    match (t.is_multi_region, t.is_logging) {
        (Some(true), Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        _ => None,
    }
}

impl TypedRule for AccountMultiRegionTrailMissing {
    type Config = aws::IamAccount;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _a: &aws::IamAccount,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut seen = 0usize;
        let mut undecided = Vec::new();
        for t in cx
            .index
            .of_kind_in(Kind::AwsCloudTrailTrail, &r.account, None)
        {
            let Some(c) = aws::CloudTrailTrail::from_config(&t.config) else {
                continue;
            };
            seen += 1;
            match qualifies(c) {
                Some(true) => return Ok(Verdict::Pass),
                Some(false) => {}
                None => undecided.push(c.trail_name.clone()),
            }
        }
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!(
                    "no CloudTrail trail of account {} was observed: either none exists or trails were not collected",
                    r.account
                )
                .into(),
            ));
        }
        if !undecided.is_empty() {
            return Ok(Verdict::Unknown(
                format!(
                    "multi-region or logging status not observed for trail(s) {}",
                    undecided.join(", ")
                )
                .into(),
            ));
        }
        // An organization trail of another account may cover this one; membership is not observed.
        let org_trail = cx.index.of_kind(Kind::AwsCloudTrailTrail).find(|t| {
            t.account != r.account
                && aws::CloudTrailTrail::from_config(&t.config).is_some_and(|c| {
                    c.is_organization_trail == Some(true) && qualifies(c) == Some(true)
                })
        });
        if let Some(t) = org_trail {
            return Ok(Verdict::Unknown(
                format!(
                    "organization trail `{}` of account {} may cover this account; organization membership is not observed",
                    t.name, t.account
                )
                .into(),
            ));
        }
        Ok(Verdict::fail(
            format!(
                "Account {} has {seen} trail(s) but none is multi-region and logging",
                r.account
            ),
            "trails",
            json!(seen),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudtrail.account_multi_region_trail_missing",
    title: "Account has no logging multi-region CloudTrail trail",
    severity: Severity::High,
    severity_rationale: "Without a trail covering every region, API activity in the others (where attackers like to \
        work) is not recorded at all.",
    service: "cloudtrail",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource): passes when some \
        trail of the account in the inventory is multi-region and logging. When no trail of the account was \
        observed at all, the result is Unknown, never Pass or Fail, because the absence may only mean trails \
        were not collected. An organization trail from another account in the inventory makes the result \
        Unknown as well, since membership is not observed.",
    risk: "Actions in unmonitored regions leave no audit record, which hides crypto-mining, persistence and data \
        access from investigators.",
    remediation: Remediation {
        summary: "Create one multi-region trail for the account (or an organization trail from the management account).",
        cli: "aws cloudtrail create-trail --region us-east-1 --name account-trail --s3-bucket-name <log-bucket> \
              --is-multi-region-trail --include-global-service-events --enable-log-file-validation\n\
              aws cloudtrail start-logging --region us-east-1 --name account-trail",
        terraform: "resource \"aws_cloudtrail\" \"account\" {\n  name                          = \"account-trail\"\n  s3_bucket_name                = aws_s3_bucket.trail.id\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  enable_log_file_validation    = true\n}",
        console: "CloudTrail console → Trails → Create trail (console trails are multi-region): choose the log bucket, \
            enable log file validation and KMS encryption.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds recording; the first trail's management events are free of charge.",
    permissions: &["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
    references: &[
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html",
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
    ],
    cases: &[
        Case::pass("a logging multi-region trail", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": true}}"#,
        ]),
        Case::fail("only a single-region trail", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "app", "is_multi_region": false, "is_logging": true}}"#,
        ]),
        Case::fail("the multi-region trail is stopped", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true, "is_logging": false}}"#,
        ]),
        Case::unknown("no trail data for the account", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "account": "444455556666", "config": {"trail_name": "other", "is_multi_region": true, "is_logging": true}}"#,
        ]),
        Case::unknown("logging status not observed", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "main", "is_multi_region": true}}"#,
        ]),
        Case::unknown("an organization trail elsewhere may cover it", r#"{"config": {}}"#).with(&[
            r#"{"kind": "aws.cloudtrail.trail", "config": {"trail_name": "app", "is_multi_region": false, "is_logging": true}}"#,
            r#"{"kind": "aws.cloudtrail.trail", "account": "999999999999", "config": {"trail_name": "org", "is_multi_region": true, "is_logging": true, "is_organization_trail": true}}"#,
        ]),
    ],
};
