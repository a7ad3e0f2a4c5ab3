use crate::prelude::*;

/// Flags RDS snapshots restorable by any AWS account.
pub(crate) struct SnapshotPublic;

impl TypedRule for SnapshotPublic {
    type Config = aws::RdsSnapshot;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RdsSnapshot,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let v = *need(&c.public, "public")?;
        Ok(Verdict::check(!v, || {
            Verdict::fail(
                format!("RDS snapshot `{}` is public", r.name),
                "config.public",
                json!(v),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.snapshot_public",
    title: "RDS snapshot is public",
    severity: Severity::Critical,
    severity_rationale: "Any AWS account can restore the snapshot into a database it controls and read every table.",
    service: "rds",
    description: "Checks the DB snapshot's or DB cluster snapshot's `restore` attribute for `all`. (Encrypted \
        snapshots cannot be public, so this concerns unencrypted ones.)",
    risk: "The complete database (customer records, password hashes, secrets) is downloadable by anyone.",
    remediation: Remediation {
        summary: "Remove `all` from the restore attribute; share with specific accounts if needed.",
        cli: "aws rds modify-db-snapshot-attribute --region {region} --db-snapshot-identifier {config.identifier} --attribute-name restore --values-to-remove all\n\
              # cluster snapshots: aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier {config.identifier} --attribute-name restore --values-to-remove all",
        terraform: "# snapshot sharing is not managed by aws_db_snapshot; remove the public share with the CLI and keep it out of automation",
        console: "RDS console → Snapshots → {config.identifier} → Actions → Share snapshot → DB snapshot visibility: Private.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only removes anonymous access; intended consumers should be granted per account.",
    permissions: &[
        "rds:DescribeDBSnapshots",
        "rds:DescribeDBSnapshotAttributes",
        "rds:DescribeDBClusterSnapshotAttributes",
    ],
    references: &["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html"],
    cases: &[
        Case::pass(
            "private",
            r#"{"config": {"identifier": "s", "public": false, "shared_with": []}}"#,
        ),
        Case::pass(
            "near miss: shared with one account",
            r#"{"config": {"identifier": "s", "public": false, "shared_with": ["444455556666"]}}"#,
        ),
        Case::fail(
            "public",
            r#"{"config": {"identifier": "s", "public": true, "shared_with": []}}"#,
        ),
        Case::unknown(
            "attributes not observed",
            r#"{"config": {"identifier": "s", "encrypted": false}}"#,
        ),
    ],
};
