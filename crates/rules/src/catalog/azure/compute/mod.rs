//! Azure compute rules.

mod disk_network_access_allow_all;
mod vm_encryption_at_host_off;
mod vm_password_authentication_enabled;
mod vm_trusted_launch_off;
mod vm_unmanaged_disks;

use crate::engine::Rule;

/// compute rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &disk_network_access_allow_all::DiskNetworkAccessAllowAll,
    &vm_encryption_at_host_off::VmEncryptionAtHostOff,
    &vm_password_authentication_enabled::VmPasswordAuthenticationEnabled,
    &vm_trusted_launch_off::VmTrustedLaunchOff,
    &vm_unmanaged_disks::VmUnmanagedDisks,
];
