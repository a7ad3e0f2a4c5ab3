use crate::prelude::*;

/// Flags Defender for Cloud settings that do not notify subscription owners.
pub(crate) struct ContactOwnerNotNotified;

impl TypedRule for ContactOwnerNotNotified {
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
        let roles = need(&c.notified_roles, "notified_roles")?;
        Ok(Verdict::check(
            roles.iter().any(|x| x.eq_ignore_ascii_case("owner")),
            || {
                Verdict::fail(
                    format!(
                        "Defender for Cloud alerts of subscription {} are not sent to subscription owners",
                        r.account
                    ),
                    "config.notified_roles",
                    json!(roles),
                )
            },
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.contact_owner_not_notified",
    title: "Defender for Cloud alerts are not sent to subscription owners",
    severity: Severity::Low,
    severity_rationale: "Another notification path exists if an e-mail contact is set; owners are the accountable people.",
    service: "defender",
    description: "Checks that role-based notification is on and includes the Owner role.",
    risk: "The people accountable for the subscription learn about attacks late.",
    remediation: Remediation {
        summary: "Notify the Owner role about alerts.",
        cli: "az security contact update --name default --alerts-admins on",
        terraform: "resource \"azurerm_security_center_contact\" \"default\" {\n  name                = \"default\"\n  email               = \"secops@example.com\"\n  alert_notifications = true\n  alerts_to_admins    = true\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription → Email notifications → \"All users with the following roles\": Owner → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notifications.",
    permissions: &["Microsoft.Security/securityContacts/read"],
    references: &[
        "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
    ],
    cases: &[
        Case::pass(
            "owners notified",
            r#"{"config": {"notified_roles": ["Owner", "ServiceAdmin"]}}"#,
        ),
        Case::fail(
            "contributors only",
            r#"{"config": {"notified_roles": ["Contributor"]}}"#,
        ),
        Case::fail(
            "role notifications off",
            r#"{"config": {"notified_roles": []}}"#,
        ),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
