//! S3 rules.

mod account_public_access_block_off;
mod bucket_access_logging_off;
mod bucket_acls_enabled;
mod bucket_default_encryption_missing;
mod bucket_insecure_transport_allowed;
mod bucket_mfa_delete_off;
mod bucket_policy_public;
mod bucket_public_access_block_off;
mod bucket_public_acl;
mod bucket_versioning_off;

mod bucket_object_lock_off;
use crate::engine::Rule;

/// S3 rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &account_public_access_block_off::AccountPublicAccessBlockOff,
    &bucket_access_logging_off::BucketAccessLoggingOff,
    &bucket_acls_enabled::BucketAclsEnabled,
    &bucket_default_encryption_missing::BucketDefaultEncryptionMissing,
    &bucket_insecure_transport_allowed::BucketInsecureTransportAllowed,
    &bucket_mfa_delete_off::BucketMfaDeleteOff,
    &bucket_policy_public::BucketPolicyPublic,
    &bucket_public_access_block_off::BucketPublicAccessBlockOff,
    &bucket_public_acl::BucketPublicAcl,
    &bucket_versioning_off::BucketVersioningOff,
    &bucket_object_lock_off::BucketObjectLockOff,
];
