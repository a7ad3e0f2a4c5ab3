//! Azure Resource Graph importer: the governance kinds (Key Vault items, networking, Defender,
//! monitoring, RBAC) and the child rows merged into their parents.

use posture_collect::{ImportOptions, import_bytes};
use posture_model::kinds::azure as az;
use posture_model::{Config, GapReason, Inventory, Resource};

const SUB: &str = "00000000-1111-2222-3333-444444444444";

fn import(text: &str) -> Inventory {
    import_bytes("rg.json", text.as_bytes(), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn find<'a>(inv: &'a Inventory, suffix: &str) -> &'a Resource {
    inv.resources
        .iter()
        .find(|r| r.uid.ends_with(suffix))
        .unwrap_or_else(|| panic!("no resource ending in {suffix}"))
}

fn gap_reason(r: &Resource, field: &str) -> Option<GapReason> {
    r.gaps.iter().find(|g| g.field == field).map(|g| g.reason)
}

fn rows(rows: &[String]) -> String {
    format!("{{\"count\":{},\"data\":[{}]}}", rows.len(), rows.join(","))
}

fn row(path: &str, ty: &str, props: &str) -> String {
    format!(
        r#"{{"id":"/subscriptions/{SUB}{path}","name":"{}","type":"{ty}","subscriptionId":"{SUB}","location":"eastus","properties":{props}}}"#,
        path.rsplit('/').next().unwrap_or_default()
    )
}

const SA: &str = "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1";

#[test]
fn blob_and_file_service_rows_merge_into_their_account() {
    let inv = import(&rows(&[
        row(
            SA,
            "microsoft.storage/storageaccounts",
            r#"{"supportsHttpsTrafficOnly":true,"keyPolicy":{"keyExpirationPeriodInDays":90},"keyCreationTime":{"key1":"2025-01-01T00:00:00Z","key2":"2024-06-01T00:00:00Z"}}"#,
        ),
        row(
            &format!("{SA}/blobServices/default"),
            "microsoft.storage/storageaccounts/blobservices",
            r#"{"deleteRetentionPolicy":{"enabled":true,"days":7},"isVersioningEnabled":false}"#,
        ),
        row(
            &format!("{SA}/fileServices/default"),
            "microsoft.storage/storageaccounts/fileservices",
            r#"{"shareDeleteRetentionPolicy":{"enabled":true,"days":7},"protocolSettings":{"smb":{"versions":"SMB3.1.1","channelEncryption":"AES-256-GCM"}}}"#,
        ),
    ]));
    assert_eq!(inv.resources.len(), 1, "children merged");
    let r = find(&inv, "/sa1");
    let Config::AzureStorageAccount(s) = &r.config else {
        panic!("{:?}", r.config)
    };
    assert_eq!(s.blob_soft_delete_enabled, Some(true));
    assert_eq!(s.container_soft_delete_enabled, Some(false), "absent = off");
    assert_eq!(s.blob_versioning_enabled, Some(false));
    assert_eq!(s.file_share_soft_delete_enabled, Some(true));
    assert_eq!(s.smb_versions, Some(vec!["SMB3.1.1".to_owned()]));
    assert_eq!(
        s.smb_channel_encryption,
        Some(vec!["AES-256-GCM".to_owned()])
    );
    assert_eq!(s.key_expiration_period_days, Some(90));
    assert_eq!(
        s.oldest_key_created.as_deref(),
        Some("2024-06-01T00:00:00Z")
    );
    assert_eq!(s.default_to_oauth, Some(false));
    for f in [
        "blob_soft_delete_enabled",
        "smb_versions",
        "container_soft_delete_enabled",
    ] {
        assert_eq!(gap_reason(r, f), None, "{f}");
    }
    assert_eq!(
        inv.sources[0]
            .skipped
            .get("merged into parent (microsoft.storage/storageaccounts/blobservices)"),
        Some(&1)
    );
}

#[test]
fn account_without_service_rows_keeps_gaps_and_bad_child_is_an_error() {
    let inv = import(&rows(&[
        row(
            SA,
            "microsoft.storage/storageaccounts",
            r#"{"keyCreationTime":{"key1":null,"key2":null}}"#,
        ),
        row(
            &format!("{SA}/blobServices/default"),
            "microsoft.storage/storageaccounts/blobservices",
            r#"{"deleteRetentionPolicy":{"enabled":"yes"}}"#,
        ),
    ]));
    let r = find(&inv, "/sa1");
    let Config::AzureStorageAccount(s) = &r.config else {
        panic!()
    };
    assert_eq!(s.blob_soft_delete_enabled, None);
    assert_eq!(
        gap_reason(r, "blob_soft_delete_enabled"),
        Some(GapReason::Error)
    );
    assert_eq!(gap_reason(r, "smb_versions"), Some(GapReason::NotInSource));
    assert_eq!(s.oldest_key_created, None, "null key times are unknown");
    assert_eq!(
        gap_reason(r, "oldest_key_created"),
        Some(GapReason::NotInSource)
    );
    // The unreadable child row stays visible.
    let child = find(&inv, "/blobservices/default");
    assert!(matches!(&child.config, Config::Unmodeled(_)));
    assert_eq!(gap_reason(child, "*"), Some(GapReason::Error));
}

