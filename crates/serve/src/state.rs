//! Shared server state: the control plane, the per-tenant stores, metrics, settings.

use std::collections::HashMap;
use std::sync::Arc;

use posture_store::{Control, SlaPolicy, Store};
use tokio::sync::Mutex;

use crate::error::ApiError;
use crate::metrics::Metrics;

/// Server state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

/// What [`AppState`] holds.
pub struct Inner {
    /// The control plane (tenants, tokens, targets, jobs).
    pub control: Control,
    /// The base store URL (tenant stores are opened next to it).
    pub url: String,
    stores: Mutex<HashMap<i64, Arc<Store>>>,
    /// Metrics.
    pub metrics: Arc<Metrics>,
    /// SLA policy for due dates.
    pub sla: SlaPolicy,
    /// The compliance frameworks (names, rule mappings).
    pub library: Arc<posture_compliance::Library>,
    /// Mark session cookies `Secure` (serving behind HTTPS).
    pub secure_cookies: bool,
    /// Recently counted finding totals: (tenant, filters) → (when, total).
    pub totals: std::sync::Mutex<HashMap<(i64, String), (std::time::Instant, usize)>>,
}

/// How long a counted total of findings is reused (`total` in finding pages may lag by this).
pub const TOTAL_TTL: std::time::Duration = std::time::Duration::from_secs(10);

impl AppState {
    /// State over an opened control plane.
    ///
    /// # Errors
    /// When the built-in compliance frameworks do not load (a build defect).
    pub fn new(control: Control, url: &str, metrics: Arc<Metrics>) -> Result<AppState, String> {
        let library = posture_compliance::Library::builtin().map_err(|e| e.to_string())?;
        Ok(AppState(Arc::new(Inner {
            control,
            url: url.to_owned(),
            stores: Mutex::new(HashMap::new()),
            metrics,
            sla: SlaPolicy::default(),
            library: Arc::new(library),
            secure_cookies: false,
            totals: std::sync::Mutex::new(HashMap::new()),
        })))
    }

    /// The control plane.
    #[must_use]
    pub fn control(&self) -> &Control {
        &self.0.control
    }

    /// Tenant `id`'s data store (opened once, then shared).
    ///
    /// # Errors
    /// 500 when it cannot be opened.
    pub async fn store(&self, tenant: i64) -> Result<Arc<Store>, ApiError> {
        let mut stores = self.0.stores.lock().await;
        if let Some(s) = stores.get(&tenant) {
            return Ok(s.clone());
        }
        let s = Arc::new(self.0.control.tenant_store(tenant).await?);
        stores.insert(tenant, s.clone());
        Ok(s)
    }

    /// Close every pool.
    pub async fn close(&self) {
        let stores: Vec<Arc<Store>> = self.0.stores.lock().await.drain().map(|(_, s)| s).collect();
        for s in stores {
            s.close().await;
        }
        self.0.control.close().await;
    }
}
