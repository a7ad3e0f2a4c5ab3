//! Azure defender rules.

mod apis_plan_off;
mod app_service_plan_off;
mod contact_alert_notifications_off;
mod contact_attack_path_notifications_off;
mod contact_email_missing;
mod contact_owner_not_notified;
mod containers_plan_off;
mod cosmos_db_plan_off;
mod cspm_plan_off;
mod endpoint_integration_off;
mod key_vault_plan_off;
mod open_source_databases_plan_off;
mod resource_manager_plan_off;
mod servers_plan_off;
mod sql_databases_plan_off;
mod sql_servers_on_machines_plan_off;
mod storage_plan_off;

use crate::engine::Rule;

/// defender rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &apis_plan_off::ApisPlanOff,
    &app_service_plan_off::AppServicePlanOff,
    &contact_alert_notifications_off::ContactAlertNotificationsOff,
    &contact_attack_path_notifications_off::ContactAttackPathNotificationsOff,
    &contact_email_missing::ContactEmailMissing,
    &contact_owner_not_notified::ContactOwnerNotNotified,
    &containers_plan_off::ContainersPlanOff,
    &cosmos_db_plan_off::CosmosDbPlanOff,
    &cspm_plan_off::CspmPlanOff,
    &endpoint_integration_off::EndpointIntegrationOff,
    &key_vault_plan_off::KeyVaultPlanOff,
    &open_source_databases_plan_off::OpenSourceDatabasesPlanOff,
    &resource_manager_plan_off::ResourceManagerPlanOff,
    &servers_plan_off::ServersPlanOff,
    &sql_databases_plan_off::SqlDatabasesPlanOff,
    &sql_servers_on_machines_plan_off::SqlServersOnMachinesPlanOff,
    &storage_plan_off::StoragePlanOff,
];
