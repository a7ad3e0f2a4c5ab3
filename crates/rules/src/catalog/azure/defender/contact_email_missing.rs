use crate::prelude::*;

/// Flags Defender for Cloud security contacts without an e-mail address.
pub(crate) struct ContactEmailMissing;

impl TypedRule for ContactEmailMissing {
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
        let emails = need(&c.emails, "emails")?;
        Ok(Verdict::check(
            emails.iter().any(|e| e.contains('@')),
            || {
                Verdict::fail(
                    format!(
                        "Defender for Cloud security contact of subscription {} has no e-mail address",
                        r.account
                    ),
                    "config.emails",
                    json!(emails),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.contact_email_missing",
    title: "Defender for Cloud security contact has no e-mail address",
    severity: Severity::Medium,
    severity_rationale: "Alerts are generated but nobody outside the portal is told.",
    service: "defender",
    description: "Checks that the subscription's security contact lists at least one e-mail address.",
    risk: "High-severity alerts (active attacks, compromised resources) are seen late or never.",
    remediation: Remediation {
        summary: "Set a monitored security team address as the security contact.",
        cli: "az security contact create --name default --emails secops@example.com --alert-notifications on --alerts-admins on",
        terraform: "resource \"azurerm_security_center_contact\" \"default\" {\n  name                = \"default\"\n  email               = \"secops@example.com\"\n  alert_notifications = true\n  alerts_to_admins    = true\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription → Email notifications → add addresses → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notifications.",
    permissions: &["Microsoft.Security/securityContacts/read"],
    references: &[
        "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
    ],
    cases: &[
        Case::pass(
            "address set",
            r#"{"config": {"emails": ["secops@example.com"]}}"#,
        ),
        Case::fail("no address", r#"{"config": {"emails": []}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
