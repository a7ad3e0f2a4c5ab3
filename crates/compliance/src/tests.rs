//! Loader, data and posture tests.

use std::collections::{BTreeMap, BTreeSet};

use posture_model::{InventoryIndex, Resource, Status, finding_uid};
use posture_rules::Rule;

use crate::posture::{Assessor, RequirementStatus};
use crate::{BUILTIN, Completeness, Library, RequirementRef, load_dir, parse, parse_builtin};

fn known(id: &str) -> bool {
    posture_rules::catalog::find(id).is_some()
}

fn lib_from(files: &[(&str, &str)]) -> Result<Library, crate::LoadError> {
    let parsed = files
        .iter()
        .map(|(n, t)| parse(n, t))
        .collect::<Result<Vec<_>, _>>()?;
    Library::build(parsed, &known)
}

const HEAD: &str = "[framework]\nid = \"t\"\nname = \"T\"\nversion = \"1\"\npublisher = \"p\"\nsource = \"s\"\ncompleteness = \"complete\"\n";

#[test]
fn every_builtin_loads_and_every_rule_exists() {
    let lib = Library::builtin().unwrap();
    assert_eq!(lib.frameworks().len(), BUILTIN.len());
    for f in lib.frameworks() {
        for r in &f.requirements {
            for rule in &r.rules {
                assert!(known(rule), "{}:{} maps unknown rule {rule}", f.id, r.id);
            }
        }
    }
}

#[test]
fn every_framework_file_is_built_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let listed: BTreeSet<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(on_disk, listed);
    for p in parse_builtin().unwrap() {
        assert!(
            BUILTIN
                .iter()
                .any(|(n, _)| *n == format!("{}.toml", p.id())),
            "file name must be <id>.toml for {}",
            p.id()
        );
    }
}

