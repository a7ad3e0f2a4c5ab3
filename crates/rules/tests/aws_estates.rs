//! The AWS catalog over the bundled sample estate and over a synthetic estate: every new kind
//! is imported, no rule panics, no rule passes a resource whose configuration could not be read,
//! and the planted misconfigurations are found next to passing twins.

use std::path::{Path, PathBuf};

use posture_model::{Inventory, InventoryIndex, Kind, Provider, Status};
use posture_rules::Evaluation;

/// 2026-11-27T06:00:00Z, the sample's snapshot time.
const AS_OF: i64 = 1_795_759_200;

fn import(dir: &Path) -> Inventory {
    posture_collect::import_paths(
        &[dir.to_path_buf()],
        &posture_collect::ImportOptions::default(),
        &|_| {},
    )
}

fn sample() -> Inventory {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample-estate/aws");
    import(&dir)
}

fn aws_rules() -> Vec<&'static dyn posture_rules::Rule> {
    posture_rules::catalog()
        .iter()
        .copied()
        .filter(|r| r.kind().provider() == Some(Provider::Aws))
        .collect()
}

/// Outcomes that would be false passes: a Pass on a resource whose whole configuration failed
/// to import.
fn false_passes(inv: &Inventory, ev: &Evaluation) -> Vec<String> {
    ev.outcomes
        .iter()
        .filter(|o| o.status == Status::Pass)
        .filter_map(|o| {
            let r = inv.resources.get(o.resource as usize)?;
            r.gap_for("*").map(|_| {
                format!(
                    "{} passed {} with an unreadable configuration",
                    ev.rule(o).map_or("?", |x| x.meta().id),
                    r.uid
                )
            })
        })
        .collect()
}

#[test]
fn sample_imports_every_aws_kind_cleanly() {
    let inv = sample();
    for s in &inv.sources {
        assert!(s.error.is_none(), "{}: {:?}", s.path, s.error);
        assert!(s.warnings.is_empty(), "{}: {:?}", s.path, s.warnings);
    }
    let counts = inv.counts_by_kind();
    for k in Kind::ALL {
        if k.provider() != Some(Provider::Aws) {
            continue;
        }
        assert!(
            counts.get(k.as_str()).copied().unwrap_or(0) > 0,
            "kind {k} is missing from the sample estate"
        );
    }
}

