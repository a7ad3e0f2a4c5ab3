//! The inventory: every resource of a scan, with coverage and per-source reports.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::coverage::CoverageEntry;
use crate::kinds::Kind;
use crate::resource::Resource;

/// Value of the `format` field of a Posture inventory document.
pub const INVENTORY_FORMAT: &str = "posture-inventory";
/// Current version of the inventory document format.
pub const INVENTORY_VERSION: u32 = 1;

/// What one input produced (or why it failed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceReport {
    /// The file path (or `live:<provider>`).
    pub path: String,
    /// The detected format id (`aws-config-snapshot`, `azure-resource-graph`, …).
    pub format: String,
    /// Resources read.
    pub resources: u64,
    /// Bytes of (decompressed) input read.
    pub bytes: u64,
    /// Resources of types Posture does not model yet (kept as `unmodeled`), by native type.
    pub unmodeled: BTreeMap<String, u64>,
    /// Items skipped, with the reason (deleted resources, not-recorded items).
    pub skipped: BTreeMap<String, u64>,
    /// Non-fatal problems (an item that could not be mapped; it is kept as a gap).
    pub warnings: Vec<String>,
    /// Set when the whole input failed; nothing from it was kept.
    pub error: Option<String>,
}

/// All resources of a scan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Inventory {
    /// Always `posture-inventory`.
    pub format: String,
    /// Format version (currently 1).
    pub version: u32,
    /// The resources.
    pub resources: Vec<Resource>,
    /// Coverage entries.
    pub coverage: Vec<CoverageEntry>,
    /// One report per input.
    pub sources: Vec<SourceReport>,
}

impl Inventory {
    /// An empty inventory with the header fields set.
    #[must_use]
    pub fn new() -> Inventory {
        Inventory {
            format: INVENTORY_FORMAT.to_owned(),
            version: INVENTORY_VERSION,
            ..Inventory::default()
        }
    }

    /// Append another inventory (resources, coverage and source reports).
    pub fn merge(&mut self, other: Inventory) {
        self.resources.extend(other.resources);
        self.coverage.extend(other.coverage);
        self.sources.extend(other.sources);
    }

    /// Count of resources per kind id.
    #[must_use]
    pub fn counts_by_kind(&self) -> BTreeMap<&'static str, u64> {
        let mut m = BTreeMap::new();
        for r in &self.resources {
            *m.entry(r.kind().as_str()).or_insert(0) += 1;
        }
        m
    }

    /// Sort resources by uid and merge resources that share a uid (the same bucket in two
    /// exports, an IAM user in a Config snapshot and in a credential report), so results do not
    /// depend on file order or thread scheduling. Returns how many duplicates were merged.
    pub fn normalize(&mut self) -> usize {
        let before = self.resources.len();
        // Sort by uid, then by source, so merging is independent of import order. In place and
        // unstable: no second copy of a million resources.
        self.resources
            .sort_unstable_by(|a, b| a.uid.cmp(&b.uid).then_with(|| a.source.cmp(&b.source)));
        // `dedup_by` hands (later, earlier-kept): fold the later observation into the kept one.
        self.resources.dedup_by(|later, kept| {
            if later.uid != kept.uid {
                return false;
            }
            let taken = std::mem::replace(later, Resource::placeholder());
            kept.merge_from(taken);
            true
        });
        before - self.resources.len()
    }
}

/// Lookups over an inventory, built once per scan and shared by every rule.
///
/// Cross-resource rules (a trail's bucket, a security group's instances) use it instead of
/// scanning the whole inventory.
pub struct InventoryIndex<'a> {
    resources: &'a [Resource],
    by_uid: HashMap<&'a str, u32>,
    by_kind: Vec<Vec<u32>>,
    by_kind_account: HashMap<(Kind, &'a str), Vec<u32>>,
}

impl<'a> InventoryIndex<'a> {
    /// Index `resources`.
    #[must_use]
    pub fn new(resources: &'a [Resource]) -> InventoryIndex<'a> {
        let mut by_uid = HashMap::with_capacity(resources.len());
        let mut by_kind = vec![Vec::new(); Kind::COUNT];
        let mut by_kind_account: HashMap<(Kind, &str), Vec<u32>> = HashMap::new();
        for (i, r) in resources.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            by_uid.insert(r.uid.as_str(), i);
            if let Some(v) = by_kind.get_mut(r.kind().index()) {
                v.push(i);
            }
            by_kind_account
                .entry((r.kind(), r.account.as_str()))
                .or_default()
                .push(i);
        }
        InventoryIndex {
            resources,
            by_uid,
            by_kind,
            by_kind_account,
        }
    }

    /// The indexed resources.
    #[must_use]
    pub fn resources(&self) -> &'a [Resource] {
        self.resources
    }

    /// The resource with this uid.
    #[must_use]
    pub fn get(&self, uid: &str) -> Option<&'a Resource> {
        self.by_uid
            .get(uid)
            .and_then(|&i| self.resources.get(i as usize))
    }

    /// All resources of `kind`.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &'a Resource> + '_ {
        self.by_kind
            .get(kind.index())
            .into_iter()
            .flatten()
            .filter_map(|&i| self.resources.get(i as usize))
    }

    /// All resources of `kind` in the given account (and region, unless `region` is `None`).
    /// Proportional to the number of such resources, not to the inventory.
    pub fn of_kind_in<'s>(
        &'s self,
        kind: Kind,
        account: &'s str,
        region: Option<&'s str>,
    ) -> impl Iterator<Item = &'a Resource> + 's {
        self.by_kind_account
            .get(&(kind, account))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.resources.get(i as usize))
            .filter(move |r| region.is_none_or(|g| r.region == g))
    }
}