#[test]
fn known_requirement_counts() {
    let lib = Library::builtin().unwrap();
    let expected: BTreeMap<&str, usize> = [
        ("cis-aws-5.0", 63),
        ("cis-aws-6.0", 63),
        ("cis-aws-7.0", 70),
        ("cis-azure-6.0", 127),
        ("cis-gcp-5.0", 93),
        ("soc2", 61),
        ("iso-27001-2022", 93),
        ("iso-27017-2015", 44),
        ("nist-800-53-r5", 1014),
        ("fedramp-r5-low", 156),
        ("fedramp-r5-moderate", 323),
        ("fedramp-r5-high", 410),
        ("pci-dss-4.0", 280),
        ("hipaa-security", 42),
        ("gdpr", 22),
        ("nydfs-500", 16),
        ("ffiec-cat", 44),
    ]
    .into_iter()
    .collect();
    let got: BTreeMap<&str, usize> = lib
        .frameworks()
        .iter()
        .map(|f| (f.id.as_str(), f.requirements.len()))
        .collect();
    assert_eq!(got, expected);
    // ISO 27001:2022 Annex A themes: 37 + 8 + 14 + 34.
    let iso = lib.get("iso-27001-2022").unwrap();
    for (prefix, n) in [("A.5.", 37), ("A.6.", 8), ("A.7.", 14), ("A.8.", 34)] {
        assert_eq!(
            iso.requirements
                .iter()
                .filter(|r| r.id.starts_with(prefix))
                .count(),
            n,
            "{prefix}"
        );
    }
    // NIST SP 800-53 Rev. 5 (release 5.2.0): controls and enhancements per family (withdrawn
    // ones left out).
    let nist = lib.get("nist-800-53-r5").unwrap();
    for (family, base, enhancements) in [
        ("AC", 23, 108),
        ("AT", 5, 10),
        ("AU", 15, 41),
        ("CA", 8, 17),
        ("CM", 14, 42),
        ("CP", 12, 37),
        ("IA", 13, 46),
        ("IR", 9, 31),
        ("MA", 7, 21),
        ("MP", 8, 12),
        ("PE", 22, 29),
        ("PL", 8, 3),
        ("PM", 32, 5),
        ("PS", 9, 8),
        ("PT", 8, 13),
        ("RA", 9, 13),
        ("SA", 17, 91),
        ("SC", 47, 92),
        ("SI", 22, 80),
        ("SR", 12, 15),
    ] {
        let of_family: Vec<&str> = nist
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| id.split_once('-').is_some_and(|(f, _)| f == family))
            .collect();
        let enh = of_family.iter().filter(|id| id.contains('(')).count();
        assert_eq!(
            (of_family.len() - enh, enh),
            (base, enhancements),
            "NIST family {family}"
        );
    }
    // PCI DSS v4.0.1: defined requirements per principal requirement and appendix.
    let pci = lib.get("pci-dss-4.0").unwrap();
    for (principal, n) in [
        ("1", 19),
        ("2", 11),
        ("3", 29),
        ("4", 6),
        ("5", 13),
        ("6", 19),
        ("7", 12),
        ("8", 29),
        ("9", 27),
        ("10", 27),
        ("11", 21),
        ("12", 37),
        ("A1", 7),
        ("A2", 3),
        ("A3", 20),
    ] {
        let got = pci
            .requirements
            .iter()
            .filter(|r| r.id.split('.').next() == Some(principal))
            .count();
        assert_eq!(got, n, "PCI DSS requirement {principal}");
    }
    // Withdrawn controls are left out; 5.1.1 and 5.2.0 additions are in.
    for withdrawn in ["AC-13", "AC-2(10)", "SA-12", "SC-7(1)", "SI-3(1)", "PL-3"] {
        assert!(
            nist.requirement(withdrawn).is_none(),
            "{withdrawn} is withdrawn"
        );
    }
    for added in [
        "IA-13",
        "IA-13(3)",
        "SA-15(13)",
        "SA-24",
        "SI-2(7)",
        "PM-32",
        "PT-8",
    ] {
        assert!(nist.requirement(added).is_some(), "{added}");
    }
    // FedRAMP baselines nest: Low within Moderate within High.
    let ids = |id: &str| -> BTreeSet<String> {
        lib.get(id)
            .unwrap()
            .requirements
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    let (low, moderate, high) = (
        ids("fedramp-r5-low"),
        ids("fedramp-r5-moderate"),
        ids("fedramp-r5-high"),
    );
    assert!(low.is_subset(&moderate) && moderate.is_subset(&high));
    // ISO/IEC 27017: 37 ISO/IEC 27002:2013 controls with cloud guidance plus 7 CLD controls.
    let cld = lib.get("iso-27017-2015").unwrap();
    assert_eq!(
        cld.requirements
            .iter()
            .filter(|r| r.id.starts_with("CLD."))
            .count(),
        7
    );
    // SOC 2 common criteria.
    let soc = lib.get("soc2").unwrap();
    assert_eq!(
        soc.requirements
            .iter()
            .filter(|r| r.id.starts_with("CC"))
            .count(),
        33
    );
    // SOC 2 other categories: A1 3, C1 2, PI1 5, P1-P8 18.
    for (prefix, n) in [("A1.", 3), ("C1.", 2), ("PI1.", 5)] {
        let got = soc
            .requirements
            .iter()
            .filter(|r| r.id.starts_with(prefix))
            .count();
        assert_eq!(got, n, "{prefix}");
    }
    let privacy = soc
        .requirements
        .iter()
        .filter(|r| r.id.starts_with('P') && !r.id.starts_with("PI"))
        .count();
    assert_eq!(privacy, 18);
    // Only the FFIEC CAT is partial (no authoritative id list for its higher maturity levels),
    // and partial files say why.
    let partial: Vec<&str> = lib
        .frameworks()
        .iter()
        .filter(|f| f.completeness == Completeness::Partial)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(partial, ["ffiec-cat"]);
    assert!(!lib.get("ffiec-cat").unwrap().notes.is_empty());
}

