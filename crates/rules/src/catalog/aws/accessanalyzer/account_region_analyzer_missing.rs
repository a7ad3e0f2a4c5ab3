use posture_model::Typed;

use super::super::common::regional_service;
use crate::prelude::*;

/// Flags accounts with regions in use that have no active external-access analyzer.
pub(crate) struct AccountRegionAnalyzerMissing;

/// `Some(true)` for an active external-access analyzer (account or organization zone of trust);
/// unused-access analyzers do not find external sharing.
fn active_external(r: &Resource) -> Option<bool> {
    let a = aws::AccessAnalyzer::from_config(&r.config)?;
    let t = a.analyzer_type.as_deref()?;
    if t.ends_with("UNUSED_ACCESS") {
        return Some(false);
    }
    a.status
        .as_deref()
        .map(|s| s.eq_ignore_ascii_case("ACTIVE"))
}

impl TypedRule for AccountRegionAnalyzerMissing {
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
            Kind::AwsAccessAnalyzerAnalyzer,
            "IAM Access Analyzer (external access)",
            active_external,
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.accessanalyzer.account_region_analyzer_missing",
    title: "IAM Access Analyzer is not enabled in every region the account uses",
    severity: Severity::Medium,
    severity_rationale: "The analyzer is how resources shared outside the account or organization get noticed; its \
        absence hides exposure rather than creating it.",
    service: "accessanalyzer",
    description: "Account-level check (evaluated on the account's `aws.iam.account` resource). For every region in \
        which the account has resources, an active external-access analyzer (zone of trust: the account or the \
        organization) must exist; unused-access analyzers do not count. A region without one fails only when \
        that region's AWS Config recorder is observed recording every resource type; otherwise it is Unknown.",
    risk: "Buckets, keys, roles, queues and snapshots shared with outside accounts or the public are not reported.",
    remediation: Remediation {
        summary: "Create an account (or organization) analyzer in every region in use.",
        cli: "aws accessanalyzer create-analyzer --region <region> --analyzer-name account-analyzer --type ACCOUNT",
        terraform: "resource \"aws_accessanalyzer_analyzer\" \"this\" {\n  analyzer_name = \"account-analyzer\"\n  type          = \"ACCOUNT\"\n}",
        console: "IAM console → Access analyzer → switch to each region listed → Create analyzer → External access, \
            zone of trust: current account (or organization).",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Read-only analysis of resource policies; no workload changes and external-access analyzers are free.",
    permissions: &["access-analyzer:ListAnalyzers", "config:DescribeConfigurationRecorders"],
    references: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html"],
    cases: &[
        Case::pass("active account analyzer", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.accessanalyzer.analyzer", "region": "us-east-1", "config": {"analyzer_name": "a", "analyzer_type": "ACCOUNT", "status": "ACTIVE"}}"#,
        ]),
        Case::fail("near miss: only an unused-access analyzer", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.accessanalyzer.analyzer", "region": "us-east-1", "config": {"analyzer_name": "a", "analyzer_type": "ACCOUNT_UNUSED_ACCESS", "status": "ACTIVE"}}"#,
        ]),
        Case::fail("no analyzer where the recorder records everything", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.config.recorder", "region": "us-east-1", "config": {"name": "default", "recording": true, "all_supported": true}}"#,
        ]),
        Case::unknown("analyzer type not observed", r#"{"region": "global", "config": {}}"#).with(&[
            r#"{"kind": "aws.accessanalyzer.analyzer", "region": "us-east-1", "config": {"analyzer_name": "a"}}"#,
        ]),
    ],
};
