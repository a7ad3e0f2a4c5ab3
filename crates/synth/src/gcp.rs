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

/// The governance side of a project: Compute project metadata, enabled APIs, service account
/// keys, log sinks (and the bucket they write to), log-based metrics with alert policies, Cloud
/// DNS zones and policies, API keys, a backend service, a BigQuery table and a Dataproc cluster.
/// `hardened` picks what a careful team configures; otherwise the failures are planted. Returns
/// the assets and the planted issues (resource name, issue).
#[allow(clippy::too_many_lines)]
pub fn governance(
    rng: &mut Rng,
    p: &Project,
    hardened: bool,
    tags: &Tags,
) -> (Vec<Asset>, Vec<(String, &'static str)>) {
    let h = hardened;
    let id = p.id.clone();
    let mut v = Vec::new();
    let mut planted: Vec<(String, &'static str)> = Vec::new();
    let mut plant = |name: &str, issue: &'static str| {
        if !h {
            planted.push((name.to_owned(), issue));
        }
    };

    let mut md = vec![
        json!({"key": "ssh-keys", "value": "ops:ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly ops@larkspur.example"}),
    ];
    if h {
        md = vec![
            json!({"key": "enable-oslogin", "value": "TRUE"}),
            json!({"key": "enable-oslogin-2fa", "value": "TRUE"}),
        ];
    }
    v.push(asset(rng, p, format!("//compute.googleapis.com/projects/{id}"), "compute.googleapis.com/Project", COMPUTE, "Project", "global",
        json!({"name": id, "id": p.number, "commonInstanceMetadata": {"items": md, "kind": "compute#metadata"}, "defaultServiceAccount": format!("{}-compute@developer.gserviceaccount.com", p.number), "xpnProjectStatus": "UNSPECIFIED_XPN_PROJECT_STATUS"})));
    plant(
        &format!("{id} (compute project)"),
        "OS Login not enabled project-wide",
    );

    let services: &[&str] = if h {
        &[
            "compute.googleapis.com",
            "cloudasset.googleapis.com",
            "logging.googleapis.com",
            "sqladmin.googleapis.com",
        ]
    } else {
        &["compute.googleapis.com", "logging.googleapis.com"]
    };
    for s in services {
        v.push(asset(rng, p, format!("//serviceusage.googleapis.com/projects/{}/services/{s}", p.number), "serviceusage.googleapis.com/Service", "https://serviceusage.googleapis.com/$discovery/rest", "Service", "global",
            json!({"name": format!("projects/{}/services/{s}", p.number), "parent": format!("projects/{}", p.number), "state": "ENABLED", "config": {"name": s, "title": s}})));
    }
    plant(
        &format!("{id} (enabled APIs)"),
        "Cloud Asset Inventory API not enabled",
    );

    let sa = format!("etl-runner@{id}.iam.gserviceaccount.com");
    let key_id = rng.hex(40);
    v.push(asset(rng, p, format!("//iam.googleapis.com/projects/{id}/serviceAccounts/{sa}/keys/{key_id}"), "iam.googleapis.com/ServiceAccountKey", "https://iam.googleapis.com/$discovery/rest", "ServiceAccountKey", "global",
        if h {
            json!({"name": format!("projects/{id}/serviceAccounts/{sa}/keys/{key_id}"), "keyType": "SYSTEM_MANAGED", "keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED", "validAfterTime": "2026-11-01T00:00:00Z", "validBeforeTime": "2026-11-17T00:00:00Z"})
        } else {
            json!({"name": format!("projects/{id}/serviceAccounts/{sa}/keys/{key_id}"), "keyType": "USER_MANAGED", "keyAlgorithm": "KEY_ALG_RSA_2048", "keyOrigin": "GOOGLE_PROVIDED", "validAfterTime": "2025-03-14T08:00:00Z", "validBeforeTime": "9999-12-31T23:59:59Z"})
        }));
    plant(&sa, "user-managed key, 20 months old");

    let log_bucket = format!("{id}-audit-logs");
    v.push(asset(rng, p, format!("//logging.googleapis.com/projects/{id}/sinks/all-logs"), "logging.googleapis.com/LogSink", "https://logging.googleapis.com/$discovery/rest", "LogSink", "global",
        json!({"name": "all-logs", "destination": format!("storage.googleapis.com/{log_bucket}"), "filter": if h { "" } else { "severity>=ERROR" }, "writerIdentity": format!("serviceAccount:service-{}@gcp-sa-logging.iam.gserviceaccount.com", p.number), "createTime": "2025-01-20T10:00:00Z"})));
    plant("all-logs", "the only sink exports errors, not all logs");
    let mut bucket = asset(
        rng,
        p,
        format!("//storage.googleapis.com/{log_bucket}"),
        "storage.googleapis.com/Bucket",
        "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest",
        "Bucket",
        "us",
        json!({"name": log_bucket, "id": log_bucket, "projectNumber": p.number, "location": "US", "storageClass": "STANDARD", "labels": labels(tags), "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": true}, "publicAccessPrevention": "enforced"}, "retentionPolicy": if h { json!({"retentionPeriod": "31536000", "isLocked": true, "effectiveTime": "2025-01-20T10:00:00Z"}) } else { json!({"retentionPeriod": "2592000", "effectiveTime": "2025-01-20T10:00:00Z"}) }, "versioning": {"enabled": true}}),
    );
    bucket.iam = Some(vec![(
        "roles/storage.objectCreator",
        vec![format!(
            "serviceAccount:service-{}@gcp-sa-logging.iam.gserviceaccount.com",
            p.number
        )],
    )]);
    v.push(bucket);
    plant(&log_bucket, "log bucket retention policy not locked");

    let metrics: &[(&str, &str)] = if h {
        &[
            (
                "ownership-change",
                r#"(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")"#,
            ),
            (
                "audit-config-change",
                r#"protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*"#,
            ),
            (
                "custom-role-change",
                r#"resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")"#,
            ),
            (
                "firewall-change",
                r#"resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")"#,
            ),
            (
                "route-change",
                r#"resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")"#,
            ),
            (
                "network-change",
                r#"resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")"#,
            ),
            (
                "storage-iam-change",
                r#"resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions""#,
            ),
            (
                "sql-config-change",
                r#"protoPayload.methodName="cloudsql.instances.update""#,
            ),
        ]
    } else {
        &[(
            "app-errors",
            r#"resource.type="k8s_container" AND severity>=ERROR"#,
        )]
    };
    for (name, filter) in metrics {
        v.push(asset(rng, p, format!("//logging.googleapis.com/projects/{id}/metrics/{name}"), "logging.googleapis.com/LogMetric", "https://logging.googleapis.com/$discovery/rest", "LogMetric", "global",
            json!({"name": name, "filter": filter, "metricDescriptor": {"metricKind": "DELTA", "valueType": "INT64", "type": format!("logging.googleapis.com/user/{name}")}, "createTime": "2025-02-01T09:00:00Z"})));
        let n = rng.digits(19);
        let channel = rng.digits(19);
        v.push(asset(rng, p, format!("//monitoring.googleapis.com/projects/{id}/alertPolicies/{n}"), "monitoring.googleapis.com/AlertPolicy", "https://monitoring.googleapis.com/$discovery/rest", "AlertPolicy", "global",
            json!({"name": format!("projects/{id}/alertPolicies/{n}"), "displayName": format!("{name} alert"), "combiner": "OR", "enabled": true, "conditions": [{"displayName": name, "conditionThreshold": {"filter": format!("metric.type=\"logging.googleapis.com/user/{name}\" AND resource.type=\"global\""), "comparison": "COMPARISON_GT", "thresholdValue": 0, "duration": "0s"}}], "notificationChannels": [format!("projects/{id}/notificationChannels/{channel}")]})));
    }
    plant(
        &format!("{id} (log metrics)"),
        "no metric or alert for ownership, audit, role, firewall, route, network, bucket IAM or SQL changes",
    );

    let zone = if h {
        "larkspur-example"
    } else {
        "dev-larkspur-example"
    };
    v.push(asset(rng, p, format!("//dns.googleapis.com/projects/{id}/managedZones/{zone}"), "dns.googleapis.com/ManagedZone", "https://dns.googleapis.com/$discovery/rest", "ManagedZone", "global",
        json!({"name": zone, "dnsName": format!("{}.larkspur.example.", if h { "www" } else { "dev" }), "visibility": "public", "labels": labels(tags), "dnssecConfig": if h { json!({"state": "on", "nonExistence": "nsec3", "defaultKeySpecs": [{"keyType": "keySigning", "algorithm": "rsasha256", "keyLength": 2048}, {"keyType": "zoneSigning", "algorithm": "rsasha256", "keyLength": 1024}]}) } else { json!({"state": "on", "nonExistence": "nsec", "defaultKeySpecs": [{"keyType": "keySigning", "algorithm": "rsasha1", "keyLength": 2048}, {"keyType": "zoneSigning", "algorithm": "rsasha1", "keyLength": 1024}]}) }})));
    plant(zone, "DNSSEC signs with RSASHA1");
    let legacy_zone = format!("{id}-legacy-zone");
    v.push(asset(rng, p, format!("//dns.googleapis.com/projects/{id}/managedZones/{legacy_zone}"), "dns.googleapis.com/ManagedZone", "https://dns.googleapis.com/$discovery/rest", "ManagedZone", "global",
        json!({"name": legacy_zone, "dnsName": "legacy.larkspur.example.", "visibility": "public", "labels": labels(tags), "dnssecConfig": if h { json!({"state": "on", "defaultKeySpecs": [{"keyType": "keySigning", "algorithm": "ecdsap256sha256"}, {"keyType": "zoneSigning", "algorithm": "ecdsap256sha256"}]}) } else { json!({"state": "off"}) }})));
    plant(&legacy_zone, "DNSSEC off");
    v.push(asset(rng, p, format!("//dns.googleapis.com/projects/{id}/policies/dns-logging"), "dns.googleapis.com/Policy", "https://dns.googleapis.com/$discovery/rest", "Policy", "global",
        json!({"name": "dns-logging", "enableLogging": h, "enableInboundForwarding": false, "networks": [{"networkUrl": compute_url(p, "global/networks/larkspur-vpc")}]})));
    plant("larkspur-vpc", "DNS policy does not log queries");

    let key = rng.uuid();
    v.push(asset(rng, p, format!("//apikeys.googleapis.com/projects/{}/locations/global/keys/{key}", p.number), "apikeys.googleapis.com/Key", "https://apikeys.googleapis.com/$discovery/rest", "Key", "global",
        if h {
            json!({"name": format!("projects/{}/locations/global/keys/{key}", p.number), "displayName": "maps-web", "createTime": "2026-10-02T12:00:00Z", "restrictions": {"browserKeyRestrictions": {"allowedReferrers": ["https://portal.larkspur.example/*"]}, "apiTargets": [{"service": "maps-backend.googleapis.com"}]}})
        } else {
            json!({"name": format!("projects/{}/locations/global/keys/{key}", p.number), "displayName": "dev-any", "createTime": "2024-06-02T12:00:00Z"})
        }));
    plant(
        &key,
        "API key without API or application restrictions, 2.5 years old",
    );

    let backend_id = rng.digits(19);
    v.push(asset(rng, p, format!("//compute.googleapis.com/projects/{id}/global/backendServices/portal-web"), "compute.googleapis.com/BackendService", COMPUTE, "BackendService", "global",
        json!({"name": "portal-web", "id": backend_id, "loadBalancingScheme": "EXTERNAL_MANAGED", "protocol": "HTTPS", "port": 443, "portName": "https", "timeoutSec": 30, "logConfig": {"enable": h, "sampleRate": 1.0}})));
    plant("portal-web", "external HTTPS backend does not log requests");

    let cmek = format!("projects/{id}/locations/us/keyRings/larkspur/cryptoKeys/analytics");
    v.push(asset(rng, p, format!("//bigquery.googleapis.com/projects/{id}/datasets/claims_mart/tables/claims_daily"), "bigquery.googleapis.com/Table", "https://bigquery.googleapis.com/$discovery/rest", "Table", "us",
        json!({"tableReference": {"projectId": id, "datasetId": "claims_mart", "tableId": "claims_daily"}, "type": "TABLE", "labels": labels(tags), "numRows": "1284310", "encryptionConfiguration": if h { json!({"kmsKeyName": cmek}) } else { Value::Null }})));
    plant("claims_daily", "BigQuery table without CMEK");
    v.push(asset(rng, p, format!("//dataproc.googleapis.com/projects/{id}/regions/us-central1/clusters/etl-{}", if h { "prod" } else { "dev" }), "dataproc.googleapis.com/Cluster", "https://dataproc.googleapis.com/$discovery/rest", "Cluster", "us-central1",
        json!({"clusterName": format!("etl-{}", if h { "prod" } else { "dev" }), "projectId": id, "labels": labels(tags), "config": {"gceClusterConfig": {"internalIpOnly": true}, "encryptionConfig": if h { json!({"gcePdKmsKeyName": cmek.replace("/us/", "/us-central1/")}) } else { Value::Null }}, "status": {"state": "RUNNING"}})));
    plant(
        &format!("etl-{}", if h { "prod" } else { "dev" }),
        "Dataproc cluster without CMEK",
    );

    // The organization and its Essential Contacts (exported once, with the prod project).
    if h && let Some(org) = p.ancestors.iter().find(|a| a.starts_with("organizations/")) {
        let mut o = asset(
            rng,
            p,
            format!("//cloudresourcemanager.googleapis.com/{org}"),
            "cloudresourcemanager.googleapis.com/Organization",
            "https://cloudresourcemanager.googleapis.com/$discovery/rest",
            "Organization",
            "global",
            json!({"name": org, "displayName": "larkspur-health.example", "lifecycleState": "ACTIVE", "owner": {"directoryCustomerId": "C03x7ex9m"}, "creationTime": "2019-04-02T17:20:00Z"}),
        );
        o.parent = String::new();
        o.ancestors = vec![org.clone()];
        v.push(o);
        for (n, email, cats) in [
            (
                "1",
                "secops@larkspur-health.example",
                json!(["SECURITY", "TECHNICAL_INCIDENTS", "SUSPENSION"]),
            ),
            (
                "2",
                "cloud-platform@larkspur-health.example",
                json!(["TECHNICAL", "PRODUCT_UPDATES"]),
            ),
            ("3", "legal@larkspur-health.example", json!(["LEGAL"])),
        ] {
            let mut c = asset(
                rng,
                p,
                format!("//essentialcontacts.googleapis.com/{org}/contacts/{n}"),
                "essentialcontacts.googleapis.com/Contact",
                "https://essentialcontacts.googleapis.com/$discovery/rest",
                "Contact",
                "global",
                json!({"name": format!("{org}/contacts/{n}"), "email": email, "notificationCategorySubscriptions": cats, "languageTag": "en", "validationState": "VALID"}),
            );
            c.parent = format!("//cloudresourcemanager.googleapis.com/{org}");
            c.ancestors = vec![org.clone()];
            v.push(c);
        }
    }

    // A SQL Server and a MySQL instance, private, with the hardening flags set (or not).
    let env = if h { "prod" } else { "dev" };
    for (name, version, flags) in [
        (
            format!("lkh-{env}-reporting-mssql"),
            "SQLSERVER_2022_STANDARD",
            if h {
                json!([{"name": "3625", "value": "on"}, {"name": "remote access", "value": "off"}, {"name": "cross db ownership chaining", "value": "off"}, {"name": "contained database authentication", "value": "off"}])
            } else {
                json!([{"name": "external scripts enabled", "value": "on"}, {"name": "user connections", "value": "100"}, {"name": "user options", "value": "64"}, {"name": "cross db ownership chaining", "value": "on"}, {"name": "contained database authentication", "value": "on"}])
            },
        ),
        (
            format!("lkh-{env}-legacy-mysql"),
            if h { "MYSQL_8_0" } else { "MYSQL_5_7" },
            if h {
                json!([{"name": "skip_show_database", "value": "on"}, {"name": "local_infile", "value": "off"}, {"name": "cloudsql_iam_authentication", "value": "on"}])
            } else {
                json!([])
            },
        ),
    ] {
        v.push(asset(rng, p, format!("//cloudsql.googleapis.com/projects/{id}/instances/{name}"), "sqladmin.googleapis.com/Instance", "https://sqladmin.googleapis.com/$discovery/rest", "DatabaseInstance", "us-central1",
            json!({"kind": "sql#instance", "state": "RUNNABLE", "databaseVersion": version, "name": name, "project": id, "region": "us-central1",
                "settings": {"tier": "db-custom-2-8192", "userLabels": labels(tags), "databaseFlags": flags, "deletionProtectionEnabled": true,
                    "ipConfiguration": {"ipv4Enabled": false, "privateNetwork": format!("projects/{id}/global/networks/larkspur-vpc"), "sslMode": "ENCRYPTED_ONLY", "requireSsl": true, "authorizedNetworks": []},
                    "backupConfiguration": {"enabled": true, "startTime": "03:00", "pointInTimeRecoveryEnabled": true}}})));
        plant(
            &name,
            "SQL Server / MySQL hardening flags not set (external scripts, ownership chaining, contained auth, remote access, trace flag 3625, skip_show_database, local_infile)",
        );
    }
    (v, planted)
}
