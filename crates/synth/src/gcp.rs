//! GCP Cloud Asset Inventory assets, written as `gcloud asset export` lines (snake_case, JSONL) or
//! as `gcloud asset list --format=json` entries (camelCase). `resource.data` is the service's own
//! REST representation (camelCase in both).

#![allow(clippy::too_many_arguments)]

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::aws::Tags;
use crate::rng::{Rng, timestamp};

/// A project and its place in the hierarchy.
#[derive(Clone, Debug)]
pub struct Project {
    /// Project id (`larkspur-prod`).
    pub id: String,
    /// Project number.
    pub number: String,
    /// Ancestors after the project itself (`folders/…`, `organizations/…`).
    pub ancestors: Vec<String>,
}

impl Project {
    fn parent(&self) -> String {
        format!(
            "//cloudresourcemanager.googleapis.com/projects/{}",
            self.number
        )
    }

    fn ancestors(&self) -> Vec<String> {
        let mut a = vec![format!("projects/{}", self.number)];
        a.extend(self.ancestors.iter().cloned());
        a
    }
}

/// One IAM binding (role, members).
pub type Binding = (&'static str, Vec<String>);

/// One asset: its resource and, optionally, its IAM policy.
#[derive(Clone, Debug)]
pub struct Asset {
    /// Full resource name.
    pub name: String,
    /// Asset type.
    pub asset_type: &'static str,
    /// Discovery document URI.
    pub discovery_uri: &'static str,
    /// Discovery name.
    pub discovery_name: &'static str,
    /// Parent full name.
    pub parent: String,
    /// Location.
    pub location: String,
    /// Resource data.
    pub data: Value,
    /// Ancestors.
    pub ancestors: Vec<String>,
    /// IAM bindings (an `iam-policy` line is written when `Some`).
    pub iam: Option<Vec<Binding>>,
    /// Audit configs (project policies): service → log types.
    pub audit: Vec<(&'static str, Vec<&'static str>)>,
    /// Update time.
    pub update_time: String,
}

fn labels(tags: &Tags) -> Value {
    Value::Object(tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

#[allow(clippy::too_many_arguments)]
fn asset(
    rng: &mut Rng,
    p: &Project,
    name: String,
    asset_type: &'static str,
    discovery_uri: &'static str,
    discovery_name: &'static str,
    location: &str,
    data: Value,
) -> Asset {
    Asset {
        name,
        asset_type,
        discovery_uri,
        discovery_name,
        parent: p.parent(),
        location: location.to_owned(),
        data,
        ancestors: p.ancestors(),
        iam: None,
        audit: Vec::new(),
        update_time: timestamp(rng.range(0, 60) as i64, rng.next_u64()),
    }
}

const COMPUTE: &str = "https://www.googleapis.com/discovery/v1/apis/compute/v1/rest";

fn compute_url(p: &Project, rest: &str) -> String {
    format!(
        "https://www.googleapis.com/compute/v1/projects/{}/{rest}",
        p.id
    )
}

/// A bucket's settings.
#[derive(Clone, Debug)]
pub struct Bucket {
    /// Location.
    pub location: &'static str,
    /// Uniform bucket-level access.
    pub uniform: bool,
    /// Public access prevention (`enforced`/`inherited`).
    pub pap: &'static str,
    /// Versioning.
    pub versioning: bool,
    /// Access log bucket.
    pub log_bucket: Option<String>,
    /// Retention (seconds, locked).
    pub retention: Option<(i64, bool)>,
    /// CMEK.
    pub kms: Option<String>,
    /// IAM bindings.
    pub iam: Vec<Binding>,
}

/// A `storage.googleapis.com/Bucket` asset.
pub fn bucket(rng: &mut Rng, p: &Project, name: &str, b: &Bucket, tags: &Tags) -> Asset {
    let created = timestamp(rng.range(30, 1200) as i64, rng.next_u64());
    let mut data = json!({
        "kind": "storage#bucket",
        "id": name,
        "selfLink": format!("https://www.googleapis.com/storage/v1/b/{name}"),
        "name": name,
        "projectNumber": p.number,
        "metageneration": rng.range(1, 20).to_string(),
        "location": b.location,
        "storageClass": "STANDARD",
        "etag": "CAE=",
        "timeCreated": created,
        "updated": created,
        "iamConfiguration": {
            "bucketPolicyOnly": {"enabled": b.uniform},
            "uniformBucketLevelAccess": {"enabled": b.uniform},
            "publicAccessPrevention": b.pap,
        },
        "locationType": if b.location.contains('-') { "region" } else { "multi-region" },
        "versioning": {"enabled": b.versioning},
        "labels": labels(tags),
        "softDeletePolicy": {"retentionDurationSeconds": "604800"},
        "rpo": "DEFAULT",
    });
    if let Some(lb) = &b.log_bucket {
        data["logging"] = json!({"logBucket": lb, "logObjectPrefix": name});
    }
    if let Some((secs, locked)) = b.retention {
        data["retentionPolicy"] = json!({"retentionPeriod": secs.to_string(), "effectiveTime": created, "isLocked": locked});
    }
    if let Some(k) = &b.kms {
        data["encryption"] = json!({"defaultKmsKeyName": k});
    }
    let mut a = asset(
        rng,
        p,
        format!("//storage.googleapis.com/{name}"),
        "storage.googleapis.com/Bucket",
        "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest",
        "Bucket",
        &b.location.to_ascii_lowercase(),
        data,
    );
    let mut iam = vec![
        (
            "roles/storage.legacyBucketOwner",
            vec![
                format!("projectEditor:{}", p.id),
                format!("projectOwner:{}", p.id),
            ],
        ),
        (
            "roles/storage.legacyBucketReader",
            vec![format!("projectViewer:{}", p.id)],
        ),
    ];
    iam.extend(b.iam.iter().cloned());
    a.iam = Some(iam);
    a
}

/// A Cloud SQL instance's settings.
#[derive(Clone, Debug)]
pub struct Sql {
    /// `POSTGRES_16`, …
    pub version: &'static str,
    /// Public IP.
    pub ipv4: bool,
    /// Authorized networks.
    pub networks: Vec<&'static str>,
    /// `sslMode`; `None` leaves the SSL settings out.
    pub ssl_mode: Option<&'static str>,
    /// Backups.
    pub backups: bool,
    /// Flags.
    pub flags: Vec<(&'static str, &'static str)>,
    /// Private network.
    pub private_network: Option<String>,
    /// Deletion protection.
    pub deletion_protection: bool,
}

/// A `sqladmin.googleapis.com/Instance` asset.
pub fn sql_instance(
    rng: &mut Rng,
    p: &Project,
    name: &str,
    region: &str,
    s: &Sql,
    tags: &Tags,
) -> Asset {
    let mut ip = json!({
        "ipv4Enabled": s.ipv4,
        "authorizedNetworks": s.networks.iter().enumerate().map(|(i, n)| json!({"kind": "sql#aclEntry", "name": format!("net-{i}"), "value": n})).collect::<Vec<_>>(),
        "privateNetwork": s.private_network,
    });
    if let Some(mode) = s.ssl_mode {
        ip["sslMode"] = json!(mode);
        ip["requireSsl"] = json!(mode != "ALLOW_UNENCRYPTED_AND_ENCRYPTED");
    }
    let mut addrs = Vec::new();
    if s.ipv4 {
        addrs.push(json!({"type": "PRIMARY", "ipAddress": format!("34.{}.{}.{}", rng.range(0, 255), rng.range(0, 255), rng.range(1, 254))}));
    }
    if s.private_network.is_some() {
        addrs.push(json!({"type": "PRIVATE", "ipAddress": format!("10.90.{}.{}", rng.range(0, 255), rng.range(2, 254))}));
    }
    let data = json!({
        "kind": "sql#instance",
        "state": "RUNNABLE",
        "databaseVersion": s.version,
        "settings": {
            "authorizedGaeApplications": [],
            "tier": "db-custom-4-16384",
            "kind": "sql#settings",
            "availabilityType": if s.deletion_protection { "REGIONAL" } else { "ZONAL" },
            "pricingPlan": "PER_USE",
            "replicationType": "SYNCHRONOUS",
            "activationPolicy": "ALWAYS",
            "ipConfiguration": ip,
            "locationPreference": {"zone": format!("{region}-b"), "kind": "sql#locationPreference"},
            "databaseFlags": s.flags.iter().map(|(n, v)| json!({"name": n, "value": v})).collect::<Vec<_>>(),
            "dataDiskType": "PD_SSD",
            "maintenanceWindow": {"kind": "sql#maintenanceWindow", "hour": 5, "day": 7},
            "backupConfiguration": {"startTime": "03:00", "kind": "sql#backupConfiguration", "enabled": s.backups, "pointInTimeRecoveryEnabled": s.backups, "transactionLogRetentionDays": 7, "backupRetentionSettings": {"retentionUnit": "COUNT", "retainedBackups": 14}},
            "settingsVersion": rng.range(1, 40).to_string(),
            "storageAutoResizeLimit": "0",
            "storageAutoResize": true,
            "dataDiskSizeGb": "100",
            "userLabels": labels(tags),
            "deletionProtectionEnabled": s.deletion_protection,
        },
        "etag": rng.hex(64),
        "ipAddresses": addrs,
        "instanceType": "CLOUD_SQL_INSTANCE",
        "project": p.id,
        "serviceAccountEmailAddress": format!("p{}-{}@gcp-sa-cloud-sql.iam.gserviceaccount.com", p.number, rng.hex(6)),
        "backendType": "SECOND_GEN",
        "selfLink": format!("https://sqladmin.googleapis.com/sql/v1beta4/projects/{}/instances/{name}", p.id),
        "connectionName": format!("{}:{region}:{name}", p.id),
        "name": name,
        "region": region,
        "gceZone": format!("{region}-b"),
        "createTime": timestamp(rng.range(30, 900) as i64, rng.next_u64()),
    });
    asset(
        rng,
        p,
        format!(
            "//cloudsql.googleapis.com/projects/{}/instances/{name}",
            p.id
        ),
        "sqladmin.googleapis.com/Instance",
        "https://sqladmin.googleapis.com/$discovery/rest",
        "DatabaseInstance",
        region,
        data,
    )
}

/// A firewall rule's settings.
#[derive(Clone, Debug)]
pub struct Firewall {
    /// Network name.
    pub network: String,
    /// `INGRESS`/`EGRESS`.
    pub direction: &'static str,
    /// Priority.
    pub priority: i64,
    /// Source ranges.
    pub sources: Vec<&'static str>,
    /// Allowed (protocol, ports).
    pub allowed: Vec<(&'static str, Vec<&'static str>)>,
    /// Target tags.
    pub target_tags: Vec<&'static str>,
    /// Disabled.
    pub disabled: bool,
    /// Logging.
    pub logging: bool,
}

/// A `compute.googleapis.com/Firewall` asset (firewall rules carry no labels in GCP).
pub fn firewall(rng: &mut Rng, p: &Project, name: &str, f: &Firewall) -> Asset {
    let mut data = json!({
        "id": rng.digits(19),
        "creationTimestamp": timestamp(rng.range(30, 1200) as i64, rng.next_u64()),
        "name": name,
        "description": "",
        "network": compute_url(p, &format!("global/networks/{}", f.network)),
        "priority": f.priority,
        "sourceRanges": f.sources,
        "allowed": f.allowed.iter().map(|(proto, ports)| if ports.is_empty() { json!({"IPProtocol": proto}) } else { json!({"IPProtocol": proto, "ports": ports}) }).collect::<Vec<_>>(),
        "direction": f.direction,
        "logConfig": {"enable": f.logging},
        "disabled": f.disabled,
        "selfLink": compute_url(p, &format!("global/firewalls/{name}")),
    });
    if !f.target_tags.is_empty() {
        data["targetTags"] = json!(f.target_tags);
    }
    asset(
        rng,
        p,
        format!(
            "//compute.googleapis.com/projects/{}/global/firewalls/{name}",
            p.id
        ),
        "compute.googleapis.com/Firewall",
        COMPUTE,
        "Firewall",
        "global",
        data,
    )
}

/// A VM's settings.
#[derive(Clone, Debug)]
pub struct Vm {
    /// Zone.
    pub zone: &'static str,
    /// Machine type.
    pub machine: &'static str,
    /// Network name.
    pub network: String,
    /// External IP.
    pub external_ip: bool,
    /// Network tags.
    pub net_tags: Vec<&'static str>,
    /// Service account email and scopes.
    pub sa: Option<(String, Vec<&'static str>)>,
    /// Metadata items.
    pub metadata: Vec<(&'static str, &'static str)>,
    /// Shielded VM (secure boot, vTPM, integrity).
    pub shielded: (bool, bool, bool),
    /// IP forwarding.
    pub ip_forward: bool,
}

/// A `compute.googleapis.com/Instance` asset.
pub fn instance(rng: &mut Rng, p: &Project, name: &str, v: &Vm, tags: &Tags) -> Asset {
    let region = &v.zone[..v.zone.len() - 2];
    let mut nic = json!({
        "kind": "compute#networkInterface",
        "network": compute_url(p, &format!("global/networks/{}", v.network)),
        "subnetwork": compute_url(p, &format!("regions/{region}/subnetworks/{}", v.network)),
        "networkIP": format!("10.{}.{}.{}", rng.range(0, 100), rng.range(0, 255), rng.range(2, 254)),
        "name": "nic0",
        "stackType": "IPV4_ONLY",
        "fingerprint": rng.hex(11),
    });
    if v.external_ip {
        nic["accessConfigs"] = json!([{"kind": "compute#accessConfig", "type": "ONE_TO_ONE_NAT", "name": "External NAT", "natIP": format!("35.{}.{}.{}", rng.range(180, 240), rng.range(0, 255), rng.range(1, 254)), "networkTier": "PREMIUM"}]);
    }
    let data = json!({
        "id": rng.digits(19),
        "creationTimestamp": timestamp(rng.range(30, 900) as i64, rng.next_u64()),
        "name": name,
        "tags": {"items": v.net_tags, "fingerprint": rng.hex(11)},
        "machineType": compute_url(p, &format!("zones/{}/machineTypes/{}", v.zone, v.machine)),
        "status": "RUNNING",
        "zone": compute_url(p, &format!("zones/{}", v.zone)),
        "canIpForward": v.ip_forward,
        "networkInterfaces": [nic],
        "disks": [{"kind": "compute#attachedDisk", "type": "PERSISTENT", "mode": "READ_WRITE", "source": compute_url(p, &format!("zones/{}/disks/{name}", v.zone)), "deviceName": "persistent-disk-0", "index": 0, "boot": true, "autoDelete": true, "interface": "SCSI", "diskSizeGb": "50"}],
        "metadata": {"kind": "compute#metadata", "fingerprint": rng.hex(11), "items": v.metadata.iter().map(|(k, val)| json!({"key": k, "value": val})).collect::<Vec<_>>()},
        "serviceAccounts": v.sa.as_ref().map(|(e, s)| vec![json!({"email": e, "scopes": s})]).unwrap_or_default(),
        "selfLink": compute_url(p, &format!("zones/{}/instances/{name}", v.zone)),
        "scheduling": {"onHostMaintenance": "MIGRATE", "automaticRestart": true, "preemptible": false, "provisioningModel": "STANDARD"},
        "cpuPlatform": "Intel Cascade Lake",
        "labels": labels(tags),
        "labelFingerprint": rng.hex(11),
        "startRestricted": false,
        "deletionProtection": false,
        "shieldedInstanceConfig": {"enableSecureBoot": v.shielded.0, "enableVtpm": v.shielded.1, "enableIntegrityMonitoring": v.shielded.2},
        "shieldedInstanceIntegrityPolicy": {"updateAutoLearnPolicy": true},
        "confidentialInstanceConfig": {"enableConfidentialCompute": false},
        "fingerprint": rng.hex(11),
        "lastStartTimestamp": timestamp(rng.range(1, 60) as i64, rng.next_u64()),
    });
    asset(
        rng,
        p,
        format!(
            "//compute.googleapis.com/projects/{}/zones/{}/instances/{name}",
            p.id, v.zone
        ),
        "compute.googleapis.com/Instance",
        COMPUTE,
        "Instance",
        v.zone,
        data,
    )
}

/// A `compute.googleapis.com/Network` asset (networks carry no labels in GCP).
pub fn network(rng: &mut Rng, p: &Project, name: &str, auto: bool) -> Asset {
    let data = json!({
        "id": rng.digits(19),
        "creationTimestamp": timestamp(rng.range(300, 1500) as i64, rng.next_u64()),
        "name": name,
        "description": if name == "default" { "Default network for the project" } else { "" },
        "selfLink": compute_url(p, &format!("global/networks/{name}")),
        "autoCreateSubnetworks": auto,
        "subnetworks": if auto { vec![compute_url(p, &format!("regions/us-central1/subnetworks/{name}")), compute_url(p, &format!("regions/europe-west1/subnetworks/{name}"))] } else { vec![compute_url(p, &format!("regions/us-central1/subnetworks/{name}-app"))] },
        "routingConfig": {"routingMode": "REGIONAL"},
        "networkFirewallPolicyEnforcementOrder": "AFTER_CLASSIC_FIREWALL",
        "kind": "compute#network",
    });
    asset(
        rng,
        p,
        format!(
            "//compute.googleapis.com/projects/{}/global/networks/{name}",
            p.id
        ),
        "compute.googleapis.com/Network",
        COMPUTE,
        "Network",
        "global",
        data,
    )
}

/// A `cloudresourcemanager.googleapis.com/Project` asset with its IAM policy.
pub fn project(
    rng: &mut Rng,
    p: &Project,
    bindings: Vec<Binding>,
    audit: Vec<(&'static str, Vec<&'static str>)>,
    tags: &Tags,
) -> Asset {
    let parent = p.ancestors.first().cloned().unwrap_or_default();
    let (ptype, pid) = parent.split_once('/').unwrap_or(("organization", ""));
    let data = json!({
        "projectNumber": p.number,
        "projectId": p.id,
        "lifecycleState": "ACTIVE",
        "name": p.id,
        "labels": labels(tags),
        "createTime": timestamp(rng.range(900, 1500) as i64, rng.next_u64()),
        "parent": {"type": ptype.trim_end_matches('s'), "id": pid},
    });
    let mut a = asset(
        rng,
        p,
        format!(
            "//cloudresourcemanager.googleapis.com/projects/{}",
            p.number
        ),
        "cloudresourcemanager.googleapis.com/Project",
        "https://cloudresourcemanager.googleapis.com/$discovery/rest",
        "Project",
        "global",
        data,
    );
    a.parent = match p.ancestors.first() {
        Some(f) if f.starts_with("folders/") => {
            format!("//cloudresourcemanager.googleapis.com/{f}")
        }
        Some(o) => format!("//cloudresourcemanager.googleapis.com/{o}"),
        None => String::new(),
    };
    a.ancestors = p.ancestors();
    a.iam = Some(bindings);
    a.audit = audit;
    a
}

/// A `cloudkms.googleapis.com/CryptoKey` asset; `rotation_secs: None` means no rotation.
pub fn crypto_key(
    rng: &mut Rng,
    p: &Project,
    location: &str,
    ring: &str,
    name: &str,
    rotation_secs: Option<i64>,
    iam: Vec<Binding>,
    tags: &Tags,
) -> Asset {
    let full = format!(
        "projects/{}/locations/{location}/keyRings/{ring}/cryptoKeys/{name}",
        p.id
    );
    let mut data = json!({
        "name": full,
        "primary": {"name": format!("{full}/cryptoKeyVersions/1"), "state": "ENABLED", "createTime": timestamp(300, 7), "protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "generateTime": timestamp(300, 7)},
        "purpose": "ENCRYPT_DECRYPT",
        "createTime": timestamp(rng.range(100, 900) as i64, rng.next_u64()),
        "versionTemplate": {"protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"},
        "labels": labels(tags),
        "destroyScheduledDuration": "2592000s",
    });
    if let Some(secs) = rotation_secs {
        data["rotationPeriod"] = json!(format!("{secs}s"));
        data["nextRotationTime"] = json!(timestamp(-30, 9));
    }
    let mut a = asset(
        rng,
        p,
        format!("//cloudkms.googleapis.com/{full}"),
        "cloudkms.googleapis.com/CryptoKey",
        "https://cloudkms.googleapis.com/$discovery/rest",
        "CryptoKey",
        location,
        data,
    );
    if !iam.is_empty() {
        a.iam = Some(iam);
    }
    a
}

/// A `bigquery.googleapis.com/Dataset` asset; `public` adds an `allAuthenticatedUsers` reader.
pub fn dataset(
    rng: &mut Rng,
    p: &Project,
    name: &str,
    location: &str,
    kms: Option<&str>,
    public: bool,
    tags: &Tags,
) -> Asset {
    let mut access = vec![
        json!({"role": "WRITER", "specialGroup": "projectWriters"}),
        json!({"role": "OWNER", "specialGroup": "projectOwners"}),
        json!({"role": "OWNER", "userByEmail": format!("data-eng@{}.iam.gserviceaccount.com", p.id)}),
        json!({"role": "READER", "specialGroup": "projectReaders"}),
    ];
    if public {
        access.push(json!({"role": "READER", "specialGroup": "allAuthenticatedUsers"}));
    }
    let mut data = json!({
        "kind": "bigquery#dataset",
        "etag": rng.hex(22),
        "id": format!("{}:{name}", p.id),
        "selfLink": format!("https://bigquery.googleapis.com/bigquery/v2/projects/{}/datasets/{name}", p.id),
        "datasetReference": {"datasetId": name, "projectId": p.id},
        "labels": labels(tags),
        "access": access,
        "creationTime": (1_700_000_000_000u64 + rng.below(60_000_000_000)).to_string(),
        "lastModifiedTime": (1_760_000_000_000u64 + rng.below(30_000_000_000)).to_string(),
        "location": location,
        "type": "DEFAULT",
        "maxTimeTravelHours": "168",
    });
    if let Some(k) = kms {
        data["defaultEncryptionConfiguration"] = json!({"kmsKeyName": k});
    }
    let mut a = asset(
        rng,
        p,
        format!(
            "//bigquery.googleapis.com/projects/{}/datasets/{name}",
            p.id
        ),
        "bigquery.googleapis.com/Dataset",
        "https://bigquery.googleapis.com/discovery/v1/apis/bigquery/v2/rest",
        "Dataset",
        &location.to_ascii_lowercase(),
        data,
    );
    let mut iam: Vec<Binding> = vec![
        (
            "roles/bigquery.dataOwner",
            vec![format!("projectOwner:{}", p.id)],
        ),
        (
            "roles/bigquery.dataViewer",
            vec![format!("projectViewer:{}", p.id)],
        ),
    ];
    if public {
        iam.push((
            "roles/bigquery.dataViewer",
            vec!["allAuthenticatedUsers".into()],
        ));
    }
    a.iam = Some(iam);
    a
}

/// An asset of a type Posture does not model.
pub fn unmodeled(
    rng: &mut Rng,
    p: &Project,
    asset_type: &'static str,
    name: &str,
    tags: &Tags,
) -> Asset {
    let (full, disc, dname, loc, data) = match asset_type {
        "pubsub.googleapis.com/Topic" => (
            format!("//pubsub.googleapis.com/projects/{}/topics/{name}", p.id),
            "https://pubsub.googleapis.com/$discovery/rest",
            "Topic",
            "global".to_owned(),
            json!({"name": format!("projects/{}/topics/{name}", p.id), "labels": labels(tags), "messageRetentionDuration": "604800s"}),
        ),
        "iam.googleapis.com/ServiceAccount" => (
            format!(
                "//iam.googleapis.com/projects/{}/serviceAccounts/{}",
                p.id,
                rng.digits(21)
            ),
            "https://iam.googleapis.com/$discovery/rest",
            "ServiceAccount",
            "global".to_owned(),
            json!({"name": format!("projects/{}/serviceAccounts/{name}@{}.iam.gserviceaccount.com", p.id, p.id), "projectId": p.id, "uniqueId": rng.digits(21), "email": format!("{name}@{}.iam.gserviceaccount.com", p.id), "displayName": name, "oauth2ClientId": rng.digits(21)}),
        ),
        "compute.googleapis.com/Subnetwork" => (
            format!(
                "//compute.googleapis.com/projects/{}/regions/us-central1/subnetworks/{name}",
                p.id
            ),
            COMPUTE,
            "Subnetwork",
            "us-central1".to_owned(),
            json!({"id": rng.digits(19), "name": name, "network": compute_url(p, "global/networks/larkspur-vpc"), "ipCidrRange": format!("10.{}.0.0/20", rng.range(10, 200)), "region": compute_url(p, "regions/us-central1"), "privateIpGoogleAccess": true, "logConfig": {"enable": rng.chance(0.5)}, "purpose": "PRIVATE", "stackType": "IPV4_ONLY"}),
        ),
        _ => (
            format!(
                "//container.googleapis.com/projects/{}/locations/us-central1/clusters/{name}",
                p.id
            ),
            "https://container.googleapis.com/$discovery/rest",
            "Cluster",
            "us-central1".to_owned(),
            json!({"name": name, "location": "us-central1", "currentMasterVersion": "1.33.4-gke.1000", "status": "RUNNING", "resourceLabels": labels(tags), "privateClusterConfig": {"enablePrivateNodes": true}, "releaseChannel": {"channel": "REGULAR"}, "workloadIdentityConfig": {"workloadPool": format!("{}.svc.id.goog", p.id)}}),
        ),
    };
    asset(rng, p, full, asset_type, disc, dname, &loc, data)
}

/// Write the export lines of `a` (snake_case, as `gcloud asset export` writes): the resource line,
/// and the IAM policy line when requested and present.
///
/// # Errors
/// I/O errors.
pub fn write_export_line<W: Write>(w: &mut W, a: &Asset, iam: bool) -> io::Result<()> {
    if iam {
        let Some(bindings) = &a.iam else {
            return Ok(());
        };
        let mut policy = json!({
            "version": 1,
            "bindings": bindings.iter().map(|(r, m)| json!({"role": r, "members": m})).collect::<Vec<_>>(),
            "etag": "BwY=",
        });
        if !a.audit.is_empty() {
            policy["audit_configs"] = Value::Array(a.audit.iter().map(|(svc, types)| json!({"service": svc, "audit_log_configs": types.iter().map(|t| json!({"log_type": t})).collect::<Vec<_>>()})).collect());
        }
        let line = json!({"name": a.name, "asset_type": a.asset_type, "iam_policy": policy, "ancestors": a.ancestors, "update_time": a.update_time});
        serde_json::to_writer(&mut *w, &line)?;
    } else {
        let line = json!({
            "name": a.name,
            "asset_type": a.asset_type,
            "resource": {"version": "v1", "discovery_document_uri": a.discovery_uri, "discovery_name": a.discovery_name, "parent": a.parent, "data": a.data, "location": a.location},
            "ancestors": a.ancestors,
            "update_time": a.update_time,
        });
        serde_json::to_writer(&mut *w, &line)?;
    }
    w.write_all(b"\n")
}

/// The camelCase entries of `a` (as `gcloud asset list --format=json` prints them): one for the
/// resource and one for the IAM policy when present.
#[must_use]
pub fn camel_entries(a: &Asset) -> Vec<Value> {
    let mut out = vec![json!({
        "name": a.name,
        "assetType": a.asset_type,
        "resource": {"version": "v1", "discoveryDocumentUri": a.discovery_uri, "discoveryName": a.discovery_name, "parent": a.parent, "data": a.data, "location": a.location},
        "ancestors": a.ancestors,
        "updateTime": a.update_time,
    })];
    if let Some(bindings) = &a.iam {
        let mut policy = json!({
            "version": 1,
            "bindings": bindings.iter().map(|(r, m)| json!({"role": r, "members": m})).collect::<Vec<_>>(),
            "etag": "BwY=",
        });
        if !a.audit.is_empty() {
            policy["auditConfigs"] = Value::Array(a.audit.iter().map(|(svc, types)| json!({"service": svc, "auditLogConfigs": types.iter().map(|t| json!({"logType": t})).collect::<Vec<_>>()})).collect());
        }
        out.push(json!({"name": a.name, "assetType": a.asset_type, "iamPolicy": policy, "ancestors": a.ancestors, "updateTime": a.update_time}));
    }
    out
}

/// A `compute.googleapis.com/Route` asset: `dest_range` → the project's default internet
/// gateway (routes carry no labels).
pub fn route(
    rng: &mut Rng,
    p: &Project,
    name: &str,
    network: &str,
    dest_range: &str,
    priority: i64,
    description: &str,
) -> Asset {
    let data = json!({
        "id": rng.digits(19),
        "creationTimestamp": timestamp(rng.range(300, 1500) as i64, rng.next_u64()),
        "name": name,
        "description": description,
        "network": compute_url(p, &format!("global/networks/{network}")),
        "destRange": dest_range,
        "priority": priority,
        "nextHopGateway": compute_url(p, "global/gateways/default-internet-gateway"),
        "selfLink": compute_url(p, &format!("global/routes/{name}")),
        "kind": "compute#route",
    });
    asset(
        rng,
        p,
        format!(
            "//compute.googleapis.com/projects/{}/global/routes/{name}",
            p.id
        ),
        "compute.googleapis.com/Route",
        COMPUTE,
        "Route",
        "global",
        data,
    )
}

/// A `compute.googleapis.com/Subnetwork` asset of `network` in `region`.
pub fn subnetwork(
    rng: &mut Rng,
    p: &Project,
    name: &str,
    region: &str,
    network: &str,
    cidr: &str,
    flow_logs: bool,
) -> Asset {
    let gateway = cidr
        .split('/')
        .next()
        .unwrap_or(cidr)
        .rsplit_once('.')
        .map_or_else(|| cidr.to_owned(), |(net, _)| format!("{net}.1"));
    let mut data = json!({
        "id": rng.digits(19),
        "creationTimestamp": timestamp(rng.range(300, 1500) as i64, rng.next_u64()),
        "name": name,
        "network": compute_url(p, &format!("global/networks/{network}")),
        "ipCidrRange": cidr,
        "gatewayAddress": gateway,
        "region": compute_url(p, &format!("regions/{region}")),
        "selfLink": compute_url(p, &format!("regions/{region}/subnetworks/{name}")),
        "privateIpGoogleAccess": network != "default",
        "fingerprint": rng.hex(11),
        "purpose": "PRIVATE",
        "stackType": "IPV4_ONLY",
        "kind": "compute#subnetwork",
    });
    // The Compute API omits `logConfig` when flow logs were never configured.
    if flow_logs {
        data["logConfig"] = json!({"enable": true, "aggregationInterval": "INTERVAL_5_SEC", "flowSampling": 0.5, "metadata": "INCLUDE_ALL_METADATA"});
    }
    asset(
        rng,
        p,
        format!(
            "//compute.googleapis.com/projects/{}/regions/{region}/subnetworks/{name}",
            p.id
        ),
        "compute.googleapis.com/Subnetwork",
        COMPUTE,
        "Subnetwork",
        region,
        data,
    )
}

/// The self link of a network (for fixing up assets written with another network).
#[must_use]
pub fn network_url(p: &Project, network: &str) -> String {
    compute_url(p, &format!("global/networks/{network}"))
}
