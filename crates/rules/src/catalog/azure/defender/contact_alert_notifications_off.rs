use crate::prelude::*;

/// Flags Defender for Cloud settings that send no alert e-mails.
pub(crate) struct ContactAlertNotificationsOff;

impl TypedRule for ContactAlertNotificationsOff {
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
        let sev = need(&c.alert_min_severity, "alert_min_severity")?;
        Ok(Verdict::check(!sev.is_empty(), || {
            Verdict::fail(
                format!(
                    "Defender for Cloud alert e-mails are off in subscription {}",
                    r.account
                ),
                "config.alert_min_severity",
                json!(sev),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "azure.defender.contact_alert_notifications_off",
    title: "Defender for Cloud alert e-mail notifications are off",
    severity: Severity::Medium,
    severity_rationale: "Alerts stay in the portal; response depends on someone looking.",
    service: "defender",
    description: "Checks that e-mail notification for security alerts is on, at any minimum severity.",
    risk: "Active attacks are noticed late.",
    remediation: Remediation {
        summary: "Turn on alert notifications (minimum severity High or lower).",
        cli: "az security contact update --name default --alert-notifications on",
        terraform: "resource \"azurerm_security_center_contact\" \"default\" {\n  name                = \"default\"\n  email               = \"secops@example.com\"\n  alert_notifications = true\n  alerts_to_admins    = true\n}",
        console: "Azure portal → Microsoft Defender for Cloud → Environment settings → subscription → Email notifications → Notify about alerts with the following severity (or higher): High → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notifications.",
    permissions: &["Microsoft.Security/securityContacts/read"],
    references: &[
        "https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications",
    ],
    cases: &[
        Case::pass(
            "high and above",
            r#"{"config": {"alert_min_severity": "High"}}"#,
        ),
        Case::fail("off", r#"{"config": {"alert_min_severity": ""}}"#),
        Case::unknown("not observed", r#"{"config": {}}"#),
    ],
};
