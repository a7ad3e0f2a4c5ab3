use super::super::common::regional_service;
use crate::prelude::*;

/// Flags accounts with regions in use where Security Hub is not enabled.
pub(crate) struct AccountRegionHubMissing;

impl TypedRule for AccountRegionHubMissing {
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
        // A hub resource exists only while Security Hub is enabled.
        Ok(regional_service(
            r,
            cx,
            Kind::AwsSecurityHubHub,
            "Security Hub",
            |_| Some(true),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.securityhub.account_region_hub_missing",
    title: "Security Hub is not enabled in every region the account uses",
    severity: Severity::Medium,
    severity_rationale: "Security Hub aggregates findings and runs the AWS security standards; without it, findings \
        from GuardDuty, Inspector and Macie in that region are not collected in one place, but nothing is exposed.",
    service: "securityhub",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource). For every region in \
        which the account has resources, Security Hub must be enabled (a hub resource exists). A region without a \
        hub fails only when that region's AWS Config recorder is observed recording every resource type; \
        otherwise the region is Unknown.",
    risk: "Security findings in the region are scattered across services and security-standard checks do not run, \
        so problems are noticed late.",
    remediation: Remediation {
        summary: "Enable Security Hub in every region in use (from the delegated administrator with central \
            configuration, or per account).",
        cli: "aws securityhub enable-security-hub --region <region> --enable-default-standards",
        terraform: "resource \"aws_securityhub_account\" \"this\" {\n  enable_default_standards = true\n}",
        console: "Security Hub console → switch to each region listed → Go to Security Hub → Enable Security Hub.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Aggregation and checks only; no workload changes (usage is billed).",
    permissions: &["securityhub:DescribeHub", "config:DescribeConfigurationRecorders"],
    references: &["https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-enable.html"],
    cases: &[
        Case::pass("a hub in the only region in use", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.securityhub.hub", "region": "us-east-1", "config": {"hub_arn": "arn:aws:securityhub:us-east-1:111122223333:hub/default"}}"#,
        ]),
        Case::fail("no hub where the recorder records everything", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.config.recorder", "region": "us-east-1", "config": {"name": "default", "recording": true, "all_supported": true}}"#,
        ]),
        Case::unknown("near miss: no hub and a recorder limited to some types", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.config.recorder", "region": "us-east-1", "config": {"name": "default", "recording": true, "all_supported": false}}"#,
        ]),
        Case::unknown("no regional resource observed", r#"{"region": "global", "config": {}}"#),
    ],
};
