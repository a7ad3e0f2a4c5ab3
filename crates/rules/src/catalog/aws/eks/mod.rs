//! EKS rules.

mod cluster_endpoint_public_unrestricted;
mod cluster_logging_incomplete;
mod cluster_secrets_not_encrypted;
mod cluster_version_unsupported;

use crate::engine::Rule;

/// EKS rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &cluster_endpoint_public_unrestricted::ClusterEndpointPublicUnrestricted,
    &cluster_logging_incomplete::ClusterLoggingIncomplete,
    &cluster_secrets_not_encrypted::ClusterSecretsNotEncrypted,
    &cluster_version_unsupported::ClusterVersionUnsupported,
];
