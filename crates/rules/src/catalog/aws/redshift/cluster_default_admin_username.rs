use crate::prelude::*;

/// Flags Redshift clusters whose admin user keeps the well-known default name.
pub(crate) struct ClusterDefaultAdminUsername;

const DEFAULTS: &[&str] = &["awsuser", "admin", "root", "master"];

impl TypedRule for ClusterDefaultAdminUsername {
    type Config = aws::RedshiftCluster;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::RedshiftCluster,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let user = need(&c.master_username, "master_username")?;
        Ok(Verdict::check(
            !DEFAULTS.contains(&user.to_ascii_lowercase().as_str()),
            || {
                Verdict::fail(
                    format!(
                        "Redshift cluster `{}` admin user is the guessable `{user}`",
                        r.name
                    ),
                    "config.master_username",
                    json!(user),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.redshift.cluster_default_admin_username",
    title: "Redshift cluster admin user has a default name",
    severity: Severity::Low,
    severity_rationale: "A known user name halves the work of password guessing against a reachable endpoint; the \
        password still has to be found.",
    service: "redshift",
    description: "Checks that the cluster's admin user is not `awsuser` (the console default) or another generic name \
        (`admin`, `root`, `master`).",
    risk: "Credential-guessing attacks need only the password for the most privileged database user.",
    remediation: Remediation {
        summary: "Create a new cluster (or restore a snapshot) with a non-default admin user name; the name cannot be changed in place.",
        cli: "aws redshift create-cluster --region {region} --cluster-identifier <new-cluster> --node-type <node-type> \\\n  --master-username <unique-admin-name> --manage-master-password --encrypted\n\
              # move the data (UNLOAD/COPY or a datashare), repoint clients, then delete {config.cluster_identifier}",
        terraform: "resource \"aws_redshift_cluster\" \"{name}\" {\n  # …\n  master_username = \"<unique-admin-name>\"\n}",
        console: "Redshift console → Create cluster → Database configurations → Admin user name: a unique name; migrate, then \
            delete {config.cluster_identifier}.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "The admin name is fixed at creation; changing it means a migration to a new cluster.",
    permissions: &["redshift:DescribeClusters"],
    references: &["https://docs.aws.amazon.com/redshift/latest/mgmt/create-cluster.html"],
    cases: &[
        Case::pass(
            "unique name",
            r#"{"config": {"cluster_identifier": "c", "master_username": "warehouse_owner"}}"#,
        ),
        Case::fail(
            "console default",
            r#"{"config": {"cluster_identifier": "c", "master_username": "awsuser"}}"#,
        ),
        Case::pass(
            "near miss: contains admin but is not it",
            r#"{"config": {"cluster_identifier": "c", "master_username": "dwh_admin_7"}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"cluster_identifier": "c"}}"#),
    ],
};