#[test]
fn every_framework_is_partly_automated_and_every_rule_is_mapped() {
    let lib = Library::builtin().unwrap();
    for f in lib.frameworks() {
        assert!(f.automated() > 0, "{}: no automated requirement", f.id);
    }
    let unmapped: Vec<&str> = posture_rules::catalog()
        .iter()
        .map(|r| r.meta().id)
        .filter(|id| lib.controls_for_rule(id).is_empty())
        .collect();
    assert!(
        unmapped.is_empty(),
        "rules mapped to no framework: {unmapped:?}"
    );
}

#[test]
fn baselines_inherit_mappings_from_the_catalog() {
    let lib = Library::builtin().unwrap();
    let low = lib.get("fedramp-r5-low").unwrap();
    let nist = lib.get("nist-800-53-r5").unwrap();
    let sc8 = low.requirement("SC-8").unwrap();
    assert_eq!(sc8.rules, nist.requirement("SC-8").unwrap().rules);
    assert!(!sc8.rules.is_empty());
    assert!(low.requirement("AC-6").is_none(), "AC-6 is Moderate-only");
    let c = lib.controls_for_rule("aws.s3.bucket_insecure_transport_allowed");
    assert_eq!(c.get("cis-aws-6.0"), Some(&vec!["3.1.1".to_owned()]));
    assert_eq!(
        c.get("nist-800-53-r5"),
        Some(&vec!["SC-8".to_owned(), "SC-8(1)".to_owned()])
    );
    assert!(c.contains_key("fedramp-r5-moderate"));
}

#[test]
fn crosswalk_follows_cis_versions_transitively() {
    let lib = Library::builtin().unwrap();
    let eq = lib.equivalents(&RequirementRef::parse("cis-aws-5.0:2.1.1").unwrap());
    let names: Vec<String> = eq.iter().map(ToString::to_string).collect();
    assert_eq!(names, vec!["cis-aws-6.0:3.1.1", "cis-aws-7.0:3.1.1"]);
    let eq = lib.equivalents(&RequirementRef::parse("cis-aws-7.0:2.4").unwrap());
    let names: Vec<String> = eq.iter().map(ToString::to_string).collect();
    assert_eq!(names, vec!["cis-aws-5.0:1.3", "cis-aws-6.0:2.3"]);
    // ISO/IEC 27017 controls based on 27002:2013 point at their 27001:2022 counterpart.
    let eq = lib.equivalents(&RequirementRef::parse("iso-27017-2015:9.4.1").unwrap());
    let names: Vec<String> = eq.iter().map(ToString::to_string).collect();
    assert_eq!(names, vec!["iso-27001-2022:A.8.3"]);
    // Many-to-one correspondences carry none, so 10.1.1 and 10.1.2 are not made equivalent.
    assert!(
        lib.equivalents(&RequirementRef::parse("iso-27017-2015:10.1.2").unwrap())
            .is_empty()
    );
    // New in 7.0: nothing earlier.
    assert!(
        lib.equivalents(&RequirementRef::parse("cis-aws-7.0:2.1.1").unwrap())
            .is_empty()
    );
    // Equivalent requirements carry the same rules.
    for f in ["cis-aws-5.0", "cis-aws-6.0"] {
        for r in &lib.get(f).unwrap().requirements {
            for e in lib.equivalents(&RequirementRef {
                framework: f.into(),
                requirement: r.id.clone(),
            }) {
                let other = lib
                    .get(&e.framework)
                    .unwrap()
                    .requirement(&e.requirement)
                    .unwrap();
                assert_eq!(r.rules, other.rules, "{f}:{} vs {e}", r.id);
            }
        }
    }
}

