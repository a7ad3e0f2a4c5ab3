use crate::prelude::*;

/// Flags VPN gateways whose point-to-site VPN accepts more than Entra ID authentication.
pub(crate) struct VpnGatewayP2sNotEntraOnly;

impl TypedRule for VpnGatewayP2sNotEntraOnly {
    type Config = azure::VirtualNetworkGateway;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::VirtualNetworkGateway,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let types = need(&c.p2s_auth_types, "p2s_auth_types")?;
        if types.is_empty() {
            return Ok(Verdict::NotApplicable(
                "point-to-site VPN is not configured".into(),
            ));
        }
        let ok = types.iter().all(|t| t.eq_ignore_ascii_case("aad"));
        Ok(Verdict::check(ok, || {
            Verdict::fail(
                format!(
                    "VPN gateway `{}` accepts point-to-site authentication by {}",
                    r.name,
                    types.join(", ")
                ),
                "config.p2s_auth_types",
                json!(types),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.network.vpn_gateway_p2s_not_entra_only",
    title: "Point-to-site VPN accepts authentication other than Entra ID",
    severity: Severity::Medium,
    severity_rationale: "Certificate and RADIUS authentication bypass Entra conditional access and MFA for network-level access.",
    service: "network",
    description: "For gateways with point-to-site configured, checks that the only authentication type is Microsoft Entra ID (`AAD`).",
    risk: "A stolen client certificate gives network access to the VNet without MFA, device compliance or sign-in risk checks.",
    remediation: Remediation {
        summary: "Configure Entra ID authentication for point-to-site and remove certificate and RADIUS authentication.",
        cli: "az network vnet-gateway update --name {name} --resource-group <rg> --vpn-auth-type AAD --aad-tenant https://login.microsoftonline.com/<tenant-id>/ --aad-audience <audience> --aad-issuer https://sts.windows.net/<tenant-id>/",
        terraform: "resource \"azurerm_virtual_network_gateway\" \"{name}\" {\n  # …\n  vpn_client_configuration {\n    address_space        = [\"172.16.0.0/24\"]\n    vpn_auth_types       = [\"AAD\"]\n    vpn_client_protocols = [\"OpenVPN\"]\n    aad_tenant           = \"https://login.microsoftonline.com/<tenant-id>/\"\n    aad_audience         = \"<audience>\"\n    aad_issuer           = \"https://sts.windows.net/<tenant-id>/\"\n  }\n}",
        console: "Azure portal → Virtual network gateways → {name} → Settings → Point-to-site configuration → Authentication type: Azure Active Directory only → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients using certificates or RADIUS must be reconfigured with the Azure VPN Client before they can connect.",
    permissions: &["Microsoft.Network/virtualNetworkGateways/read"],
    references: &["https://learn.microsoft.com/azure/vpn-gateway/openvpn-azure-ad-tenant"],
    cases: &[
        Case::pass(
            "Entra only",
            r#"{"config": {"gateway_type": "Vpn", "p2s_auth_types": ["AAD"]}}"#,
        ),
        Case::fail(
            "certificates too",
            r#"{"config": {"gateway_type": "Vpn", "p2s_auth_types": ["AAD", "Certificate"]}}"#,
        ),
        Case::not_applicable(
            "no point-to-site",
            r#"{"config": {"gateway_type": "Vpn", "p2s_auth_types": []}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"gateway_type": "Vpn"}}"#),
    ],
};
