use crate::prelude::*;

/// Flags flow logs that are not sent to Log Analytics (traffic analytics).
pub(crate) struct FlowLogTrafficAnalyticsOff;

impl TypedRule for FlowLogTrafficAnalyticsOff {
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
        let ta = *need(&c.traffic_analytics_enabled, "traffic_analytics_enabled")?;
        Ok(Verdict::check(ta, || {
            Verdict::fail(
                format!("Flow log `{}` is not sent to Log Analytics", r.name),
                "config.traffic_analytics_enabled",
                json!(ta),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.flow_log_traffic_analytics_off",
    title: "Flow log is not sent to Log Analytics",
    severity: Severity::Low,
    severity_rationale: "Records are kept in storage, but nobody can query or alert on them easily.",
    service: "network",
    description: "For enabled NSG or VNet flow logs, checks that traffic analytics sends them to a Log Analytics workspace.",
    risk: "Suspicious flows are not visible to detection queries and workbooks.",
    remediation: Remediation {
        summary: "Enable traffic analytics on the flow log.",
        cli: "az network watcher flow-log update --location {region} --name {name} --traffic-analytics true --workspace <workspace-id>",
        terraform: "resource \"azurerm_network_watcher_flow_log\" \"{name}\" {\n  # …\n  traffic_analytics {\n    enabled               = true\n    workspace_id          = azurerm_log_analytics_workspace.main.workspace_id\n    workspace_region      = \"{region}\"\n    workspace_resource_id = azurerm_log_analytics_workspace.main.id\n  }\n}",
        console: "Azure portal → Network Watcher → Flow logs → {name} → Analytics → Enable traffic analytics → choose a workspace → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds ingestion cost only.",
    permissions: &["Microsoft.Network/networkWatchers/flowLogs/read"],
    references: &["https://learn.microsoft.com/azure/network-watcher/traffic-analytics"],
    cases: &[
        Case::pass(
            "on",
            r#"{"config": {"enabled": true, "traffic_analytics_enabled": true}}"#,
        ),
        Case::fail(
            "off",
            r#"{"config": {"enabled": true, "traffic_analytics_enabled": false}}"#,
        ),
        Case::not_applicable("disabled flow log", r#"{"config": {"enabled": false}}"#),
        Case::unknown("not observed", r#"{"config": {"enabled": true}}"#),
    ],
};