#[test]
fn unknown_rule_names_file_and_requirement() {
    let text =
        format!("{HEAD}[[requirement]]\nid = \"1.1\"\ntitle = \"x\"\nrules = [\"aws.s3.nope\"]\n");
    let e = lib_from(&[("mine.toml", &text)]).unwrap_err();
    assert_eq!(e.file, "mine.toml");
    assert_eq!(e.requirement.as_deref(), Some("1.1"));
    assert!(
        e.to_string().contains("unknown rule id `aws.s3.nope`"),
        "{e}"
    );
}

#[test]
fn duplicate_requirement_names_file_and_requirement() {
    let text = format!(
        "{HEAD}[[requirement]]\nid = \"1.1\"\ntitle = \"x\"\nmanual = true\n[[requirement]]\nid = \"1.1\"\ntitle = \"y\"\nmanual = true\n"
    );
    let e = parse("dup.toml", &text).unwrap_err();
    assert_eq!(
        e.to_string(),
        "dup.toml: requirement `1.1`: duplicate requirement id"
    );
}

#[test]
fn malformed_files_are_rejected_with_the_file_name() {
    let cases = [
        ("[framework\nid = \"x\"", "not a valid framework file"),
        (
            &format!("{HEAD}[[requirement]]\nid = \"1\"\ntitle = \"x\"\n") as &str,
            "map it to `rules",
        ),
        (
            &format!(
                "{HEAD}[[requirement]]\nid = \"1\"\ntitle = \"x\"\nmanual = true\nrules = [\"aws.iam.root_mfa_off\"]\n"
            ),
            "exclude each other",
        ),
        (
            &format!(
                "{HEAD}[[requirement]]\nid = \"1\"\ntitle = \"x\"\nmanual = true\ncolour = 1\n"
            ),
            "unknown field",
        ),
        (
            &format!(
                "{HEAD}[[requirement]]\nid = \"1\"\ntitle = \"x\"\nmanual = true\nequivalent = [\"nocolon\"]\n"
            ),
            "not `framework:requirement`",
        ),
        (HEAD, "lists no requirement"),
        (
            &HEAD.replace("id = \"t\"", "id = \"Bad Id\""),
            "framework id",
        ),
        (
            &HEAD.replace("completeness = \"complete\"", "completeness = \"mostly\""),
            "not a valid framework file",
        ),
    ];
    for (text, want) in cases {
        let e = parse("bad.toml", text).unwrap_err();
        assert!(
            e.file == "bad.toml" && e.to_string().contains(want),
            "{want}: got {e}"
        );
    }
}

#[test]
fn dangling_equivalents_and_baselines_are_rejected() {
    let text = format!(
        "{HEAD}[[requirement]]\nid = \"1\"\ntitle = \"x\"\nmanual = true\nequivalent = [\"cis-aws-6.0:9.9\"]\n"
    );
    let mut files: Vec<(&str, &str)> = BUILTIN.to_vec();
    files.push(("eq.toml", &text));
    let e = lib_from(&files).unwrap_err();
    assert!(
        e.to_string()
            .contains("eq.toml: requirement `1`: equivalent `cis-aws-6.0:9.9`"),
        "{e}"
    );

    let base = HEAD.replace(
        "completeness = \"complete\"\n",
        "completeness = \"complete\"\nbase = \"gdpr\"\nselect = [\"Art. 99\"]\n",
    );
    files.pop();
    files.push(("base.toml", &base));
    let e = lib_from(&files).unwrap_err();
    assert!(
        e.to_string()
            .contains("base.toml: requirement `Art. 99`: selected"),
        "{e}"
    );
}

