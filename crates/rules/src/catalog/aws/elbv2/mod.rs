//! Elastic Load Balancing (v2) rules.

mod load_balancer_access_logs_off;
mod load_balancer_deletion_protection_off;
mod load_balancer_http_without_redirect;
mod load_balancer_invalid_headers_kept;
mod load_balancer_weak_tls_policy;

use crate::engine::Rule;

/// ELBv2 rules.
pub(crate) const RULES: &[&'static dyn Rule] = &[
    &load_balancer_access_logs_off::LoadBalancerAccessLogsOff,
    &load_balancer_deletion_protection_off::LoadBalancerDeletionProtectionOff,
    &load_balancer_http_without_redirect::LoadBalancerHttpWithoutRedirect,
    &load_balancer_invalid_headers_kept::LoadBalancerInvalidHeadersKept,
    &load_balancer_weak_tls_policy::LoadBalancerWeakTlsPolicy,
];

/// Whether the load balancer is an Application Load Balancer (`None` when the type is unknown).
pub(crate) fn is_application(lb: &posture_model::kinds::aws::LoadBalancer) -> Option<bool> {
    lb.lb_type
        .as_deref()
        .map(|t| t.eq_ignore_ascii_case("application"))
}
