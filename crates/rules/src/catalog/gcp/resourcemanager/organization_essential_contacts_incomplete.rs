use posture_model::Typed;

use super::super::support::listed;

use crate::prelude::*;

/// Flags organizations whose Essential Contacts do not cover the critical notification categories.
pub(crate) struct OrganizationEssentialContactsIncomplete;

impl TypedRule for OrganizationEssentialContactsIncomplete {
    type Config = gcp::Organization;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        _c: &gcp::Organization,
        cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        const NEEDED: [&str; 5] = [
            "LEGAL",
            "SECURITY",
            "SUSPENSION",
            "TECHNICAL",
            "TECHNICAL_INCIDENTS",
        ];
        let me = r
            .uid
            .trim_start_matches("//cloudresourcemanager.googleapis.com/");
        let mut seen = 0usize;
        let mut covered: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        for x in cx.index.of_kind(Kind::GcpEssentialContact) {
            let Some(c) = gcp::EssentialContact::from_config(&x.config) else {
                continue;
            };
            if c.parent.as_deref() != Some(me) {
                continue;
            }
            seen += 1;
            let Some(cats) = &c.categories else {
                return Ok(Verdict::Unknown(
                    format!("the categories of contact `{}` were not observed", x.name).into(),
                ));
            };
            covered.extend(cats.iter().map(|s| s.to_ascii_uppercase()));
        }
        // Listing the contacts failed: missing categories prove nothing.
        listed(r, "essential_contacts")?;
        if seen == 0 {
            return Ok(Verdict::Unknown(
                format!("no Essential Contacts of {me} were observed: either none exist or they were not collected").into(),
            ));
        }
        if covered.contains("ALL") {
            return Ok(Verdict::Pass);
        }
        let missing: Vec<&str> = NEEDED
            .into_iter()
            .filter(|n| !covered.contains(*n))
            .collect();
        Ok(Verdict::check(missing.is_empty(), || {
            Verdict::fail(
                format!(
                    "Organization `{}` has no Essential Contact for {}",
                    r.name,
                    missing.join(", ")
                ),
                "relationships.essential_contacts",
                json!(missing),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "gcp.resourcemanager.organization_essential_contacts_incomplete",
    title: "Organization Essential Contacts miss critical notification categories",
    severity: Severity::Low,
    severity_rationale: "Google's security, legal and suspension notices reach a default recipient or nobody; this delays response rather than exposing anything.",
    service: "resourcemanager",
    description: "Collects the Essential Contacts set on the organization and checks that together they subscribe to Legal, Security, Suspension, Technical and Technical incidents (or All). Unknown when no contact of the organization was observed.",
    risk: "Notices about abuse, compromised resources, pending suspension or legal requests go to the wrong people or are missed.",
    remediation: Remediation {
        summary: "Add organization-level Essential Contacts for each critical category (a monitored group address).",
        cli: "gcloud essential-contacts create --organization=<org-id> --email=secops@example.com --notification-categories=security,technical,technical-incidents,legal,suspension",
        terraform: "resource \"google_essential_contacts_contact\" \"secops\" {\n  parent                              = \"organizations/<org-id>\"\n  email                               = \"secops@example.com\"\n  language_tag                        = \"en\"\n  notification_category_subscriptions = [\"SECURITY\", \"TECHNICAL\", \"TECHNICAL_INCIDENTS\", \"LEGAL\", \"SUSPENSION\"]\n}",
        console: "Cloud console → IAM & Admin → Essential Contacts (organization selected) → Add contact → choose the categories → Save.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Only adds notification recipients.",
    permissions: &["essentialcontacts.contacts.list"],
    references: &["https://cloud.google.com/resource-manager/docs/managing-notification-contacts"],
    cases: &[
        Case::pass("all categories", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}}"#).with(&[r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "team@example.com", "categories": ["ALL"]}}"#]),
        Case::pass("split across contacts", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}}"#).with(&[r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "team@example.com", "categories": ["SECURITY", "TECHNICAL", "TECHNICAL_INCIDENTS"]}}"#, r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "team@example.com", "categories": ["LEGAL", "SUSPENSION"]}}"#]),
        Case::fail("security only", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}}"#).with(&[r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "team@example.com", "categories": ["SECURITY"]}}"#]),
        Case::unknown("listing contacts was denied; only a security contact observed", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}, "gaps": [{"field": "essential_contacts", "api": "essentialcontacts.contacts.list", "reason": "denied", "detail": "403 PERMISSION_DENIED"}]}"#).with(&[r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "team@example.com", "categories": ["SECURITY"]}}"#]),
        Case::fail("contacts only on a project", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}}"#).with(&[r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "projects/p", "email": "team@example.com", "categories": ["ALL"]}}"#, r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "team@example.com", "categories": ["BILLING"]}}"#]),
        Case::unknown("no contacts observed", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}}"#),
        Case::unknown("categories not observed", r#"{"uid": "//cloudresourcemanager.googleapis.com/organizations/9", "account": "", "name": "example.com", "config": {"display_name": "example.com"}}"#).with(&[r#"{"kind": "gcp.essentialcontacts.contact", "account": "", "config": {"parent": "organizations/9", "email": "a@example.com"}}"#]),
    ],
};
