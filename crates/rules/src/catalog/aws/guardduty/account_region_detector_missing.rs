use posture_model::Typed;

use super::super::common::regional_service;
use crate::prelude::*;

/// Flags accounts with regions in use that have no enabled GuardDuty detector.
pub(crate) struct AccountRegionDetectorMissing;

fn enabled(r: &Resource) -> Option<bool> {
    aws::GuardDutyDetector::from_config(&r.config).and_then(|d| {
        d.status
            .as_deref()
            .map(|s| s.eq_ignore_ascii_case("ENABLED"))
    })
}

impl TypedRule for AccountRegionDetectorMissing {
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
        Ok(regional_service(
            r,
            cx,
            Kind::AwsGuardDutyDetector,
            "GuardDuty",
            enabled,
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.guardduty.account_region_detector_missing",
    title: "GuardDuty is not enabled in every region the account uses",
    severity: Severity::Medium,
    severity_rationale: "GuardDuty is the account's managed threat detection; a region without it raises no alert for \
        credential misuse, crypto-mining or malicious IPs there, but nothing is exposed by its absence alone.",
    service: "guardduty",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource). For every region in \
        which the account has resources, an enabled GuardDuty detector must exist. A suspended detector fails. \
        A region with no detector in the inventory fails only when that region's AWS Config recorder is observed \
        recording every resource type (so the detector would have been recorded); otherwise the region is Unknown.",
    risk: "Compromised credentials, instances talking to command-and-control hosts and unusual API activity in \
        that region produce no finding.",
    remediation: Remediation {
        summary: "Create (or resume) a GuardDuty detector in every region in use, preferably through the delegated \
            administrator with auto-enable for the organization.",
        cli: "aws guardduty create-detector --region <region> --enable --finding-publishing-frequency FIFTEEN_MINUTES\n\
              # suspended detector: aws guardduty update-detector --region <region> --detector-id <id> --enable",
        terraform: "resource \"aws_guardduty_detector\" \"this\" {\n  enable                       = true\n  finding_publishing_frequency = \"FIFTEEN_MINUTES\"\n}",
        console: "GuardDuty console → switch to each region listed → Get started → Enable GuardDuty (or Settings → \
            Resume GuardDuty).",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Detection only; it reads logs AWS already has and changes no workload (it does add cost).",
    permissions: &["guardduty:ListDetectors", "guardduty:GetDetector", "config:DescribeConfigurationRecorders"],
    references: &[
        "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
        "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_regions.html",
    ],
    cases: &[
        Case::pass("an enabled detector in the only region in use", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.guardduty.detector", "region": "us-east-1", "config": {"detector_id": "d1", "status": "ENABLED"}}"#,
        ]),
        Case::fail("the detector is suspended", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.guardduty.detector", "region": "us-east-1", "config": {"detector_id": "d1", "status": "DISABLED"}}"#,
        ]),
        Case::fail("a second region has none although its recorder records everything", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.guardduty.detector", "region": "us-east-1", "config": {"detector_id": "d1", "status": "ENABLED"}}"#,
            r#"{"kind": "aws.config.recorder", "region": "eu-west-1", "config": {"name": "default", "recording": true, "all_supported": true}}"#,
        ]),
        Case::unknown("a second region has none and nothing says it would have been recorded", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.guardduty.detector", "region": "us-east-1", "config": {"detector_id": "d1", "status": "ENABLED"}}"#,
            r#"{"kind": "aws.ec2.vpc", "region": "eu-west-1", "config": {"vpc_id": "vpc-1"}}"#,
        ]),
        Case::unknown("detector status not observed", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.guardduty.detector", "region": "us-east-1", "config": {"detector_id": "d1"}}"#,
        ]),
        Case::unknown("near miss: another account's detector does not count", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.guardduty.detector", "account": "444455556666", "region": "us-east-1", "config": {"detector_id": "d1", "status": "ENABLED"}}"#,
        ]),
    ],
};
