use crate::prelude::*;

/// Flags subscriptions where Defender for Endpoint integration is off.
pub(crate) struct EndpointIntegrationOff;

impl TypedRule for EndpointIntegrationOff {
    type Config = azure::SecuritySetting;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::SecuritySetting,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let name = need(&c.setting, "setting")?;
        if !name.eq_ignore_ascii_case("wdatp") {
            return Ok(Verdict::NotApplicable(
                format!("setting `{name}` is not the Defender for Endpoint integration").into(),
            ));
        }
        let on = *need(&c.enabled, "enabled")?;
        Ok(Verdict::check(on, || {
            Verdict::fail(
                format!(
                    "Defender for Endpoint integration is off in subscription {}",
                    r.account
                ),
                "config.enabled",
                json!(on),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.endpoint_integration_off",
    title: "Defender for Endpoint integration is off",
    severity: Severity::Medium,
    severity_rationale: "Servers covered by Defender for Servers get no endpoint detection and response agent.",
    service: "defender",
    description: "Reads the `WDATP` Defender for Cloud setting of the subscription. Other settings are not applicable.",
    risk: "Malware, credential theft and hands-on-keyboard activity on servers go undetected.",
    remediation: Remediation {
        summary: "Turn on the Defender for Endpoint integration.",
        cli: "az security setting update --name WDATP --enabled true --subscription {account}",
        terraform: "resource \"azurerm_security_center_setting\" \"wdatp\" {\n  setting_name = \"WDATP\"\n  enabled      = true\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription {account} → Defender plans → Servers → Settings → Endpoint protection: On → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Onboards the agent to covered servers; detection only (licensing through Defender for Servers).",
    permissions: &["Microsoft.Security/settings/read"],
    references: &[
        "https://learn.microsoft.com/azure/defender-for-cloud/integration-defender-for-endpoint",
    ],
    cases: &[
        Case::pass("on", r#"{"config": {"setting": "WDATP", "enabled": true}}"#),
        Case::fail(
            "off",
            r#"{"config": {"setting": "WDATP", "enabled": false}}"#,
        ),
        Case::not_applicable(
            "another setting",
            r#"{"config": {"setting": "MCAS", "enabled": false}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {"setting": "WDATP"}}"#),
    ],
};
