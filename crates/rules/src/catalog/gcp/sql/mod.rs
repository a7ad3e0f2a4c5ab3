//! Cloud SQL rules.

mod instance_backups_off;
mod instance_deletion_protection_off;
mod instance_iam_authentication_off;
mod instance_open_to_internet;
mod instance_public_ip;
mod instance_ssl_not_enforced;
mod mysql_local_infile_on;
mod mysql_skip_show_database_off;
mod postgres_log_connections_off;
mod postgres_log_disconnections_off;
mod postgres_log_error_verbosity_verbose;
mod postgres_log_min_duration_statement_on;
mod postgres_log_min_error_statement_too_high;
mod postgres_log_min_messages_too_high;
mod postgres_log_statement_none;
mod postgres_pgaudit_off;
mod sqlserver_contained_database_authentication_on;
mod sqlserver_cross_db_ownership_chaining_on;
mod sqlserver_external_scripts_enabled;
mod sqlserver_remote_access_on;
mod sqlserver_trace_flag_3625_off;
mod sqlserver_user_connections_limited;
mod sqlserver_user_options_set;

use crate::engine::Rule;

/// sql rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &instance_backups_off::InstanceBackupsOff,
    &instance_deletion_protection_off::InstanceDeletionProtectionOff,
    &instance_iam_authentication_off::InstanceIamAuthenticationOff,
    &instance_open_to_internet::InstanceOpenToInternet,
    &instance_public_ip::InstancePublicIp,
    &instance_ssl_not_enforced::InstanceSslNotEnforced,
    &mysql_local_infile_on::MysqlLocalInfileOn,
    &mysql_skip_show_database_off::MysqlSkipShowDatabaseOff,
    &postgres_log_connections_off::PostgresLogConnectionsOff,
    &postgres_log_disconnections_off::PostgresLogDisconnectionsOff,
    &postgres_log_error_verbosity_verbose::PostgresLogErrorVerbosityVerbose,
    &postgres_log_min_duration_statement_on::PostgresLogMinDurationStatementOn,
    &postgres_log_min_error_statement_too_high::PostgresLogMinErrorStatementTooHigh,
    &postgres_log_min_messages_too_high::PostgresLogMinMessagesTooHigh,
    &postgres_log_statement_none::PostgresLogStatementNone,
    &postgres_pgaudit_off::PostgresPgauditOff,
    &sqlserver_contained_database_authentication_on::SqlserverContainedDatabaseAuthenticationOn,
    &sqlserver_cross_db_ownership_chaining_on::SqlserverCrossDbOwnershipChainingOn,
    &sqlserver_external_scripts_enabled::SqlserverExternalScriptsEnabled,
    &sqlserver_remote_access_on::SqlserverRemoteAccessOn,
    &sqlserver_trace_flag_3625_off::SqlserverTraceFlag3625Off,
    &sqlserver_user_connections_limited::SqlserverUserConnectionsLimited,
    &sqlserver_user_options_set::SqlserverUserOptionsSet,
];
