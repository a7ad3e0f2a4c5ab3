//! `--format asff`: AWS Security Finding Format for `securityhub batch-import-findings`.
//!
//! Output is **JSON Lines, one batch per line**: each line is a JSON array of at most
//! [`MAX_BATCH`] findings and at most [`MAX_BATCH_BYTES`] bytes, ready for
//!
//! ```sh
//! while IFS= read -r batch; do aws securityhub batch-import-findings --findings "$batch"; done < findings.asff.jsonl
//! ```
//!
//! Only AWS findings are written (Security Hub accounts are AWS accounts); the others are
//! counted and named in the return value. Every finding carries the 12 attributes the user guide
//! lists as required (`SchemaVersion`, `Id`, `ProductArn`, `GeneratorId`, `AwsAccountId`,
//! `Types`, `CreatedAt`, `UpdatedAt`, `Severity`, `Title`, `Description`, `Resources`).
//! `ProductArn` is the account's custom-integration ARN
//! (`arn:<partition>:securityhub:<region>:<account>:product/<account>/default`). Global resources
//! (region empty or `global`) are reported in `us-east-1`. Status mapping (`Compliance.Status`):
//! fail → `FAILED`, pass → `PASSED`, unknown → `WARNING`, not applicable → `NOT_AVAILABLE`.
//! `Title` ≤ 256 characters, `Description` ≤ 1024, `Recommendation.Text` ≤ 512,
//! `RelatedRequirements` entries ≤ 64 and `AssociatedStandards` ≤ 20.

use std::io::{self, Write};

use posture_model::{Severity, Status};
use serde_json::{Value, json};

use crate::source::{FindingSource, Row, json_string, rfc3339, truncate};

/// Findings per `BatchImportFindings` request (API limit).
pub const MAX_BATCH: usize = 100;
/// Bytes per batch we allow (the API limit is 240 KB per finding; we keep whole batches under
/// it, which also keeps every finding under it).
pub const MAX_BATCH_BYTES: usize = 240 * 1024;

/// What the writer did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AsffStats {
    /// Findings written.
    pub written: u64,
    /// Batches written.
    pub batches: u64,
    /// Findings skipped because they are not AWS findings.
    pub skipped_non_aws: u64,
}

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Info => "INFORMATIONAL",
        Severity::Low => "LOW",
        Severity::Medium => "MEDIUM",
        Severity::High => "HIGH",
        Severity::Critical => "CRITICAL",
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Fail => "FAILED",
        Status::Pass => "PASSED",
        Status::Unknown => "WARNING",
        Status::NotApplicable => "NOT_AVAILABLE",
    }
}

/// ASFF resource type for a Posture kind.
#[must_use]
pub fn resource_type(kind: &str) -> &'static str {
    match kind {
        "aws.s3.bucket" => "AwsS3Bucket",
        "aws.s3.account_public_access_block" => "AwsS3AccountPublicAccessBlock",
        "aws.ec2.security_group" => "AwsEc2SecurityGroup",
        "aws.ec2.instance" => "AwsEc2Instance",
        "aws.ec2.volume" => "AwsEc2Volume",
        "aws.ec2.vpc" => "AwsEc2Vpc",
        "aws.ec2.subnet" => "AwsEc2Subnet",
        "aws.ec2.network_acl" => "AwsEc2NetworkAcl",
        "aws.ec2.network_interface" => "AwsEc2NetworkInterface",
        "aws.ec2.route_table" => "AwsEc2RouteTable",
        "aws.iam.user" => "AwsIamUser",
        "aws.iam.role" => "AwsIamRole",
        "aws.iam.policy" => "AwsIamPolicy",
        "aws.kms.key" => "AwsKmsKey",
        "aws.lambda.function" => "AwsLambdaFunction",
        "aws.rds.db_instance" => "AwsRdsDbInstance",
        "aws.cloudtrail.trail" => "AwsCloudTrailTrail",
        "aws.elbv2.load_balancer" => "AwsElbv2LoadBalancer",
        "aws.iam.account" => "AwsAccount",
        _ => "Other",
    }
}