#[test]
fn sql_auditing_merges_into_the_server() {
    let srv = "/resourceGroups/rg/providers/Microsoft.Sql/servers/s1";
    let inv = import(&rows(&[
        row(
            srv,
            "microsoft.sql/servers",
            r#"{"publicNetworkAccess":"Disabled"}"#,
        ),
        row(
            &format!("{srv}/auditingSettings/default"),
            "microsoft.sql/servers/auditingsettings",
            r#"{"state":"Enabled","retentionDays":30}"#,
        ),
    ]));
    let Config::AzureSqlServer(s) = &find(&inv, "/s1").config else {
        panic!()
    };
    assert_eq!(s.auditing_enabled, Some(true));
    assert_eq!(s.auditing_retention_days, Some(30));
}

#[test]
fn governance_kinds_map() {
    let kv = "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1";
    let inv = import(&rows(&[
        row(
            &format!("{kv}/keys/k1"),
            "microsoft.keyvault/vaults/keys",
            r#"{"attributes":{"enabled":true,"exp":1767225600},"rotationPolicy":{"lifetimeActions":[{"action":{"type":"Rotate"},"trigger":{"timeAfterCreate":"P90D"}}]}}"#,
        ),
        row(
            &format!("{kv}/secrets/s1"),
            "microsoft.keyvault/vaults/secrets",
            r#"{"attributes":{"enabled":true}}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1",
            "microsoft.network/virtualnetworks",
            r#"{"subnets":[{"name":"a","properties":{"networkSecurityGroup":{"id":"/X/NSG1"}}},{"name":"b","properties":{}}]}"#,
        ),
        row(
            "/resourceGroups/nw/providers/Microsoft.Network/networkWatchers/nw_eastus",
            "microsoft.network/networkwatchers",
            r#"{"provisioningState":"Succeeded"}"#,
        ),
        row(
            "/resourceGroups/nw/providers/Microsoft.Network/networkWatchers/nw_eastus/flowLogs/fl1",
            "microsoft.network/networkwatchers/flowlogs",
            r#"{"targetResourceId":"/X/NSG1","enabled":true,"retentionPolicy":{"days":30,"enabled":true}}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/ag1",
            "microsoft.network/applicationgateways",
            r#"{"sku":{"tier":"WAF_v2"},"sslPolicy":{"policyType":"Predefined","policyName":"AppGwSslPolicy20150501"},"firewallPolicy":{"id":"/X/WAF1"}}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf1",
            "microsoft.network/applicationgatewaywebapplicationfirewallpolicies",
            r#"{"policySettings":{"state":"Enabled","mode":"Prevention","requestBodyCheck":false},"managedRules":{"managedRuleSets":[{"ruleSetType":"OWASP","ruleSetVersion":"3.2"}]}}"#,
        ),
        row(
            "/providers/Microsoft.Security/pricings/VirtualMachines",
            "microsoft.security/pricings",
            r#"{"pricingTier":"Free"}"#,
        ),
        row(
            "/providers/Microsoft.Security/securityContacts/default",
            "microsoft.security/securitycontacts",
            r#"{"emails":"a@example.com;b@example.com","notificationsByRole":{"state":"On","roles":["Owner"]},"notificationsSources":[{"sourceType":"Alert","minimalSeverity":"Medium"}]}"#,
        ),
        row(
            "/providers/microsoft.insights/diagnosticSettings/activity",
            "microsoft.insights/diagnosticsettings",
            r#"{"workspaceId":"/w","logs":[{"category":"Administrative","enabled":true},{"categoryGroup":"allLogs","enabled":false}]}"#,
        ),
        row(
            "/resourceGroups/rg/providers/microsoft.insights/activityLogAlerts/a1",
            "microsoft.insights/activitylogalerts",
            r#"{"scopes":["/subscriptions/X"],"condition":{"allOf":[{"field":"category","equals":"Administrative"},{"anyOf":[{"field":"operationName","equals":"Microsoft.Network/networkSecurityGroups/write"}]}]},"actions":{"actionGroups":[{"actionGroupId":"/ag"}]}}"#,
        ),
        row(
            "/providers/Microsoft.Authorization/roleAssignments/ra1",
            "microsoft.authorization/roleassignments",
            r#"{"roleDefinitionId":"/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635","principalId":"p1","principalType":"User","scope":"/subscriptions/X"}"#,
        ),
        row(
            "/providers/Microsoft.Authorization/roleDefinitions/rd1",
            "microsoft.authorization/roledefinitions",
            r#"{"roleName":"Super","type":"CustomRole","permissions":[{"actions":["*"]}],"assignableScopes":["/subscriptions/X"]}"#,
        ),
    ]));
    assert!(
        inv.sources[0].warnings.is_empty(),
        "{:?}",
        inv.sources[0].warnings
    );
    let Config::AzureKeyVaultKey(k) = &find(&inv, "/keys/k1").config else {
        panic!()
    };
    assert_eq!(k.expires.as_deref(), Some("2026-01-01T00:00:00Z"));
    assert_eq!(k.auto_rotation, Some(true));
    assert!(
        k.vault
            .as_deref()
            .is_some_and(|v| v.ends_with("/vaults/kv1"))
    );
    let Config::AzureKeyVaultSecret(s) = &find(&inv, "/secrets/s1").config else {
        panic!()
    };
    assert_eq!(s.expires.as_deref(), Some(""), "no exp = never expires");
    let Config::AzureNetworkVnet(v) = &find(&inv, "/v1").config else {
        panic!()
    };
    let subnets = v.subnets.as_ref().unwrap();
    assert_eq!(subnets[0].network_security_group, "/x/nsg1");
    assert_eq!(subnets[1].network_security_group, "");
    assert_eq!(v.ddos_protection_enabled, Some(false));
    assert!(matches!(
        find(&inv, "/nw_eastus").config,
        Config::AzureNetworkWatcher(_)
    ));
    let Config::AzureNetworkFlowLog(f) = &find(&inv, "/fl1").config else {
        panic!()
    };
    assert_eq!(
        (f.retention_enabled, f.retention_days),
        (Some(true), Some(30))
    );
    let Config::AzureNetworkAppGateway(a) = &find(&inv, "/ag1").config else {
        panic!()
    };
    assert_eq!(a.min_tls_version.as_deref(), Some("TLSv1_0"));
    assert_eq!(a.waf_enabled, Some(true));
    assert_eq!(a.http2_enabled, Some(false));
    let Config::AzureNetworkWafPolicy(w) = &find(&inv, "/waf1").config else {
        panic!()
    };
    assert_eq!(w.request_body_check, Some(false));
    assert_eq!(w.managed_rule_sets, Some(vec!["OWASP".to_owned()]));
    let Config::AzureSecurityPricing(p) = &find(&inv, "/virtualmachines").config else {
        panic!()
    };
    assert_eq!(p.plan.as_deref(), Some("VirtualMachines"));
    assert_eq!(p.pricing_tier.as_deref(), Some("Free"));
    let Config::AzureSecurityContact(c) = &find(&inv, "/securitycontacts/default").config else {
        panic!()
    };
    assert_eq!(c.emails.as_ref().map(Vec::len), Some(2));
    assert_eq!(c.notified_roles, Some(vec!["Owner".to_owned()]));
    assert_eq!(c.alert_min_severity.as_deref(), Some("Medium"));
    assert_eq!(
        c.attack_path_min_risk.as_deref(),
        Some(""),
        "listed sources without attack path = off"
    );
    let d = find(&inv, "/diagnosticsettings/activity");
    let Config::AzureMonitorDiagnosticSetting(ds) = &d.config else {
        panic!()
    };
    assert_eq!(
        ds.target.as_deref(),
        Some(format!("/subscriptions/{SUB}").as_str())
    );
    assert!(ds.exports("Administrative"));
    assert!(
        !ds.exports("Security"),
        "a disabled allLogs group exports nothing"
    );
    let Config::AzureMonitorActivityLogAlert(al) = &find(&inv, "/a1").config else {
        panic!()
    };
    assert_eq!(al.enabled, Some(true), "absent enabled = true");
    assert_eq!(al.conditions.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        al.conditions.as_ref().unwrap()[1].equals,
        "microsoft.network/networksecuritygroups/write"
    );
    let Config::AzureRoleAssignment(ra) = &find(&inv, "/ra1").config else {
        panic!()
    };
    assert_eq!(
        ra.role_definition.as_deref(),
        Some(az::builtin_roles::OWNER)
    );
    let Config::AzureRoleDefinition(rd) = &find(&inv, "/rd1").config else {
        panic!()
    };
    assert_eq!(rd.actions, Some(vec!["*".to_owned()]));
}