#[test]
fn catalog_over_the_sample_has_no_false_passes() {
    let inv = sample();
    let index = InventoryIndex::new(&inv.resources);
    let ev = posture_rules::evaluate(&aws_rules(), &index, AS_OF);
    let bad = false_passes(&inv, &ev);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn catalog_over_a_synthetic_estate_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    posture_synth::write_synthetic_estate(dir.path(), 6_000, 11).expect("estate");
    let inv = import(dir.path());
    let index = InventoryIndex::new(&inv.resources);
    let ev = posture_rules::evaluate(&aws_rules(), &index, AS_OF);
    assert!(!ev.outcomes.is_empty());
    let bad = false_passes(&inv, &ev);
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Status of `rule` on the resource whose name (or uid) is `name`; `~text` matches uids
/// containing `text`.
fn status_of(inv: &Inventory, ev: &Evaluation, rule: &str, name: &str) -> Vec<Status> {
    ev.outcomes
        .iter()
        .filter(|o| ev.rule(o).is_some_and(|r| r.meta().id == rule))
        .filter(|o| {
            inv.resources.get(o.resource as usize).is_some_and(|r| {
                r.name == name
                    || r.uid == name
                    || name.strip_prefix('~').is_some_and(|t| r.uid.contains(t))
            })
        })
        .map(|o| o.status)
        .collect()
}

#[test]
#[ignore = "debug listing: cargo test -p posture-rules --test aws_estates -- --ignored --nocapture"]
fn list_sample_outcomes() {
    let inv = sample();
    let index = InventoryIndex::new(&inv.resources);
    let ev = posture_rules::evaluate(&aws_rules(), &index, AS_OF);
    for o in &ev.outcomes {
        let (Some(rule), Some(r)) = (ev.rule(o), inv.resources.get(o.resource as usize)) else {
            continue;
        };
        println!("{:?}\t{}\t{}", o.status, rule.meta().id, r.name);
    }
}

#[test]
fn planted_service_misconfigurations_are_found_next_to_passing_twins() {
    let inv = sample();
    let index = InventoryIndex::new(&inv.resources);
    let ev = posture_rules::evaluate(&aws_rules(), &index, AS_OF);
    let prod = "arn:aws:iam::111122223333:root";
    let dev = "arn:aws:iam::444455556666:root";
    let expect = [
        // The CIS monitoring chain: the Organizations filter is missing in prod, the console
        // sign-in alarm has its actions disabled. Dev's own trail is single-region, but prod's
        // organization trail may cover dev (membership is not observed): dev is Unknown where
        // that trail's chain is complete and fails where it is broken too.
        (
            "aws.cloudwatch.organizations_changes_unmonitored",
            prod,
            Status::Fail,
        ),
        (
            "aws.cloudwatch.console_signin_without_mfa_unmonitored",
            prod,
            Status::Fail,
        ),
        (
            "aws.cloudwatch.root_usage_unmonitored",
            dev,
            Status::Unknown,
        ),
        (
            "aws.cloudwatch.organizations_changes_unmonitored",
            dev,
            Status::Fail,
        ),
        // Complete chain, but AWS Config does not record whether the trail is logging.
        (
            "aws.cloudwatch.root_usage_unmonitored",
            prod,
            Status::Unknown,
        ),
        (
            "aws.logs.log_group_retention_short",
            "/aws/lambda/portal-api",
            Status::Fail,
        ),
        (
            "aws.logs.log_group_retention_short",
            "aws-cloudtrail-logs-larkspur",
            Status::Pass,
        ),
        (
            "aws.secretsmanager.secret_rotation_off",
            "portal/payments-api-key",
            Status::Fail,
        ),
        (
            "aws.secretsmanager.secret_rotation_off",
            "claims/db-master",
            Status::Pass,
        ),
        (
            "aws.ecr.repository_scan_on_push_off",
            "portal-web",
            Status::Fail,
        ),
        (
            "aws.ecr.repository_scan_on_push_off",
            "claims-ocr",
            Status::Pass,
        ),
        (
            "aws.ecr.repository_policy_public",
            "dev-sandbox-images",
            Status::Fail,
        ),
        (
            "aws.eks.cluster_endpoint_public_unrestricted",
            "larkspur-dev-eks",
            Status::Fail,
        ),
        (
            "aws.eks.cluster_endpoint_public_unrestricted",
            "larkspur-prod-eks",
            Status::Pass,
        ),
        (
            "aws.redshift.cluster_publicly_accessible",
            "analytics-sandbox",
            Status::Fail,
        ),
        (
            "aws.redshift.cluster_publicly_accessible",
            "claims-warehouse",
            Status::Pass,
        ),
        (
            "aws.opensearch.domain_public_access_policy",
            "dev-logs",
            Status::Fail,
        ),
        (
            "aws.opensearch.domain_public_access_policy",
            "portal-search",
            Status::NotApplicable,
        ),
        (
            "aws.cloudfront.distribution_http_allowed",
            "E2DOCSLARKSPUR",
            Status::Fail,
        ),
        (
            "aws.cloudfront.distribution_http_allowed",
            "E1PORTALLARKSPUR",
            Status::Pass,
        ),
        ("aws.apigateway.stage_logging_off", "dev", Status::Fail),
        ("aws.apigateway.stage_logging_off", "prod", Status::Pass),
        ("aws.rds.snapshot_public", "dev-aurora-share", Status::Fail),
        (
            "aws.rds.snapshot_public",
            "claims-aurora-pre-migration",
            Status::Pass,
        ),
        (
            "aws.rds.cluster_storage_unencrypted",
            "dev-aurora",
            Status::Fail,
        ),
        (
            "aws.rds.cluster_storage_unencrypted",
            "claims-aurora",
            Status::Pass,
        ),
        (
            "aws.efs.file_system_unencrypted",
            "dev-scratch",
            Status::Fail,
        ),
        (
            "aws.efs.file_system_unencrypted",
            "claims-scans",
            Status::Pass,
        ),
        (
            "aws.sqs.queue_policy_public",
            "dev-webhook-inbox",
            Status::Fail,
        ),
        (
            "aws.sqs.queue_not_encrypted",
            "dev-webhook-inbox",
            Status::Fail,
        ),
        (
            "aws.sns.topic_not_encrypted",
            "dev-build-events",
            Status::Fail,
        ),
        (
            "aws.sns.topic_not_encrypted",
            "larkspur-security-alerts",
            Status::Pass,
        ),
        (
            "aws.dynamodb.table_pitr_off",
            "dev-experiments",
            Status::Fail,
        ),
        (
            "aws.dynamodb.table_pitr_off",
            "portal-sessions",
            Status::Pass,
        ),
        (
            "aws.guardduty.detector_suspended",
            "~444455556666:detector/",
            Status::Fail,
        ),
        (
            "aws.guardduty.detector_suspended",
            "~111122223333:detector/",
            Status::Pass,
        ),
        (
            "aws.iam.server_certificate_expired",
            "legacy-portal-2023",
            Status::Fail,
        ),
        (
            "aws.iam.server_certificate_expired",
            "portal-2027",
            Status::Pass,
        ),
        (
            "aws.organizations.scp_unattached",
            "deny-disable-guardrails",
            Status::Fail,
        ),
        (
            "aws.organizations.scp_unattached",
            "deny-leave-organization",
            Status::Pass,
        ),
        (
            "aws.config.recorder_not_recording_all_resources",
            "default",
            Status::Fail,
        ),
        (
            "aws.config.recorder_not_recording_all_resources",
            "default",
            Status::Pass,
        ),
    ];
    let mut wrong = Vec::new();
    for (rule, name, want) in expect {
        let got = status_of(&inv, &ev, rule, name);
        if !got.contains(&want) {
            wrong.push(format!("{rule} on {name}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// `cargo test --release -p posture-rules --test aws_estates -- --ignored large --nocapture`
/// (size with `POSTURE_AWS_BENCH_N`; prints figures, asserts only correctness).
#[test]
#[ignore = "benchmark: run explicitly in release mode"]
fn aws_catalog_on_a_large_synthetic_estate() {
    let n: usize = std::env::var("POSTURE_AWS_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    posture_synth::write_synthetic_estate(dir.path(), n, 5).expect("estate");
    let t = std::time::Instant::now();
    let inv = import(dir.path());
    let import_s = t.elapsed().as_secs_f64();
    let index = InventoryIndex::new(&inv.resources);
    let rules = aws_rules();
    let t = std::time::Instant::now();
    let ev = posture_rules::evaluate(&rules, &index, AS_OF);
    let eval_s = t.elapsed().as_secs_f64();
    assert!(false_passes(&inv, &ev).is_empty());
    let tally = ev.tally();
    #[allow(clippy::cast_precision_loss)]
    let rate = ev.outcomes.len() as f64 / eval_s.max(1e-9);
    println!(
        "AWS catalog: {} rules over {} resources: import {import_s:.2}s, evaluation {eval_s:.2}s, {} outcomes ({rate:.0}/s); {:?}",
        rules.len(),
        inv.resources.len(),
        ev.outcomes.len(),
        tally.by_status
    );
}