#[test]
fn user_directory_adds_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let mine = format!(
        "{HEAD}[[requirement]]\nid = \"NET-1\"\ntitle = \"No SSH from anywhere\"\nrules = [\"aws.ec2.security_group_admin_ports_open\"]\nequivalent = [\"cis-aws-6.0:6.3\"]\n"
    )
    .replace("id = \"t\"", "id = \"acme-1\"");
    std::fs::write(dir.path().join("acme.toml"), mine).unwrap();
    let over = "[framework]\nid = \"gdpr\"\nname = \"GDPR (ours)\"\nversion = \"x\"\npublisher = \"p\"\nsource = \"s\"\ncompleteness = \"partial\"\n[[requirement]]\nid = \"Art. 32(1)(a)\"\ntitle = \"Encrypt\"\nrules = [\"aws.ec2.volume_unencrypted\"]\n";
    std::fs::write(dir.path().join("gdpr.toml"), over).unwrap();
    std::fs::write(dir.path().join("README.md"), "ignored").unwrap();
    let lib = Library::load(Some(dir.path())).unwrap();
    assert_eq!(lib.frameworks().len(), BUILTIN.len() + 1);
    assert_eq!(lib.get("gdpr").unwrap().requirements.len(), 1);
    assert_eq!(lib.get("gdpr").unwrap().name, "GDPR (ours)");
    let eq = lib.equivalents(&RequirementRef::parse("acme-1:NET-1").unwrap());
    assert!(
        eq.iter().any(|e| e.to_string() == "cis-aws-5.0:5.3"),
        "{eq:?}"
    );

    // Two user files with one id: ambiguous.
    std::fs::write(
        dir.path().join("zz.toml"),
        HEAD.replace("id = \"t\"", "id = \"acme-1\"")
            + "[[requirement]]\nid = \"1\"\ntitle = \"x\"\nmanual = true\n",
    )
    .unwrap();
    let e = load_dir(dir.path()).unwrap_err();
    assert!(e.to_string().contains("also declared by"), "{e}");
    let e = load_dir(&dir.path().join("missing")).unwrap_err();
    assert!(e.to_string().contains("cannot read directory"), "{e}");
}

fn resource(uid: &str, kind: &str, config: &serde_json::Value) -> Resource {
    serde_json::from_value(serde_json::json!({
        "uid": uid, "provider": "aws", "account": "111122223333", "region": "us-east-1",
        "kind": kind, "name": uid, "config": config
    }))
    .unwrap()
}

