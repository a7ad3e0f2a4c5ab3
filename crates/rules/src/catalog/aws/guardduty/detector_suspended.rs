use crate::prelude::*;

/// Flags GuardDuty detectors that exist but are suspended.
pub(crate) struct DetectorSuspended;

impl TypedRule for DetectorSuspended {
    type Config = aws::GuardDutyDetector;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::GuardDutyDetector,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let status = need(&d.status, "status")?;
        Ok(Verdict::check(
            status.eq_ignore_ascii_case("ENABLED"),
            || {
                Verdict::fail(
                    format!(
                        "GuardDuty detector {} in {} is suspended ({status})",
                        d.detector_id, r.region
                    ),
                    "config.status",
                    json!(status),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.guardduty.detector_suspended",
    title: "GuardDuty detector is suspended",
    severity: Severity::Medium,
    severity_rationale: "A suspended detector looks like coverage but analyses nothing; threats in the region go \
        undetected, though nothing is exposed by it alone.",
    service: "guardduty",
    description: "Checks that an existing GuardDuty detector is enabled. Suspending a detector stops all analysis \
        and findings in that region while keeping its configuration.",
    risk: "Credential misuse, malicious network activity and compromised instances in the region raise no finding.",
    remediation: Remediation {
        summary: "Resume the detector.",
        cli: "aws guardduty update-detector --region {region} --detector-id {config.detector_id} --enable",
        terraform: "resource \"aws_guardduty_detector\" \"{name}\" {\n  enable = true\n}",
        console: "GuardDuty console ({region}) → Settings → Resume GuardDuty.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Detection only; resuming changes no workload (GuardDuty usage is billed again).",
    permissions: &["guardduty:ListDetectors", "guardduty:GetDetector"],
    references: &["https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html"],
    cases: &[
        Case::pass(
            "enabled",
            r#"{"config": {"detector_id": "d1", "status": "ENABLED"}}"#,
        ),
        Case::pass(
            "near miss: lower-case status",
            r#"{"config": {"detector_id": "d1", "status": "enabled"}}"#,
        ),
        Case::fail(
            "suspended",
            r#"{"config": {"detector_id": "d1", "status": "DISABLED"}}"#,
        ),
        Case::unknown(
            "status not observed",
            r#"{"config": {"detector_id": "d1"}}"#,
        ),
    ],
};