#[test]
fn governance_kinds_with_missing_or_wrong_properties() {
    let inv = import(&rows(&[
        row(
            "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1/keys/k1",
            "microsoft.keyvault/vaults/keys",
            "{}",
        ),
        row(
            "/providers/Microsoft.Security/pricings/StorageAccounts",
            "microsoft.security/pricings",
            r#"{"pricingTier":7}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/ag1",
            "microsoft.network/applicationgateways",
            "{}",
        ),
    ]));
    let k = find(&inv, "/keys/k1");
    assert_eq!(gap_reason(k, "expires"), Some(GapReason::NotInSource));
    assert_eq!(gap_reason(k, "auto_rotation"), Some(GapReason::NotInSource));
    let p = find(&inv, "/storageaccounts");
    assert!(
        matches!(p.config, Config::AzureSecurityPricing(_)),
        "kind kept"
    );
    assert_eq!(gap_reason(p, "*"), Some(GapReason::Error));
    assert!(
        inv.sources[0]
            .warnings
            .iter()
            .any(|w| w.contains("$.data[1]") && w.contains("pricings")),
        "{:?}",
        inv.sources[0].warnings
    );
    let a = find(&inv, "/ag1");
    assert_eq!(
        gap_reason(a, "min_tls_version"),
        Some(GapReason::NotInSource),
        "default policy depends on API version"
    );
}

