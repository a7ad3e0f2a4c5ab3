//! Resource Manager (project) rules.

mod asset_inventory_disabled;
mod audit_logging_incomplete;
mod kms_duties_not_separated;
mod organization_essential_contacts_incomplete;
mod project_primitive_role_granted;
mod service_account_admin_role;
mod service_account_duties_not_separated;
mod user_service_account_impersonation;

use crate::engine::Rule;

/// resourcemanager rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &asset_inventory_disabled::AssetInventoryDisabled,
    &audit_logging_incomplete::AuditLoggingIncomplete,
    &kms_duties_not_separated::KmsDutiesNotSeparated,
    &organization_essential_contacts_incomplete::OrganizationEssentialContactsIncomplete,
    &project_primitive_role_granted::ProjectPrimitiveRoleGranted,
    &service_account_admin_role::ServiceAccountAdminRole,
    &service_account_duties_not_separated::ServiceAccountDutiesNotSeparated,
    &user_service_account_impersonation::UserServiceAccountImpersonation,
];
