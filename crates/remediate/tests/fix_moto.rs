//! The remediation workflow end to end against moto on 127.0.0.1 with the real AWS SDK:
//! seed misconfigured resources, collect, plan, request and decide approvals, apply under the
//! policy (auto scope, production, unsafe, exception, cap), re-scan, and check the store.
//!
//! The SDK reads `AWS_ENDPOINT_URL` and the credentials from the environment; the outer test
//! starts moto and re-runs this test binary with that environment for the inner (ignored) test.

use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use posture_collect_aws::{AwsOptions, NoProgress, Service};
use posture_model::InventoryIndex;
use posture_remediate::{ApplyOptions, Decision, Plan, PlanInput, Policy, apply, build, exec};
use posture_risk::ContextSettings;
use posture_store::Store;
use serde_json::Value;

fn venv() -> PathBuf {
    if let Some(v) = std::env::var_os("POSTURE_MOTO_VENV") {
        return PathBuf::from(v);
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("/root"), PathBuf::from);
    home.join(".cache/posture/moto-5.1.22")
}

struct Moto {
    child: Child,
    port: u16,
}

impl Moto {
    fn start() -> Moto {
        let bin = venv().join("bin/moto_server");
        assert!(
            bin.exists(),
            "{} is missing: run ./scripts/test.sh, which installs moto[server] into a local venv",
            bin.display()
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto { child, port }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn fix_workflow_against_moto() {
    let moto = Moto::start();
    let endpoint = format!("http://127.0.0.1:{}", moto.port);
    let seed = Command::new(venv().join("bin/python"))
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/aws/seed_fix.py"))
        .arg(&endpoint)
        .output()
        .expect("run seed_fix.py");
    assert!(
        seed.status.success(),
        "seeding failed: {}",
        String::from_utf8_lossy(&seed.stderr)
    );
    let home = tempfile::tempdir().expect("tempdir");
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "inner_workflow", "--ignored", "--nocapture"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("AWS_ENDPOINT_URL", &endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", home.path().join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.path().join("none"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env(
            "POSTURE_FIX_SEED",
            String::from_utf8_lossy(&seed.stdout).trim(),
        )
        .env("POSTURE_FIX_DB", home.path().join("posture.db"))
        .output()
        .expect("run the inner test");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "inner test failed:\n{text}");
    assert!(
        text.contains("test inner_workflow ... ok"),
        "the inner test did not run:\n{text}"
    );
}

fn collect_opts() -> AwsOptions {
    AwsOptions {
        regions: vec!["us-east-1".into()],
        services: vec![
            Service::Kms,
            Service::Ec2,
            Service::CloudTrail,
            Service::Iam,
        ],
        max_attempts: 2,
        ..AwsOptions::default()
    }
}

fn item_for<'p>(plan: &'p Plan, rule: &str, uid_part: &str) -> &'p posture_remediate::PlanItem {
    plan.items
        .iter()
        .find(|i| i.rule_id == rule && i.resource_uid.contains(uid_part))
        .unwrap_or_else(|| panic!("no plan item for {rule} on {uid_part}"))
}

