use posture_model::time::days_from_civil;

use crate::prelude::*;

/// Flags EKS clusters running a Kubernetes version past the end of EKS standard support.
pub(crate) struct ClusterVersionUnsupported;

/// End of standard support per minor version (from the EKS release calendar), as (minor, y, m, d).
const STANDARD_END: &[(u32, i64, i64, i64)] = &[
    (23, 2023, 10, 11),
    (24, 2024, 1, 31),
    (25, 2024, 5, 1),
    (26, 2024, 6, 11),
    (27, 2024, 7, 24),
    (28, 2024, 11, 26),
    (29, 2025, 3, 23),
    (30, 2025, 7, 23),
    (31, 2025, 11, 26),
    (32, 2026, 3, 23),
    (33, 2026, 7, 29),
];

/// Extended support lasts twelve months after standard support ends.
const EXTENDED_DAYS: i64 = 365;

fn minor(version: &str) -> Option<u32> {
    let mut it = version.trim().trim_start_matches('v').split('.');
    (it.next()? == "1").then_some(())?;
    it.next()?.parse().ok()
}

impl TypedRule for ClusterVersionUnsupported {
    type Config = aws::EksCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::EksCluster,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let version = need(&c.version, "version")?;
        let Some(m) = minor(version) else {
            return Ok(Verdict::Unknown(
                format!("Kubernetes version `{version}` is not understood").into(),
            ));
        };
        let today = cx.as_of.div_euclid(86_400);
        let oldest = STANDARD_END.first().map_or(0, |e| e.0);
        let end = match STANDARD_END.iter().find(|e| e.0 == m) {
            Some(&(_, y, mo, d)) => days_from_civil(y, mo, d),
            // Older than the table: long out of support.
            None if m < oldest => i64::MIN / 2,
            // Newer than the table: still in standard support.
            None => return Ok(Verdict::Pass),
        };
        if today <= end {
            return Ok(Verdict::Pass);
        }
        let state = if today > end + EXTENDED_DAYS {
            "out of all support"
        } else {
            "in paid extended support"
        };
        Ok(Verdict::fail(
            format!(
                "EKS cluster `{}` runs Kubernetes {version}, {state}",
                r.name
            ),
            "config.version",
            json!(version),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.eks.cluster_version_unsupported",
    title: "EKS cluster runs a Kubernetes version past standard support",
    severity: Severity::Medium,
    severity_rationale: "Versions past standard support get no new patches (or cost extra during extended support) and \
        are upgraded automatically by EKS at the end, which can break workloads at a time you do not choose.",
    service: "eks",
    description: "Compares the cluster's Kubernetes minor version with the end of EKS standard support at scan time \
        (a built-in calendar); versions newer than the calendar pass, older ones fail. The message says whether the \
        version is in extended support or out of support altogether.",
    risk: "Known Kubernetes vulnerabilities stay unpatched and a forced upgrade may happen without preparation.",
    remediation: Remediation {
        summary: "Upgrade the control plane one minor version at a time, then the node groups and add-ons.",
        cli: "aws eks update-cluster-version --region {region} --name {config.name} --kubernetes-version <next-minor>",
        terraform: "resource \"aws_eks_cluster\" \"{name}\" {\n  # …\n  version = \"<next-minor>\"\n}",
        console: "EKS console → Clusters → {config.name} → Upgrade version → choose the next minor version; then upgrade \
            node groups and add-ons.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Removed Kubernetes APIs break manifests and add-ons; upgrades need testing and cannot be rolled back.",
    permissions: &["eks:DescribeCluster"],
    references: &["https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html"],
    cases: &[
        Case::pass(
            "1.33 at 2026-01-01",
            r#"{"config": {"name": "c", "version": "1.33"}}"#,
        ),
        Case::pass(
            "near miss: newer than the calendar",
            r#"{"config": {"name": "c", "version": "1.36"}}"#,
        ),
        Case::fail(
            "1.30 is in extended support",
            r#"{"config": {"name": "c", "version": "1.30"}}"#,
        ),
        Case::fail(
            "1.21 is long unsupported",
            r#"{"config": {"name": "c", "version": "1.21"}}"#,
        ),
        Case::unknown("version not observed", r#"{"config": {"name": "c"}}"#),
        Case::unknown(
            "version not understood",
            r#"{"config": {"name": "c", "version": "latest"}}"#,
        ),
    ],
};
