//! The thin engine layer: one connection pool per engine, transactions, and a tiny dynamic value
//! type so every query above this module is written once, as portable SQL with `$1`-style
//! parameters (SQLite accepts `$N` too), and runs on both engines.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Column as _, Postgres, Row as _, Sqlite, Transaction, TypeInfo as _};
use sqlx::{PgPool, SqlitePool, ValueRef as _};

use crate::StoreError;

/// Which engine a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Engine {
    /// Lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    /// The pool and the key of its writer lock (one per tenant schema).
    Postgres(PgPool, i64),
}

/// A bound parameter or a decoded column value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        Val::Int(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(Some(v.to_owned()))
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(Some(v))
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Val {
        Val::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Val {
        Val::Text(v)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Val {
        Val::Text(v.map(str::to_owned))
    }
}

/// Build a parameter list: `args![a, b, c]`.
macro_rules! args {
    () => { Vec::<$crate::db::Val>::new() };
    ($($v:expr),+ $(,)?) => { vec![$($crate::db::Val::from($v)),+] };
}
pub(crate) use args;

/// One decoded row.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row(pub Vec<Val>);

impl Row {
    pub fn i64(&self, i: usize) -> i64 {
        self.opt_i64(i).unwrap_or(0)
    }
    pub fn opt_i64(&self, i: usize) -> Option<i64> {
        match self.0.get(i) {
            Some(Val::Int(v)) => *v,
            #[allow(clippy::cast_possible_truncation)]
            Some(Val::Real(v)) => v.map(|f| f as i64),
            Some(Val::Text(Some(s))) => s.parse().ok(),
            _ => None,
        }
    }
    pub fn str(&self, i: usize) -> String {
        self.opt_str(i).unwrap_or_default()
    }
    pub fn opt_str(&self, i: usize) -> Option<String> {
        match self.0.get(i) {
            Some(Val::Text(v)) => v.clone(),
            Some(Val::Int(Some(n))) => Some(n.to_string()),
            _ => None,
        }
    }
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(db_err)`
fn db_err(e: sqlx::Error) -> StoreError {
    StoreError::Db(e.to_string())
}

/// Whether `url` names a PostgreSQL server.
pub(crate) fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Open a pool for `url` (a `postgres://` / `postgresql://` URL, a `sqlite:` URL or a file path).
/// With `tenant`, the pool reaches that tenant's data: on PostgreSQL the schema
/// `posture_tenant_<id>` (created if needed), on SQLite the file `<base>.tenants/tenant-<id>.db`.
pub(crate) async fn connect(url: &str, tenant: Option<i64>) -> Result<Pool, StoreError> {
    if is_postgres(url) {
        let mut opts = PgConnectOptions::from_str(url).map_err(|e| {
            StoreError::Config(format!(
                "invalid PostgreSQL URL {}: {e}",
                crate::redact_url(url)
            ))
        })?;
        let mut lock = WRITER_LOCK;
        if let Some(id) = tenant {
            // The schema name is built from the numeric id only: nothing user-supplied reaches
            // the identifier.
            let schema = format!("posture_tenant_{id}");
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect_with(&opts)
                .await
                .map_err(|e| {
                    StoreError::Db(format!("cannot connect to {}: {e}", crate::redact_url(url)))
                })?;
            sqlx::raw_sql(AssertSqlSafe(format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}"
            )))
            .execute(&mut conn)
            .await
            .map_err(db_err)?;
            drop(conn);
            opts = opts.options([("search_path", schema)]);
            lock ^= id;
        }
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opts)
            .await
            .map_err(|e| {
                StoreError::Db(format!("cannot connect to {}: {e}", crate::redact_url(url)))
            })?;
        return Ok(Pool::Postgres(pool, lock));
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    let tenant_path;
    let path = match tenant {
        Some(id) if !path.is_empty() && path != ":memory:" => {
            tenant_path = format!("{path}.tenants/tenant-{id}.db");
            tenant_path.as_str()
        }
        _ => path,
    };
    if path.is_empty() || path == ":memory:" {
        return Err(StoreError::Config(
            "an in-memory SQLite database would be lost at exit; give a file path".into(),
        ));
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Config(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
    }
    let opts = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(60))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(60))
        .connect_with(opts)
        .await
        .map_err(|e| StoreError::Db(format!("cannot open SQLite database {path}: {e}")))?;
    Ok(Pool::Sqlite(pool))
}