#[test]
fn databricks_insights_gateways_and_settings_map() {
    let inv = import(&rows(&[
        row(
            "/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbw1",
            "microsoft.databricks/workspaces",
            r#"{"parameters":{"customVirtualNetworkId":{"type":"String","value":"/subscriptions/X/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/V1"},"customPublicSubnetName":{"type":"String","value":"host"},"customPrivateSubnetName":{"type":"String","value":"container"},"enableNoPublicIp":{"type":"Bool","value":true}},"publicNetworkAccess":"Disabled","privateEndpointConnections":[{}]}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/dbw2",
            "microsoft.databricks/workspaces",
            r#"{"parameters":{}}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Insights/components/ai1",
            "microsoft.insights/components",
            r#"{"Application_Type":"web","WorkspaceResourceId":"/W"}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpn1",
            "microsoft.network/virtualnetworkgateways",
            r#"{"gatewayType":"Vpn","vpnClientConfiguration":{"vpnClientAddressPool":{"addressPrefixes":["172.16.0.0/24"]},"vpnClientRootCertificates":[{"name":"root"}]}}"#,
        ),
        row(
            "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpn2",
            "microsoft.network/virtualnetworkgateways",
            r#"{"gatewayType":"Vpn"}"#,
        ),
        row(
            "/providers/Microsoft.Security/settings/WDATP",
            "microsoft.security/settings",
            r#"{"enabled":false}"#,
        ),
    ]));
    assert!(
        inv.sources[0].warnings.is_empty(),
        "{:?}",
        inv.sources[0].warnings
    );
    let Config::AzureDatabricksWorkspace(w) = &find(&inv, "/dbw1").config else {
        panic!()
    };
    assert!(
        w.vnet
            .as_deref()
            .is_some_and(|v| v.ends_with("/virtualnetworks/v1"))
    );
    assert_eq!(
        w.subnets,
        Some(vec!["host".to_owned(), "container".to_owned()])
    );
    assert_eq!(
        (w.no_public_ip, w.private_endpoint_count),
        (Some(true), Some(1))
    );
    let w2 = find(&inv, "/dbw2");
    let Config::AzureDatabricksWorkspace(c2) = &w2.config else {
        panic!()
    };
    assert_eq!(c2.vnet.as_deref(), Some(""), "managed VNet");
    assert_eq!(gap_reason(w2, "no_public_ip"), Some(GapReason::NotInSource));
    let Config::AzureMonitorAppInsights(ai) = &find(&inv, "/ai1").config else {
        panic!()
    };
    assert_eq!(ai.application_type.as_deref(), Some("web"));
    let Config::AzureNetworkVnetGateway(g1) = &find(&inv, "/vpn1").config else {
        panic!()
    };
    assert_eq!(
        g1.p2s_auth_types,
        Some(vec!["Certificate".to_owned()]),
        "inferred from root certificates"
    );
    let Config::AzureNetworkVnetGateway(g2) = &find(&inv, "/vpn2").config else {
        panic!()
    };
    assert_eq!(g2.p2s_auth_types, Some(vec![]), "no point-to-site");
    let Config::AzureSecuritySetting(st) = &find(&inv, "/settings/wdatp").config else {
        panic!()
    };
    assert_eq!(
        (st.setting.as_deref(), st.enabled),
        (Some("WDATP"), Some(false))
    );
}
