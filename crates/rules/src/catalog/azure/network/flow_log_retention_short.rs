use crate::prelude::*;

/// Flags NSG and VNet flow logs kept less than 90 days.
pub(crate) struct FlowLogRetentionShort;

impl TypedRule for FlowLogRetentionShort {
    type Config = azure::FlowLog;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::FlowLog,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if !*need(&c.enabled, "enabled")? {
            return Ok(Verdict::NotApplicable("the flow log is disabled".into()));
        }
        let on = *need(&c.retention_enabled, "retention_enabled")?;
        let days = *need(&c.retention_days, "retention_days")?;
        // A disabled retention policy, or 0 days, keeps logs indefinitely.
        Ok(Verdict::check(!on || days == 0 || days >= 90, || {
            Verdict::fail(
                format!("Flow log `{}` keeps records {days} days", r.name),
                "config.retention_days",
                json!(days),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.flow_log_retention_short",
    title: "Flow log retention is under 90 days",
    severity: Severity::Low,
    severity_rationale: "Network records exist but may be deleted before an intrusion is discovered.",
    service: "network",
    description: "For enabled NSG or VNet flow logs, checks the storage retention policy: off, 0 (forever) or at least 90 days passes.",
    risk: "Lateral movement and exfiltration paths cannot be reconstructed for late-detected incidents.",
    remediation: Remediation {
        summary: "Set flow log retention to 90 days or more.",
        cli: "az network watcher flow-log update --location {region} --name {name} --retention 90",
        terraform: "resource \"azurerm_network_watcher_flow_log\" \"{name}\" {\n  # …\n  retention_policy {\n    enabled = true\n    days    = 90\n  }\n}",
        console: "Azure portal → Network Watcher → Flow logs → {name} → Retention days: 90 → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only storage cost changes.",
    permissions: &["Microsoft.Network/networkWatchers/flowLogs/read"],
    references: &["https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview"],
    cases: &[
        Case::pass(
            "90 days",
            r#"{"config": {"enabled": true, "retention_enabled": true, "retention_days": 90}}"#,
        ),
        Case::pass(
            "retention off (kept forever)",
            r#"{"config": {"enabled": true, "retention_enabled": false, "retention_days": 7}}"#,
        ),
        Case::fail(
            "30 days",
            r#"{"config": {"enabled": true, "retention_enabled": true, "retention_days": 30}}"#,
        ),
        Case::not_applicable("disabled flow log", r#"{"config": {"enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {"enabled": true}}"#),
    ],
};