impl Pool {
    pub fn engine(&self) -> Engine {
        match self {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(..) => Engine::Postgres,
        }
    }

    /// A read transaction.
    pub async fn read(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await.map_err(db_err)?),
            Pool::Postgres(p, _) => Tx::Postgres(p.begin().await.map_err(db_err)?),
        })
    }

    /// A write transaction, serialized with every other writer of the store: `BEGIN IMMEDIATE`
    /// on SQLite, a transaction-scoped advisory lock on PostgreSQL. Lifecycle updates read the
    /// current state and write the next one, so writers must not interleave.
    pub async fn write(&self) -> Result<Tx, StoreError> {
        match self {
            Pool::Sqlite(p) => Ok(Tx::Sqlite(
                p.begin_with("BEGIN IMMEDIATE").await.map_err(db_err)?,
            )),
            Pool::Postgres(p, lock) => {
                let mut tx = Tx::Postgres(p.begin().await.map_err(db_err)?);
                tx.exec("SELECT pg_advisory_xact_lock($1)", args![*lock])
                    .await?;
                Ok(tx)
            }
        }
    }

    /// A write transaction of the service's control plane: on PostgreSQL serialized with other
    /// control-plane writers only (its own advisory lock), not with scan recordings.
    pub async fn write_control(&self) -> Result<Tx, StoreError> {
        match self {
            Pool::Sqlite(_) => self.write().await,
            Pool::Postgres(p, _) => {
                let mut tx = Tx::Postgres(p.begin().await.map_err(db_err)?);
                tx.exec("SELECT pg_advisory_xact_lock($1)", args![CONTROL_LOCK])
                    .await?;
                Ok(tx)
            }
        }
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p, _) => p.close().await,
        }
    }
}

/// Advisory lock key of the single-writer section (an arbitrary constant: "posture" in ASCII).
const WRITER_LOCK: i64 = 0x0070_6f73_7475_7265;

/// Advisory lock key of control-plane writes (enqueue, schedule firing, target deletion).
const CONTROL_LOCK: i64 = 0x0063_6f6e_7472_6f6c;

/// An open transaction on either engine.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Val::Int(v) => q.bind(v),
                Val::Real(v) => q.bind(v),
                Val::Text(v) => q.bind(v),
            };
        }
        q
    }};
}

impl Tx {
    pub fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(_) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }

    /// Run a statement; returns the number of rows affected.
    pub async fn exec(&mut self, sql: &str, args: Vec<Val>) -> Result<u64, StoreError> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            Tx::Sqlite(tx) => {
                let q = bind_all!(sqlx::query::<Sqlite>(sql), args);
                Ok(q.execute(&mut **tx).await.map_err(db_err)?.rows_affected())
            }
            Tx::Postgres(tx) => {
                let q = bind_all!(sqlx::query::<Postgres>(sql), args);
                Ok(q.execute(&mut **tx).await.map_err(db_err)?.rows_affected())
            }
        }
    }

    /// Run a script of several statements without parameters (migrations).
    pub async fn script(&mut self, sql: &str) -> Result<(), StoreError> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            Tx::Sqlite(tx) => {
                sqlx::raw_sql(sql)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_err)?;
            }
            Tx::Postgres(tx) => {
                sqlx::raw_sql(sql)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_err)?;
            }
        }
        Ok(())
    }

    /// Run a query and decode every row.
    pub async fn rows(&mut self, sql: &str, args: Vec<Val>) -> Result<Vec<Row>, StoreError> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            Tx::Sqlite(tx) => {
                let q = bind_all!(sqlx::query::<Sqlite>(sql), args);
                let rows = q.fetch_all(&mut **tx).await.map_err(db_err)?;
                rows.iter().map(decode_sqlite).collect()
            }
            Tx::Postgres(tx) => {
                let q = bind_all!(sqlx::query::<Postgres>(sql), args);
                let rows = q.fetch_all(&mut **tx).await.map_err(db_err)?;
                rows.iter().map(decode_pg).collect()
            }
        }
    }

    /// The first row, if any.
    pub async fn row(&mut self, sql: &str, args: Vec<Val>) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, args).await?.into_iter().next())
    }

    /// The first column of the first row as an integer (0 when there is none).
    pub async fn int(&mut self, sql: &str, args: Vec<Val>) -> Result<i64, StoreError> {
        Ok(self.row(sql, args).await?.map_or(0, |r| r.i64(0)))
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await.map_err(db_err),
            Tx::Postgres(tx) => tx.commit().await.map_err(db_err),
        }
    }
}