/// Three S3 buckets over a two-rule framework: pass, fail, unknown; then exceptions.
#[test]
fn posture_arithmetic_with_unknown_and_excepted() {
    let fw = format!(
        "{HEAD}[[requirement]]\nid = \"TLS\"\ntitle = \"TLS only\"\nrules = [\"aws.s3.bucket_insecure_transport_allowed\"]\n\
         [[requirement]]\nid = \"VER\"\ntitle = \"Versioning\"\nrules = [\"aws.s3.bucket_versioning_off\"]\n\
         [[requirement]]\nid = \"RDS\"\ntitle = \"RDS encrypted\"\nrules = [\"aws.rds.instance_storage_unencrypted\"]\n\
         [[requirement]]\nid = \"GOV\"\ntitle = \"Policy\"\nmanual = true\n\
         [[requirement]]\nid = \"MFA\"\ntitle = \"Root MFA\"\nrules = [\"aws.iam.root_mfa_off\"]\n"
    );
    let lib = lib_from(&[("t.toml", &fw)]).unwrap();
    let f = lib.get("t").unwrap();
    let resources = vec![
        resource(
            "arn:aws:s3:::a",
            "aws.s3.bucket",
            &serde_json::json!({"versioning": {"status": "Enabled"}}),
        ),
        resource(
            "arn:aws:s3:::b",
            "aws.s3.bucket",
            &serde_json::json!({"versioning": {"status": "Suspended"}}),
        ),
        resource("arn:aws:s3:::c", "aws.s3.bucket", &serde_json::json!({})),
    ];
    let index = InventoryIndex::new(&resources);
    let rules: Vec<&'static dyn Rule> = [
        "aws.s3.bucket_versioning_off",
        "aws.rds.instance_storage_unencrypted",
    ]
    .iter()
    .filter_map(|id| posture_rules::catalog::find(id))
    .collect();
    let ev = posture_rules::evaluate(&rules, &index, 0);
    let statuses: Vec<Status> = ev.outcomes.iter().map(|o| o.status).collect();
    assert_eq!(statuses, vec![Status::Pass, Status::Fail, Status::Unknown]);

    let p = Assessor::new(&ev, &resources, &BTreeSet::new()).assess(f);
    let st: Vec<(&str, RequirementStatus)> = p
        .requirements
        .iter()
        .map(|r| (r.requirement.id.as_str(), r.status))
        .collect();
    assert_eq!(
        st,
        vec![
            ("TLS", RequirementStatus::Unknown), // rule did not run
            ("VER", RequirementStatus::Fail),
            ("RDS", RequirementStatus::NotApplicable),
            ("GOV", RequirementStatus::Manual),
            ("MFA", RequirementStatus::Unknown),
        ]
    );
    assert_eq!(
        p.requirement("tls").unwrap().rules_not_run,
        vec!["aws.s3.bucket_insecure_transport_allowed"]
    );
    let ver = p.requirement("VER").unwrap();
    assert_eq!(
        (ver.counts.pass, ver.counts.fail, ver.counts.unknown),
        (1, 1, 1)
    );
    assert_eq!(ver.findings, vec![1, 2]);
    let t = p.totals;
    assert_eq!(
        (
            t.requirements,
            t.pass,
            t.fail,
            t.unknown,
            t.manual,
            t.not_applicable
        ),
        (5, 0, 1, 2, 1, 1)
    );
    assert_eq!(t.percent_passed(), Some(0.0));
    assert_eq!(t.coverage(), Some(25.0));

    // Except the failing bucket: the unknown one still keeps the requirement from passing.
    let vid = "aws.s3.bucket_versioning_off";
    let ex: BTreeSet<String> = [finding_uid(vid, "arn:aws:s3:::b")].into_iter().collect();
    let p = Assessor::new(&ev, &resources, &ex).assess(f);
    let ver = p.requirement("VER").unwrap();
    assert_eq!(ver.status, RequirementStatus::Unknown);
    assert_eq!(
        (ver.counts.fail, ver.counts.excepted, ver.counts.unknown),
        (0, 1, 1)
    );

    // Except both: Excepted, not counted as passed but counted as covered.
    let ex: BTreeSet<String> = [
        finding_uid(vid, "arn:aws:s3:::b"),
        finding_uid(vid, "arn:aws:s3:::c"),
    ]
    .into_iter()
    .collect();
    let p = Assessor::new(&ev, &resources, &ex).assess(f);
    assert_eq!(
        p.requirement("VER").unwrap().status,
        RequirementStatus::Excepted
    );
    assert_eq!((p.totals.excepted, p.totals.pass), (1, 0));
    assert_eq!(p.totals.coverage(), Some(25.0));

    // Only the passing bucket: Pass, 1 of 4 applicable = 25 %.
    let ev2 = posture_rules::evaluate(&rules, &InventoryIndex::new(&resources[..1]), 0);
    let p = Assessor::new(&ev2, &resources[..1], &BTreeSet::new()).assess(f);
    assert_eq!(
        p.requirement("VER").unwrap().status,
        RequirementStatus::Pass
    );
    assert_eq!(p.totals.percent_passed(), Some(25.0));

    // Nothing applicable at all: no percentage.
    let fw2 = format!(
        "{HEAD}[[requirement]]\nid = \"RDS\"\ntitle = \"x\"\nrules = [\"aws.rds.instance_storage_unencrypted\"]\n"
    );
    let lib2 = lib_from(&[("u.toml", &fw2)]).unwrap();
    let p = Assessor::new(&ev, &resources, &BTreeSet::new()).assess(lib2.get("t").unwrap());
    assert_eq!(p.totals.percent_passed(), None);
}
