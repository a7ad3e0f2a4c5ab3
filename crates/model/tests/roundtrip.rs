//! The inventory JSON format round-trips losslessly.

use posture_model::kinds::{aws, gcp};
use posture_model::policy::{Condition, Effect, PolicyDocument, Principal, Statement};
use posture_model::{
    Config, Gap, GapReason, Inventory, Kind, Provider, Relationship, Resource, Unmodeled,
};
use proptest::prelude::*;

fn resource(kind_config: Config, name: &str) -> Resource {
    Resource {
        uid: format!("uid:{name}"),
        provider: kind_config.kind().provider().unwrap_or(Provider::Aws),
        account: "111122223333".into(),
        region: "us-east-1".into(),
        name: name.into(),
        tags: posture_model::Tags::from([("env".to_owned(), "prod".to_owned())]),
        config: kind_config,
        relationships: vec![Relationship {
            kind: "attached_to".into(),
            target: "uid:other".into(),
        }],
        gaps: vec![Gap {
            field: "acl".into(),
            api: Some("s3:GetBucketAcl".into()),
            reason: GapReason::Denied,
            detail: "AccessDenied".into(),
        }],
        source: "test".into(),
    }
}

fn round_trip(inv: &Inventory) -> Inventory {
    let text = serde_json::to_string(inv).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn every_kind_round_trips_with_defaults() {
    let mut inv = Inventory::new();
    for k in Kind::ALL {
        let c = Config::from_json(*k, "{}").unwrap();
        assert_eq!(c.kind(), *k);
        inv.resources.push(resource(c, k.as_str()));
    }
    inv.resources.push(resource(
        Config::Unmodeled(Unmodeled {
            native_type: "AWS::SNS::Topic".into(),
            raw: posture_model::RawJson::from_value(&serde_json::json!({"a": [1, 2, {"b": null}]})),
        }),
        "topic",
    ));
    assert_eq!(round_trip(&inv), inv);
}

#[test]
fn unknown_kind_is_a_clear_error() {
    let e = serde_json::from_str::<Resource>(
        r#"{"uid":"x","provider":"aws","kind":"aws.s3.buckett","config":{}}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("unknown resource kind `aws.s3.buckett`"),
        "{e}"
    );
    let e = serde_json::from_str::<Resource>(
        r#"{"uid":"x","provider":"aws","kind":"aws.s3.bucket","config":{"versioning": 3}}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("config of kind `aws.s3.bucket`"),
        "{e}"
    );
}

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(s)
}

fn statement() -> impl Strategy<Value = Statement> {
    (
        any::<bool>(),
        proptest::collection::vec("[a-z0-9:*]{1,12}", 0..3),
        proptest::collection::vec("[a-z0-9:*/]{1,12}", 0..3),
        any::<bool>(),
        "[A-Za-z:]{1,12}",
    )
        .prop_map(|(deny, actions, resources, public, key)| Statement {
            effect: if deny { Effect::Deny } else { Effect::Allow },
            actions,
            resources,
            principal: public.then(|| Principal {
                any: true,
                ..Principal::default()
            }),
            conditions: vec![Condition {
                operator: "StringEquals".into(),
                key,
                values: vec!["v".into()],
            }],
            ..Statement::default()
        })
}

fn bucket() -> impl Strategy<Value = Config> {
    (
        opt(any::<bool>()),
        opt(proptest::collection::vec(statement(), 0..3)),
        opt(("[A-Za-z]{0,8}", any::<bool>())),
        opt("\\PC{0,20}"),
    )
        .prop_map(|(lock, statements, versioning, created)| {
            Config::AwsS3Bucket(Box::new(aws::S3Bucket {
                object_lock_enabled: lock,
                policy: statements.map(|s| PolicyDocument {
                    version: Some("2012-10-17".into()),
                    statements: s,
                }),
                versioning: versioning
                    .map(|(status, mfa_delete)| aws::Versioning { status, mfa_delete }),
                creation_date: created,
                ..aws::S3Bucket::default()
            }))
        })
}

fn firewall() -> impl Strategy<Value = Config> {
    (
        opt(proptest::collection::vec("[0-9./]{1,18}", 0..4)),
        opt(any::<i64>()),
        opt(any::<bool>()),
    )
        .prop_map(|(ranges, priority, disabled)| {
            Config::GcpComputeFirewall(Box::new(gcp::Firewall {
                source_ranges: ranges,
                priority,
                disabled,
                ..gcp::Firewall::default()
            }))
        })
}

proptest! {
    #[test]
    fn arbitrary_resources_round_trip(
        configs in proptest::collection::vec(prop_oneof![bucket(), firewall()], 1..6),
        name in "\\PC{0,24}",
        tag in ("\\PC{0,10}", "\\PC{0,10}"),
    ) {
        let mut inv = Inventory::new();
        for (i, c) in configs.into_iter().enumerate() {
            let mut r = resource(c, &format!("{name}{i}"));
            r.tags.insert(tag.0.clone(), tag.1.clone());
            inv.resources.push(r);
        }
        prop_assert_eq!(round_trip(&inv), inv);
    }
}

#[test]
fn duplicate_uids_are_merged_field_by_field() {
    let mut a = resource(
        Config::AwsIamUser(Box::new(aws::IamUser {
            user_name: "ana".into(),
            password_enabled: Some(true),
            ..aws::IamUser::default()
        })),
        "ana",
    );
    a.gaps = vec![Gap {
        field: "mfa_devices".into(),
        api: None,
        reason: GapReason::NotInSource,
        detail: String::new(),
    }];
    a.source = "config.json".into();
    let mut b = resource(
        Config::AwsIamUser(Box::new(aws::IamUser {
            user_name: "ana".into(),
            mfa_devices: Some(vec![]),
            ..aws::IamUser::default()
        })),
        "ana",
    );
    b.gaps.clear();
    b.source = "credential-report.csv".into();
    b.tags.insert("team".into(), "claims".into());
    let mut inv = Inventory::new();
    inv.resources = vec![b, a];
    assert_eq!(inv.normalize(), 1);
    let r = &inv.resources[0];
    let Config::AwsIamUser(u) = &r.config else {
        panic!("kind changed")
    };
    assert_eq!(u.password_enabled, Some(true));
    assert_eq!(u.mfa_devices, Some(vec![]));
    assert!(
        r.gaps.iter().all(|g| g.field != "mfa_devices"),
        "gap for a now-observed field is dropped"
    );
    assert_eq!(r.tags.get("team").map(String::as_str), Some("claims"));
    assert_eq!(&*r.source, "config.json, credential-report.csv");
}
