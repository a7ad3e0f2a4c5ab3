use std::collections::BTreeMap;

use posture_model::{InventoryIndex, Resource, Severity};
use posture_rules::engine::Expect;
use posture_rules::testing::run_cases;

use crate::context::{ContextSettings, DataClass, Environment, Source};
use crate::graph::{Analysis, Exposure};
use crate::score::{RiskSettings, Scorer};
use crate::toxic;

#[test]
fn toxic_cases_fire_and_near_misses_do_not() {
    let mut failures = Vec::new();
    let rules = toxic::catalog();
    assert!(rules.len() >= 10, "at least ten patterns");
    let mut providers = std::collections::BTreeSet::new();
    for r in rules {
        let m = r.meta();
        assert!(m.id.starts_with("risk.toxic."), "{}", m.id);
        providers.insert(r.kind().provider());
        for e in [Expect::Pass, Expect::Fail, Expect::Unknown] {
            assert!(
                m.cases.iter().any(|c| c.expect == e),
                "{}: no {e:?} case",
                m.id
            );
        }
        for res in run_cases(*r) {
            if !res.ok() {
                failures.push(format!(
                    "{}: `{}` expected {:?}, got {:?}",
                    m.id, res.case.note, res.case.expect, res.got
                ));
            }
        }
    }
    assert_eq!(providers.len(), 3, "patterns across AWS, Azure and GCP");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn res(v: serde_json::Value) -> Resource {
    serde_json::from_value(v).unwrap()
}

#[test]
fn context_tags_overrides_and_inference() {
    let s = ContextSettings::default();
    let r = res(
        serde_json::json!({"uid": "a", "provider": "aws", "account": "1", "kind": "aws.s3.bucket",
        "name": "patient-exports-dev", "tags": {"Environment": "Production"}, "config": {}}),
    );
    let env = s.environment(&r).unwrap();
    assert_eq!(env.value, Environment::Prod);
    assert!(matches!(env.source, Source::Tag { .. }));
    let class = s.data_class(&r).unwrap();
    assert_eq!(class.value, DataClass::Restricted);
    assert!(matches!(class.source, Source::Inferred { .. }));
    let mut s2 = s;
    s2.account_environments.insert("1".into(), "sandbox".into());
    s2.data_classification_values
        .insert("tier-0".into(), "restricted".into());
    assert_eq!(s2.environment(&r).unwrap().value, Environment::Sandbox);
    let r2 = res(
        serde_json::json!({"uid": "b", "provider": "aws", "account": "2", "kind": "aws.s3.bucket",
        "name": "x", "tags": {"confidentiality": "tier-0"}, "config": {}}),
    );
    assert_eq!(s2.data_class(&r2).unwrap().value, DataClass::Restricted);
    s2.infer_from_names = false;
    let r3 = res(
        serde_json::json!({"uid": "c", "provider": "aws", "account": "2", "kind": "aws.s3.bucket",
        "name": "patient-dev", "config": {}}),
    );
    assert!(s2.data_class(&r3).is_none());
    assert!(s2.invalid_values().is_empty());
    s2.environment_values.insert("x".into(), "nope".into());
    assert_eq!(s2.invalid_values().len(), 1);
}

#[test]
fn exposure_path_is_listed_and_missing_hops_named() {
    let rs: Vec<Resource> = [
        serde_json::json!({"uid": "i", "provider": "aws", "account": "1", "region": "r", "kind": "aws.ec2.instance", "name": "web",
            "config": {"instance_id": "i-1", "public_ip": "203.0.113.1", "subnet_id": "subnet-1", "vpc_id": "vpc-1", "security_groups": ["sg-1"]}}),
        serde_json::json!({"uid": "sg", "provider": "aws", "account": "1", "region": "r", "kind": "aws.ec2.security_group", "name": "sg",
            "config": {"group_id": "sg-1", "ingress": [{"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"]}]}}),
        serde_json::json!({"uid": "rt", "provider": "aws", "account": "1", "region": "r", "kind": "aws.ec2.route_table", "name": "rt",
            "config": {"route_table_id": "rtb-1", "vpc_id": "vpc-1", "main": true, "subnets": [], "routes": [{"destination": "0.0.0.0/0", "target": "igw-1"}]}}),
        serde_json::json!({"uid": "sg2", "provider": "aws", "account": "1", "region": "r", "kind": "aws.ec2.security_group", "name": "unused",
            "config": {"group_id": "sg-2", "ingress": []}}),
    ].into_iter().map(res).collect();
    let ix = InventoryIndex::new(&rs);
    let a = Analysis::build(&ix, &ContextSettings::default());
    match a.exposure(0) {
        Exposure::Internet { path } => {
            assert_eq!(path.len(), 3, "{path:?}");
            assert!(
                path[1].contains("rtb-1") && path[1].contains("igw-1"),
                "{path:?}"
            );
            assert!(path[2].contains("tcp/443"), "{path:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(a.exposure(1), Exposure::Internet { .. }),
        "the security group inherits the instance's path"
    );
    assert!(matches!(a.exposure(3), Exposure::Internal { .. }));
    // Without route tables the route hop is named as missing.
    let rs2: Vec<Resource> = vec![rs[0].clone(), rs[1].clone()];
    let ix2 = InventoryIndex::new(&rs2);
    let a2 = Analysis::build(&ix2, &ContextSettings::default());
    match a2.exposure(0) {
        Exposure::Unknown { missing } => assert!(missing[0].contains("route table"), "{missing:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn score_factors_multiply_and_explain() {
    let rs: Vec<Resource> = vec![res(
        serde_json::json!({"uid": "b", "provider": "aws", "account": "1", "kind": "aws.s3.bucket",
        "name": "patient-records", "tags": {"env": "prod"}, "config": {"acl": {"grants": [{"grantee_type": "group", "grantee": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}]}, "policy": {"statements": []}}}),
    )];
    let ix = InventoryIndex::new(&rs);
    let a = Analysis::build(&ix, &ContextSettings::default());
    let mut controls = BTreeMap::new();
    controls.insert(
        "aws.s3.bucket_public_acl".to_owned(),
        BTreeMap::from([(
            "cis".to_owned(),
            vec![
                "1".to_owned(),
                "2".to_owned(),
                "3".to_owned(),
                "4".to_owned(),
                "5".to_owned(),
            ],
        )]),
    );
    let settings = RiskSettings::default();
    let s = Scorer::new(&a, &controls, &settings).score(
        "aws.s3.bucket_public_acl",
        Severity::Critical,
        0,
    );
    assert_eq!(s.score, 100, "{s:?}");
    assert_eq!(s.factors.len(), 5);
    let low = Scorer::new(&a, &controls, &settings).score("aws.s3.other", Severity::Low, 0);
    assert!(low.score < 30, "{low:?}");
    let pts: f64 = low.factors.iter().map(|f| f.points).sum();
    assert!(
        (pts - (100.0 - 100.0 * low.factors.iter().map(|f| f.multiplier).product::<f64>())).abs()
            < 1e-6
    );
    // A zero weight switches a factor off.
    let mut off = RiskSettings::default();
    off.weights.severity = 0.0;
    let s0 = Scorer::new(&a, &controls, &off).score("aws.s3.other", Severity::Low, 0);
    assert!(s0.score > low.score);
    assert!(!s.explain().is_empty());
}