fn decode_sqlite(row: &sqlx::sqlite::SqliteRow) -> Result<Row, StoreError> {
    let mut out = Vec::with_capacity(row.columns().len());
    for i in 0..row.columns().len() {
        let raw = row.try_get_raw(i).map_err(db_err)?;
        if raw.is_null() {
            out.push(Val::Text(None));
            continue;
        }
        let ty = raw.type_info().name().to_owned();
        let v = match ty.as_str() {
            "INTEGER" | "BOOLEAN" | "INT8" | "BIGINT" => {
                Val::Int(Some(row.try_get_unchecked::<i64, _>(i).map_err(db_err)?))
            }
            "REAL" | "NUMERIC" => {
                Val::Real(Some(row.try_get_unchecked::<f64, _>(i).map_err(db_err)?))
            }
            _ => Val::Text(Some(row.try_get_unchecked::<String, _>(i).map_err(db_err)?)),
        };
        out.push(v);
    }
    Ok(Row(out))
}

fn decode_pg(row: &sqlx::postgres::PgRow) -> Result<Row, StoreError> {
    let mut out = Vec::with_capacity(row.columns().len());
    for (i, col) in row.columns().iter().enumerate() {
        let ty = col.type_info().name().to_owned();
        let v = match ty.as_str() {
            "INT8" => Val::Int(row.try_get::<Option<i64>, _>(i).map_err(db_err)?),
            "INT4" => Val::Int(
                row.try_get::<Option<i32>, _>(i)
                    .map_err(db_err)?
                    .map(i64::from),
            ),
            "INT2" => Val::Int(
                row.try_get::<Option<i16>, _>(i)
                    .map_err(db_err)?
                    .map(i64::from),
            ),
            "BOOL" => Val::Int(
                row.try_get::<Option<bool>, _>(i)
                    .map_err(db_err)?
                    .map(i64::from),
            ),
            "FLOAT8" => Val::Real(row.try_get::<Option<f64>, _>(i).map_err(db_err)?),
            "FLOAT4" => Val::Real(
                row.try_get::<Option<f32>, _>(i)
                    .map_err(db_err)?
                    .map(f64::from),
            ),
            "TEXT" | "VARCHAR" | "NAME" | "BPCHAR" => {
                Val::Text(row.try_get::<Option<String>, _>(i).map_err(db_err)?)
            }
            other => {
                return Err(StoreError::Db(format!(
                    "internal: column `{}` has unsupported type {other}",
                    col.name()
                )));
            }
        };
        out.push(v);
    }
    Ok(Row(out))
}

/// `$first, $first+1, …` placeholders for `n` values.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 5);
    for i in 0..n {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('$');
        s.push_str(&(first + i).to_string());
    }
    s
}

/// A multi-row `VALUES (…), (…)` list for `rows` rows of `cols` columns, numbered from `$first`.
pub(crate) fn values_list(first: usize, rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        s.push_str(&placeholders(first + r * cols, cols));
        s.push(')');
    }
    s
}
