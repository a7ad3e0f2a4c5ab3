//! Versioned migrations: numbered SQL files per engine, applied in order inside a transaction
//! each, recorded in `schema_version` with a checksum so an edited migration is detected.

use sha2::{Digest, Sha256};

use crate::StoreError;
use crate::db::{Engine, Pool, args};

struct Migration {
    version: i64,
    description: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
    /// Control-plane tables (tenants, tokens, targets, jobs): only in the base database, not in
    /// the per-tenant data stores.
    control: bool,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "initial: scans, findings, events, coverage, rollups, audit log",
        sqlite: include_str!("../migrations/sqlite/0001_initial.sql"),
        postgres: include_str!("../migrations/postgres/0001_initial.sql"),
        control: false,
    },
    Migration {
        version: 2,
        description: "exceptions, baseline, audit links",
        sqlite: include_str!("../migrations/sqlite/0002_exceptions_baseline.sql"),
        postgres: include_str!("../migrations/postgres/0002_exceptions_baseline.sql"),
        control: false,
    },
    Migration {
        version: 3,
        description: "risk score and factors per finding",
        sqlite: include_str!("../migrations/sqlite/0003_risk.sql"),
        postgres: include_str!("../migrations/postgres/0003_risk.sql"),
        control: false,
    },
    Migration {
        version: 4,
        description: "service control plane: tenants, API tokens, targets, scan jobs",
        sqlite: include_str!("../migrations/sqlite/0004_service.sql"),
        postgres: include_str!("../migrations/postgres/0004_service.sql"),
        control: true,
    },
    Migration {
        version: 5,
        description: "per-scan snapshots (compliance posture, inventory) from the service pipeline",
        sqlite: include_str!("../migrations/sqlite/0005_snapshots.sql"),
        postgres: include_str!("../migrations/postgres/0005_snapshots.sql"),
        control: false,
    },
    Migration {
        version: 6,
        description: "index in the default findings order (risk)",
        sqlite: include_str!("../migrations/sqlite/0006_finding_order.sql"),
        postgres: include_str!("../migrations/postgres/0006_finding_order.sql"),
        control: false,
    },
    Migration {
        version: 7,
        description: "remediation: fix approvals and fix runs",
        sqlite: include_str!("../migrations/sqlite/0007_remediation.sql"),
        postgres: include_str!("../migrations/postgres/0007_remediation.sql"),
        control: false,
    },
];

pub(crate) fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

fn checksum(sql: &str) -> String {
    let d = Sha256::digest(sql.as_bytes());
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Apply pending migrations (up to `target`, default all). A tenant's data store (`tenant_data`)
/// skips the control-plane migrations.
pub(crate) async fn migrate(
    pool: &Pool,
    target: Option<i64>,
    tenant_data: bool,
) -> Result<(), StoreError> {
    let target = target.unwrap_or_else(latest);
    // The writer lock serializes concurrent first opens too.
    let mut tx = pool.write().await?;
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
         applied_at BIGINT NOT NULL, checksum TEXT NOT NULL)",
        vec![],
    )
    .await?;
    let applied = tx
        .rows(
            "SELECT version, checksum FROM schema_version ORDER BY version",
            vec![],
        )
        .await?;
    let engine = tx.engine();
    for row in &applied {
        let v = row.i64(0);
        match MIGRATIONS.iter().find(|m| m.version == v) {
            None => {
                return Err(StoreError::Schema(format!(
                    "the database has schema version {v}, newer than this Posture understands (up to {}); upgrade Posture",
                    latest()
                )));
            }
            Some(m) => {
                let sql = sql_for(m, engine);
                if row.str(1) != checksum(sql) {
                    return Err(StoreError::Schema(format!(
                        "migration {v} ({}) differs from the one applied to this database",
                        m.description
                    )));
                }
            }
        }
    }
    let done: Vec<i64> = applied.iter().map(|r| r.i64(0)).collect();
    for m in MIGRATIONS
        .iter()
        .filter(|m| !done.contains(&m.version) && m.version <= target)
        .filter(|m| !(tenant_data && m.control))
    {
        let sql = sql_for(m, engine);
        tx.script(sql).await.map_err(|e| {
            StoreError::Schema(format!("migration {} ({}): {e}", m.version, m.description))
        })?;
        tx.exec(
            "INSERT INTO schema_version (version, description, applied_at, checksum) VALUES ($1, $2, $3, $4)",
            args![m.version, m.description, crate::now(), checksum(sql)],
        )
        .await?;
    }
    tx.commit().await
}

fn sql_for(m: &Migration, engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => m.sqlite,
        Engine::Postgres => m.postgres,
    }
}