fn result_of<'r>(
    report: &'r posture_remediate::ApplyReport,
    id: &str,
) -> &'r posture_remediate::ItemOutcome {
    report
        .items
        .iter()
        .find(|i| i.item_id == id)
        .unwrap_or_else(|| panic!("no outcome for {id}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by fix_workflow_against_moto with the emulator's environment"]
async fn inner_workflow() {
    let Ok(seed) = std::env::var("POSTURE_FIX_SEED") else {
        panic!("run through fix_workflow_against_moto");
    };
    let seed: Value = serde_json::from_str(&seed).expect("seed JSON");
    let (dev_key, prod_key, other_key, sg) = (
        seed["dev_key"].as_str().unwrap(),
        seed["prod_key"].as_str().unwrap(),
        seed["other_key"].as_str().unwrap(),
        seed["sg"].as_str().unwrap(),
    );
    let store = Store::open(&std::env::var("POSTURE_FIX_DB").unwrap())
        .await
        .expect("store");

    // Collect and evaluate as `posture scan aws` does.
    let collection = posture_collect_aws::collect(&collect_opts(), &NoProgress)
        .await
        .expect("collect");
    let resources = &collection.inventory.resources;
    let index = InventoryIndex::new(resources);
    let catalog = posture_rules::catalog();
    let evaluation = posture_rules::evaluate(catalog, &index, posture_store::now());
    store
        .record_scan(
            &posture_store::ScanInput::from_evaluation(
                &collection.inventory,
                &evaluation,
                posture_store::now(),
            ),
            &posture_store::RecordOptions::default(),
        )
        .await
        .unwrap();

    // The default policy is monitor-only: nothing is automatic.
    let keep_all = |_: &posture_model::Resource, _: &str, _: posture_model::Severity| true;
    let context = ContextSettings::default();
    let none = BTreeSet::new();
    let monitor = build(&PlanInput {
        evaluation: &evaluation,
        resources,
        excepted: &none,
        policy: &Policy::default(),
        context: &context,
        requester: "alice",
        now: posture_store::now(),
        keep: &keep_all,
    });
    assert!(!monitor.items.is_empty());
    assert!(
        monitor
            .items
            .iter()
            .all(|i| !matches!(i.decision, Decision::Auto { .. })),
        "monitor-only plans nothing automatic"
    );

    // A policy with an automatic scope for KMS rotation, a cap of 1, and an exception on the trail.
    let policy = Policy::parse(
        "[remediation]\nmode = \"auto\"\nmax_resources_per_run = 1\n\n[[remediation.auto]]\n\
         rules = [\"aws.kms.key_rotation_off\", \"aws.ec2.security_group_admin_ports_open\"]\nregions = [\"us-east-1\"]\n",
        "test.toml",
    )
    .unwrap();
    let trail_finding = evaluation
        .outcomes
        .iter()
        .filter_map(|o| evaluation.finding(o, resources))
        .find(|f| {
            f.rule_id == "aws.cloudtrail.trail_log_validation_off"
                && f.status == posture_model::Status::Fail
        })
        .expect("the trail fails log validation");
    let excepted: BTreeSet<String> = [trail_finding.uid.clone()].into();
    let plan = build(&PlanInput {
        evaluation: &evaluation,
        resources,
        excepted: &excepted,
        policy: &policy,
        context: &context,
        requester: "alice",
        now: posture_store::now(),
        keep: &keep_all,
    });
    // The plan file round-trips.
    let text = serde_json::to_string_pretty(&plan).unwrap();
    let plan = Plan::parse(&text, "plan.json").unwrap();

    let dev = item_for(&plan, "aws.kms.key_rotation_off", dev_key);
    let other = item_for(&plan, "aws.kms.key_rotation_off", other_key);
    let prod = item_for(&plan, "aws.kms.key_rotation_off", prod_key);
    let sg_item = item_for(&plan, "aws.ec2.security_group_admin_ports_open", sg);
    let trail = item_for(
        &plan,
        "aws.cloudtrail.trail_log_validation_off",
        "dev-trail",
    );
    assert!(
        matches!(dev.decision, Decision::Auto { scope: 0 }),
        "{:?}",
        dev.decision
    );
    assert!(matches!(other.decision, Decision::Auto { .. }));
    match &prod.decision {
        Decision::NeedsApproval { reasons } => {
            assert!(
                reasons.iter().any(|r| r.contains("production")),
                "{reasons:?}"
            );
        }
        d => panic!("production needs approval, got {d:?}"),
    }
    // In an automatic scope and not production, but unsafe: never automatic.
    match &sg_item.decision {
        Decision::NeedsApproval { reasons } => {
            assert!(reasons.iter().any(|r| r.contains("unsafe")), "{reasons:?}");
        }
        d => panic!("unsafe needs approval, got {d:?}"),
    }
    assert_eq!(trail.decision, Decision::Excepted);
    // What would be done, with the real ids and permissions.
    assert_eq!(dev.calls.len(), 1);
    assert_eq!(dev.calls[0].operation, "EnableKeyRotation");
    assert_eq!(dev.calls[0].parameters["KeyId"], dev_key);
    assert!(dev.permissions.iter().any(|p| p == "kms:EnableKeyRotation"));
    assert!(!prod.blast_radius.resources.is_empty() && prod.blast_radius.production);
    assert!(!dev.blast_radius.production);
    assert!(dev.rollback.possible);
    assert!(
        dev.instructions.cli.contains(dev_key),
        "{}",
        dev.instructions.cli
    );
    assert_eq!(
        sg_item.calls[0].parameters["IpPermissions"][0]["IpRanges"],
        serde_json::json!([{"CidrIp": "0.0.0.0/0"}])
    );
    assert!(
        plan.items
            .iter()
            .any(|i| matches!(i.decision, Decision::Manual { .. }))
    );

    // Approval requests for what needs them; self-approval refused.
    for i in plan
        .items
        .iter()
        .filter(|i| matches!(i.decision, Decision::NeedsApproval { .. }))
    {
        store
            .request_fix_approval(
                &serde_json::to_value(i).unwrap(),
                &plan.requester,
                posture_store::now(),
            )
            .await
            .unwrap();
    }
    assert!(
        store
            .decide_fix(&prod.id, true, "alice", None, posture_store::now())
            .await
            .is_err()
    );
    store
        .decide_fix(
            &prod.id,
            true,
            "bob",
            Some("maintenance window"),
            posture_store::now(),
        )
        .await
        .unwrap();

    // A fix that cannot succeed: the key id no longer exists.
    let mut broken = other.clone();
    broken.id = "fx-broken".into();
    broken.target["key_id"] = Value::from("00000000-0000-0000-0000-000000000000");

    let sdk = exec::sdk_config(None).await;
    let opts = |policy: Policy| ApplyOptions {
        actor: "carol".into(),
        policy,
        store: Some(&store),
        excepted: excepted.clone(),
        validate: true,
        collect: collect_opts(),
    };

    // Run 1, cap 1: exactly one resource changes; the rest wait.
    let targets = vec![
        dev.clone(),
        other.clone(),
        prod.clone(),
        sg_item.clone(),
        trail.clone(),
    ];
    let r1 = apply(&targets, &sdk, &opts(policy.clone())).await.unwrap();
    let ran: Vec<_> = r1.items.iter().filter(|i| i.result != "skipped").collect();
    assert_eq!(ran.len(), 1, "{:#?}", r1.items);
    assert_eq!(r1.resources_attempted, 1);
    assert!(
        r1.items
            .iter()
            .any(|i| i.reason.as_deref().is_some_and(|r| r.starts_with("cap:")))
    );
    let d1 = result_of(&r1, &dev.id);
    assert_eq!(d1.result, "applied");
    assert_eq!(d1.before.as_ref().unwrap()["rotation_enabled"], false);
    assert_eq!(d1.after.as_ref().unwrap()["rotation_enabled"], true);
    assert_eq!(d1.validation.as_deref(), Some("resolved"), "{d1:?}");
    let rescan = r1.rescan.as_ref().unwrap();
    assert_eq!(rescan.services, ["kms"]);
    assert!(rescan.scan_id.is_some());

    // Run 2, cap 10: the approved production key and the other dev key run; the unsafe SG waits
    // for its approval; the excepted trail is skipped; the broken item fails loudly.
    let mut wide = policy.clone();
    wide.max_resources_per_run = 10;
    let mut targets2 = targets.clone();
    targets2.push(broken.clone());
    let r2 = apply(&targets2, &sdk, &opts(wide.clone())).await.unwrap();
    assert_eq!(
        result_of(&r2, &dev.id).result,
        "already_compliant",
        "idempotent"
    );
    assert!(result_of(&r2, &dev.id).calls_made.is_empty());
    assert_eq!(result_of(&r2, &other.id).result, "applied");
    let p2 = result_of(&r2, &prod.id);
    assert_eq!(p2.result, "applied", "{p2:?}");
    assert_eq!(p2.validation.as_deref(), Some("resolved"));
    let s2 = result_of(&r2, &sg_item.id);
    assert_eq!(s2.result, "skipped");
    assert!(s2.reason.as_deref().unwrap().contains("pending"), "{s2:?}");
    let t2 = result_of(&r2, &trail.id);
    assert!(
        t2.reason.as_deref().unwrap().starts_with("excepted"),
        "{t2:?}"
    );
    let b2 = result_of(&r2, "fx-broken");
    assert_eq!(b2.result, "failed");
    assert!(
        b2.reason
            .as_deref()
            .unwrap()
            .contains("kms:GetKeyRotationStatus"),
        "{b2:?}"
    );
    assert_ne!(b2.validation.as_deref(), Some("resolved"));
    assert!(r2.has_failures());
    let runs = store.fix_runs(Some("fx-broken")).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert!(
        runs[0].run.error.as_deref().unwrap().contains("NotFound"),
        "{runs:?}"
    );

    // The SG is untouched until approved; after approval only the world range on 22 goes.
    let before = exec::read(
        posture_remediate::FixId::SecurityGroupRevokeWorldAdmin,
        &sdk,
        "us-east-1",
        &sg_item.target,
    )
    .await
    .unwrap();
    assert!(!exec::compliant(
        posture_remediate::FixId::SecurityGroupRevokeWorldAdmin,
        &before
    ));
    store
        .decide_fix(&sg_item.id, true, "bob", None, posture_store::now())
        .await
        .unwrap();
    let r3 = apply(std::slice::from_ref(sg_item), &sdk, &opts(wide))
        .await
        .unwrap();
    let s3 = result_of(&r3, &sg_item.id);
    assert_eq!(s3.result, "applied", "{s3:?}");
    assert_eq!(s3.validation.as_deref(), Some("resolved"), "{s3:?}");
    let after = s3.after.as_ref().unwrap().to_string();
    assert!(after.contains("10.0.0.0/8"), "other sources stay: {after}");
    assert!(after.contains("443"), "other ports stay: {after}");

    // The store's lifecycle: the fixed findings are resolved by the validation re-scans; the
    // excepted and the failed ones are not.
    let resolved: BTreeSet<String> = store
        .findings(
            &posture_store::FindingQuery {
                states: vec!["resolved".into()],
                ..Default::default()
            },
            &posture_store::SlaPolicy::default(),
            posture_store::now(),
        )
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.uid)
        .collect();
    for id in [
        &dev.finding_uid,
        &other.finding_uid,
        &prod.finding_uid,
        &sg_item.finding_uid,
    ] {
        assert!(resolved.contains(id), "{id} resolved: {resolved:?}");
    }
    assert!(!resolved.contains(&trail.finding_uid));
    assert_eq!(resolved.len(), 4, "{resolved:?}");
    // Every run is in the audit chain, and the chain verifies.
    let log = store.audit_log(500).await.unwrap();
    for want in [
        "fix.applied",
        "fix.failed",
        "fix.already_compliant",
        "fix.approved",
        "fix.validated",
    ] {
        assert!(log.iter().any(|e| e.action == want), "{want} missing");
    }
    assert!(store.audit_verify().await.unwrap().ok());
}
