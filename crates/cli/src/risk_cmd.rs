//! Risk settings from the configuration (`[context]`, `[risk]`).

use anyhow::bail;
use posture_config::Config;
use posture_risk::{ContextSettings, RiskSettings, Weights};

/// Context settings from `[context]`; keys and maps extend the built-in conventions.
pub(crate) fn context_settings(config: &Config) -> anyhow::Result<ContextSettings> {
    let c = &config.context;
    let mut s = ContextSettings::default();
    for k in &c.environment_keys {
        if !s.environment_keys.iter().any(|x| x.eq_ignore_ascii_case(k)) {
            s.environment_keys.push(k.clone());
        }
    }
    for k in &c.data_classification_keys {
        if !s
            .data_classification_keys
            .iter()
            .any(|x| x.eq_ignore_ascii_case(k))
        {
            s.data_classification_keys.push(k.clone());
        }
    }
    s.environment_values.clone_from(&c.environment_values);
    s.data_classification_values
        .clone_from(&c.data_classification_values);
    s.infer_from_names = c.infer_from_names;
    s.account_environments.clone_from(&c.account_environments);
    s.account_data_classifications
        .clone_from(&c.account_data_classifications);
    let bad = s.invalid_values();
    if !bad.is_empty() {
        bail!("[context]: {}", bad.join("; "));
    }
    Ok(s)
}

/// Score settings from `[risk]`.
pub(crate) fn risk_settings(config: &Config) -> RiskSettings {
    let r = &config.risk;
    RiskSettings {
        weights: Weights {
            severity: r.severity_weight,
            exposure: r.exposure_weight,
            data: r.data_weight,
            environment: r.environment_weight,
            compliance: r.compliance_weight,
        },
        frameworks: r.frameworks.clone(),
    }
}