/// One finding in ASFF.
#[must_use]
pub fn finding(
    row: &Row<'_>,
    as_of: i64,
    frameworks: &std::collections::BTreeMap<String, String>,
) -> Value {
    let f = row.finding;
    let region = if f.region.is_empty() || f.region == "global" {
        "us-east-1"
    } else {
        f.region.as_str()
    };
    let partition = crate::ocsf::partition(&f.resource_uid, "aws");
    let account = &f.account;
    let mut types: Vec<String> = Vec::new();
    let mut related: Vec<String> = Vec::new();
    let mut standards: Vec<Value> = Vec::new();
    for (fw, reqs) in row.controls {
        let name = frameworks.get(fw).map_or(fw.as_str(), String::as_str);
        // Types allow letters, digits, spaces and a few punctuation marks in each segment.
        let clean: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || " .-_".contains(c) {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        types.push(format!(
            "Software and Configuration Checks/Industry and Regulatory Standards/{}",
            clean.trim()
        ));
        if standards.len() < 20 {
            standards.push(json!({"StandardsId": fw}));
        }
        for r in reqs {
            related.push(truncate(&format!("{fw} {r}"), 64));
        }
    }
    types.truncate(50);
    if types.is_empty() {
        types.push("Software and Configuration Checks".to_owned());
    }
    let mut description = f.message.clone();
    if description.is_empty() {
        description.clone_from(&f.title);
    }
    let mut resource = json!({
        "Type": resource_type(&f.resource_kind), "Id": f.resource_uid,
        "Partition": partition, "Region": region,
    });
    if !row.tags.is_empty() {
        resource["Tags"] = json!(row.tags);
    }
    let mut compliance = json!({"Status": status(f.status)});
    if !related.is_empty() {
        compliance["RelatedRequirements"] = json!(related);
    }
    if !standards.is_empty() {
        compliance["AssociatedStandards"] = json!(standards);
    }
    let mut v = json!({
        "SchemaVersion": "2018-10-08",
        "Id": format!("posture/{account}/{region}/{}/{}", f.rule_id, f.uid),
        "ProductArn": format!("arn:{partition}:securityhub:{region}:{account}:product/{account}/default"),
        "GeneratorId": format!("posture/{}", f.rule_id),
        "AwsAccountId": account,
        "Types": types,
        "CreatedAt": rfc3339(row.detected_at(as_of)),
        "UpdatedAt": rfc3339(as_of),
        "Severity": {"Label": label(f.severity), "Original": f.severity.as_str()},
        "Title": truncate(&f.title, 256),
        "Description": truncate(&description, 1024),
        "Resources": [resource],
        "Compliance": compliance,
        "RecordState": "ACTIVE",
        "ProductFields": {"posture/rule_id": f.rule_id, "posture/finding_uid": f.uid,
                          "posture/status": f.status.as_str()},
    });
    if let Some(rule) = row.rule {
        let mut rec = json!({"Text": truncate(rule.remediation.summary, 512)});
        if let Some(url) = rule.references.first() {
            rec["Url"] = json!(url);
        }
        v["Remediation"] = json!({"Recommendation": rec});
    }
    v
}

/// Write the batches.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(src: &dyn FindingSource, w: &mut dyn Write) -> io::Result<AsffStats> {
    let meta = src.meta();
    let mut stats = AsffStats::default();
    let mut batch: Vec<String> = Vec::with_capacity(MAX_BATCH);
    let mut bytes = 2usize;
    let flush = |batch: &mut Vec<String>,
                 bytes: &mut usize,
                 stats: &mut AsffStats,
                 w: &mut dyn Write|
     -> io::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        w.write_all(b"[")?;
        w.write_all(batch.join(",").as_bytes())?;
        w.write_all(b"]\n")?;
        stats.batches += 1;
        batch.clear();
        *bytes = 2;
        Ok(())
    };
    src.for_each(&mut |row| {
        if row.finding.provider != "aws" {
            stats.skipped_non_aws += 1;
            return Ok(());
        }
        let text = json_string(&finding(row, meta.as_of, &meta.frameworks));
        if batch.len() == MAX_BATCH || bytes + text.len() + 1 > MAX_BATCH_BYTES {
            flush(&mut batch, &mut bytes, &mut stats, w)?;
        }
        bytes += text.len() + 1;
        batch.push(text);
        stats.written += 1;
        Ok(())
    })?;
    flush(&mut batch, &mut bytes, &mut stats, w)?;
    w.flush()?;
    Ok(stats)
}
