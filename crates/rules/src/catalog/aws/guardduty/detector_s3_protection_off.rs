use crate::prelude::*;

/// Flags enabled GuardDuty detectors whose S3 Protection (S3 data event analysis) is off.
pub(crate) struct DetectorS3ProtectionOff;

impl TypedRule for DetectorS3ProtectionOff {
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
        if !status.eq_ignore_ascii_case("ENABLED") {
            return Ok(Verdict::NotApplicable(
                "the detector is suspended (reported by aws.guardduty.detector_suspended)".into(),
            ));
        }
        let features = need(&d.features, "features")?;
        let Some(s3) = features.iter().find(|f| f.name == "S3_DATA_EVENTS") else {
            return Ok(Verdict::Unknown(
                "the detector's feature list does not mention S3_DATA_EVENTS".into(),
            ));
        };
        Ok(Verdict::check(
            s3.status.eq_ignore_ascii_case("ENABLED"),
            || {
                Verdict::fail(
                    format!(
                        "GuardDuty detector {} in {} does not analyse S3 data events",
                        d.detector_id, r.region
                    ),
                    "config.features",
                    json!(s3),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.guardduty.detector_s3_protection_off",
    title: "GuardDuty S3 Protection is off",
    severity: Severity::Low,
    severity_rationale: "Without S3 Protection GuardDuty still watches management events; only object-level threats \
        (mass downloads, access from malicious IPs) go undetected.",
    service: "guardduty",
    description: "For an enabled detector, checks that the `S3_DATA_EVENTS` protection plan is enabled, so that \
        GuardDuty analyses S3 object-level API activity for exfiltration and suspicious access.",
    risk: "Data being pulled out of buckets with stolen credentials or from known malicious addresses raises no \
        GuardDuty finding.",
    remediation: Remediation {
        summary: "Enable the S3 Protection plan on the detector.",
        cli: "aws guardduty update-detector --region {region} --detector-id {config.detector_id} \\\n  --features '[{\"Name\":\"S3_DATA_EVENTS\",\"Status\":\"ENABLED\"}]'",
        terraform: "resource \"aws_guardduty_detector_feature\" \"{name}_s3\" {\n  detector_id = \"{config.detector_id}\"\n  name        = \"S3_DATA_EVENTS\"\n  status      = \"ENABLED\"\n}",
        console: "GuardDuty console ({region}) → Protection plans → S3 Protection → Enable.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Detection only (billed per analysed event); no workload changes.",
    permissions: &["guardduty:GetDetector"],
    references: &["https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html"],
    cases: &[
        Case::pass(
            "S3 protection on",
            r#"{"config": {"detector_id": "d1", "status": "ENABLED", "features": [{"name": "S3_DATA_EVENTS", "status": "ENABLED"}]}}"#,
        ),
        Case::fail(
            "S3 protection off",
            r#"{"config": {"detector_id": "d1", "status": "ENABLED", "features": [{"name": "S3_DATA_EVENTS", "status": "DISABLED"}, {"name": "EKS_AUDIT_LOGS", "status": "ENABLED"}]}}"#,
        ),
        Case::not_applicable(
            "near miss: suspended detector",
            r#"{"config": {"detector_id": "d1", "status": "DISABLED", "features": [{"name": "S3_DATA_EVENTS", "status": "DISABLED"}]}}"#,
        ),
        Case::unknown(
            "features not observed",
            r#"{"config": {"detector_id": "d1", "status": "ENABLED"}}"#,
        ),
        Case::unknown(
            "feature list lacks the plan",
            r#"{"config": {"detector_id": "d1", "status": "ENABLED", "features": [{"name": "EKS_AUDIT_LOGS", "status": "ENABLED"}]}}"#,
        ),
    ],
};
