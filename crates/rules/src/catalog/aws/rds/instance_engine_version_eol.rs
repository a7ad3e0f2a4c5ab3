use crate::prelude::*;
use posture_model::time::days_from_civil;

/// End of RDS standard support per major version, as (engine, major, year, month, day).
///
/// Sources (checked 2026-01): the Amazon RDS for PostgreSQL release calendar and AWS database blog
/// announcements (9.6: 2022-01-18, 10: 2023-04-17, 11: 2024-02-29, 12: 2025-02-28, 13: 2026-02-28);
/// "Supported MySQL major versions on Amazon RDS" (5.6: 2022-03-01, 5.7: 2024-02-29,
/// 8.0: 2026-07-31). After these dates instances run only under paid RDS Extended Support.
/// Majors below the lowest listed one are past support as well.
const EOL: &[(&str, &str, i64, i64, i64)] = &[
    ("postgres", "9.6", 2022, 1, 18),
    ("postgres", "10", 2023, 4, 17),
    ("postgres", "11", 2024, 2, 29),
    ("postgres", "12", 2025, 2, 28),
    ("postgres", "13", 2026, 2, 28),
    ("mysql", "5.6", 2022, 3, 1),
    ("mysql", "5.7", 2024, 2, 29),
    ("mysql", "8.0", 2026, 7, 31),
];

/// The major version of an engine version string (`13.7` → `13`, `9.6.24` → `9.6`, `8.0.35` → `8.0`).
fn major(engine: &str, version: &str) -> Option<String> {
    let mut parts = version.split('.');
    let first = parts.next()?;
    let n: u32 = first.parse().ok()?;
    if engine == "postgres" && n >= 10 {
        Some(first.to_owned())
    } else {
        Some(format!(
            "{first}.{}",
            parts.next()?.split(|c: char| !c.is_ascii_digit()).next()?
        ))
    }
}

fn numeric(major: &str) -> Option<(u32, u32)> {
    let mut it = major.split('.');
    Some((
        it.next()?.parse().ok()?,
        it.next().map_or(Some(0), |m| m.parse().ok())?,
    ))
}

/// Flags RDS PostgreSQL/MySQL instances on a major version past RDS standard support.
pub(crate) struct InstanceEngineVersionEol;

impl TypedRule for InstanceEngineVersionEol {
    type Config = aws::RdsDbInstance;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        d: &aws::RdsDbInstance,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let engine = need(&d.engine, "engine")?.to_ascii_lowercase();
        if engine != "postgres" && engine != "mysql" {
            return Ok(Verdict::NotApplicable(
                "only RDS for PostgreSQL and MySQL are tracked".into(),
            ));
        }
        let version = need(&d.engine_version, "engine_version")?;
        let Some(m) = major(&engine, version) else {
            return Ok(Verdict::Unknown(
                format!("unreadable engine version `{version}`").into(),
            ));
        };
        let table: Vec<_> = EOL.iter().filter(|e| e.0 == engine).collect();
        let end = match table.iter().find(|e| e.1 == m) {
            Some(e) => Some((e.2, e.3, e.4)),
            None => {
                let oldest = table.iter().filter_map(|e| numeric(e.1)).min();
                match (numeric(&m), oldest) {
                    (Some(v), Some(o)) if v < o => table.first().map(|e| (e.2, e.3, e.4)),
                    _ => None,
                }
            }
        };
        let Some((y, mo, dd)) = end else {
            return Ok(Verdict::Pass);
        };
        let end_secs = days_from_civil(y, mo, dd) * 86_400;
        Ok(Verdict::check(cx.as_of < end_secs, || {
            Verdict::fail(
                format!(
                    "RDS instance `{}` runs {engine} {version}; RDS standard support for {engine} {m} ended on {y}-{mo:02}-{dd:02}",
                    r.name
                ),
                "config.engine_version",
                json!(version),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.rds.instance_engine_version_eol",
    title: "RDS instance runs an engine version past end of standard support",
    severity: Severity::Medium,
    severity_rationale: "The community no longer ships security fixes for the major version and AWS charges for \
        Extended Support; it is a growing patching debt rather than an open door.",
    service: "rds",
    description: "For RDS for PostgreSQL and MySQL, compares the instance's major engine version with a dated table \
        of RDS end-of-standard-support dates (kept in the rule's source with its sources) at the scan's reference \
        time. Versions newer than the table pass; majors older than the oldest listed one fail. Aurora and other \
        engines are not applicable.",
    risk: "Unpatched engine vulnerabilities accumulate, Extended Support fees apply, and AWS eventually forces a \
        major upgrade on its own schedule.",
    remediation: Remediation {
        summary: "Plan and test a major version upgrade (a blue/green deployment keeps downtime short).",
        cli: "aws rds describe-db-engine-versions --region {region} --engine {config.engine} --engine-version {config.engine_version} --query 'DBEngineVersions[].ValidUpgradeTarget[?IsMajorVersionUpgrade].EngineVersion'\n\
              aws rds create-blue-green-deployment --region {region} --blue-green-deployment-name {config.identifier}-upgrade \
              --source arn:aws:rds:{region}:{account}:db:{config.identifier} --target-engine-version <new-version>",
        terraform: "resource \"aws_db_instance\" \"{name}\" {\n  # …\n  engine_version              = \"16.6\" # a supported major\n  allow_major_version_upgrade = true\n}",
        console: "RDS console → Databases → {config.identifier} → Actions → Create Blue/Green Deployment with a newer \
            engine version; test, then switch over.",
    },
    fix_safety: FixSafety::Manual,
    fix_safety_reason: "Major upgrades can break applications and need testing and a maintenance window.",
    permissions: &["rds:DescribeDBInstances"],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support.html",
    ],
    cases: &[
        Case::pass(
            "postgres 16",
            r#"{"config": {"identifier": "db1", "engine": "postgres", "engine_version": "16.4"}}"#,
        ),
        Case::pass(
            "postgres 13 until February 2026",
            r#"{"config": {"identifier": "db1", "engine": "postgres", "engine_version": "13.15"}}"#,
        ),
        Case::pass(
            "mysql 8.0 until July 2026",
            r#"{"config": {"identifier": "db1", "engine": "mysql", "engine_version": "8.0.39"}}"#,
        ),
        Case::fail(
            "postgres 12",
            r#"{"config": {"identifier": "db1", "engine": "postgres", "engine_version": "12.20"}}"#,
        ),
        Case::fail(
            "postgres 9.5, older than the table",
            r#"{"config": {"identifier": "db1", "engine": "postgres", "engine_version": "9.5.25"}}"#,
        ),
        Case::fail(
            "mysql 5.7",
            r#"{"config": {"identifier": "db1", "engine": "mysql", "engine_version": "5.7.44-rds.20240408"}}"#,
        ),
        Case::not_applicable(
            "aurora",
            r#"{"config": {"identifier": "db1", "engine": "aurora-postgresql", "engine_version": "11.9"}}"#,
        ),
        Case::unknown(
            "version not recorded",
            r#"{"config": {"identifier": "db1", "engine": "postgres"}}"#,
        ),
        Case::unknown(
            "unreadable version",
            r#"{"config": {"identifier": "db1", "engine": "mysql", "engine_version": "latest"}}"#,
        ),
    ],
};
