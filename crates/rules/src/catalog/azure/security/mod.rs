//! Azure security rules.

mod contact_alert_notifications_off;
mod contact_attack_path_notifications_off;
mod contact_email_missing;
mod contact_owner_not_notified;
mod defender_for_apis_off;
mod defender_for_app_service_off;
mod defender_for_containers_off;
mod defender_for_cosmos_db_off;
mod defender_for_cspm_off;
mod defender_for_key_vault_off;
mod defender_for_open_source_databases_off;
mod defender_for_resource_manager_off;
mod defender_for_servers_off;
mod defender_for_sql_databases_off;
mod defender_for_sql_servers_on_machines_off;
mod defender_for_storage_off;

use crate::engine::Rule;

/// security rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &contact_alert_notifications_off::ContactAlertNotificationsOff,
    &contact_attack_path_notifications_off::ContactAttackPathNotificationsOff,
    &contact_email_missing::ContactEmailMissing,
    &contact_owner_not_notified::ContactOwnerNotNotified,
    &defender_for_apis_off::DefenderForApisOff,
    &defender_for_app_service_off::DefenderForAppServiceOff,
    &defender_for_containers_off::DefenderForContainersOff,
    &defender_for_cosmos_db_off::DefenderForCosmosDbOff,
    &defender_for_cspm_off::DefenderForCspmOff,
    &defender_for_key_vault_off::DefenderForKeyVaultOff,
    &defender_for_open_source_databases_off::DefenderForOpenSourceDatabasesOff,
    &defender_for_resource_manager_off::DefenderForResourceManagerOff,
    &defender_for_servers_off::DefenderForServersOff,
    &defender_for_sql_databases_off::DefenderForSqlDatabasesOff,
    &defender_for_sql_servers_on_machines_off::DefenderForSqlServersOnMachinesOff,
    &defender_for_storage_off::DefenderForStorageOff,
];
