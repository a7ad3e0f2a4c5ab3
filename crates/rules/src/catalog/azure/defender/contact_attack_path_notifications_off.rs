use crate::prelude::*;

/// Flags Defender for Cloud settings that send no attack-path e-mails.
pub(crate) struct ContactAttackPathNotificationsOff;

impl TypedRule for ContactAttackPathNotificationsOff {
    type Config = azure::SecurityContact;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &azure::SecurityContact,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let risk = need(&c.attack_path_min_risk, "attack_path_min_risk")?;
        Ok(Verdict::check(!risk.is_empty(), || {
            Verdict::fail(
                format!(
                    "Defender for Cloud attack-path e-mails are off in subscription {}",
                    r.account
                ),
                "config.attack_path_min_risk",
                json!(risk),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.contact_attack_path_notifications_off",
    title: "Defender for Cloud attack-path notifications are off",
    severity: Severity::Low,
    severity_rationale: "Attack paths are exposure findings, not active attacks; they are also visible in the portal.",
    service: "defender",
    description: "Checks that e-mail notification for new attack paths is on (any minimum risk level). Settings read with the older API, which has no attack-path notifications, are Unknown.",
    risk: "Newly exploitable paths to critical resources are not brought to anyone's attention.",
    remediation: Remediation {
        summary: "Turn on attack-path notifications (minimum risk level Critical or lower).",
        cli: "az rest --method put --url \"https://management.azure.com/subscriptions/{account}/providers/Microsoft.Security/securityContacts/default?api-version=2023-12-01-preview\" --body '{\"properties\":{\"isEnabled\":true,\"emails\":\"secops@example.com\",\"notificationsSources\":[{\"sourceType\":\"AttackPath\",\"minimalRiskLevel\":\"Critical\"}]}}'",
        terraform: "resource \"azapi_update_resource\" \"attack_path_mail\" {\n  type      = \"Microsoft.Security/securityContacts@2023-12-01-preview\"\n  name      = \"default\"\n  parent_id = \"/subscriptions/{account}\"\n  body = {\n    properties = {\n      notificationsSources = [{ sourceType = \"AttackPath\", minimalRiskLevel = \"Critical\" }]\n    }\n  }\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription → Email notifications → Notify about attack paths with the following risk level (or higher) → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notifications.",
    permissions: &["Microsoft.Security/securityContacts/read"],
    references: &[
        "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
    ],
    cases: &[
        Case::pass(
            "critical",
            r#"{"config": {"attack_path_min_risk": "Critical"}}"#,
        ),
        Case::fail("off", r#"{"config": {"attack_path_min_risk": ""}}"#),
        Case::unknown("older API", r#"{"config": {}}"#),
    ],
};
