//! SDK plumbing shared by every service collector: the HTTP client (rustls with ring), retry and
//! timeout settings, the call meter (an interceptor counting every API call per operation), and
//! the classification of SDK errors into coverage gaps.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, SdkConfig};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextMut, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpResponse, Metadata};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use posture_model::GapReason;

use crate::AwsOptions;

/// Counts of one API operation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallCount {
    /// Executions (one per SDK call, whatever the retries).
    pub calls: u64,
    /// Attempts on the wire (calls + retries).
    pub attempts: u64,
    /// Attempts answered with a throttling status (429, 503) or error code.
    pub throttled: u64,
}

/// An SDK interceptor that counts calls per `(service, operation)`. Cheap to clone (shared).
#[derive(Clone, Debug, Default)]
pub struct Meter {
    counts: Arc<Mutex<BTreeMap<(String, String), CallCount>>>,
}

impl Meter {
    /// A snapshot of the counts, keyed by `(sdk service, operation)`.
    #[must_use]
    pub fn snapshot(&self) -> BTreeMap<(String, String), CallCount> {
        self.counts.lock().map(|m| m.clone()).unwrap_or_default()
    }

    fn bump(&self, cfg: &ConfigBag, f: impl FnOnce(&mut CallCount)) {
        let Some(meta) = cfg.load::<Metadata>() else {
            return;
        };
        if let Ok(mut m) = self.counts.lock() {
            let key = (meta.service().to_owned(), meta.name().to_owned());
            f(m.entry(key).or_default());
        }
    }
}

impl Intercept for Meter {
    fn name(&self) -> &'static str {
        "posture-call-meter"
    }

    fn read_after_execution(
        &self,
        _context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.bump(cfg, |c| c.calls += 1);
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let throttled = context
            .response()
            .is_some_and(|r| matches!(r.status().as_u16(), 429 | 503));
        self.bump(cfg, |c| {
            c.attempts += 1;
            if throttled {
                c.throttled += 1;
            }
        });
        Ok(())
    }
}

/// The base SDK configuration: standard credential chain (environment, shared config and
/// credentials files, `--profile`, SSO, web identity, process credentials, IMDS), the
/// `AWS_ENDPOINT_URL*` variables, adaptive retries and timeouts.
pub(crate) async fn base_config(opts: &AwsOptions) -> SdkConfig {
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .retry_config(
            RetryConfig::adaptive()
                .with_max_attempts(opts.max_attempts.max(1))
                .with_initial_backoff(Duration::from_millis(opts.initial_backoff_ms.max(1))),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(opts.attempt_timeout)
                .operation_timeout(opts.attempt_timeout * opts.max_attempts.max(1) * 2)
                .build(),
        );
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    let conf = loader.load().await;
    if conf.region().is_none() {
        // Global calls (IAM, S3 ListBuckets, Organizations, STS) need a signing region.
        return conf
            .to_builder()
            .region(aws_config::Region::new("us-east-1"))
            .build();
    }
    conf
}

/// Why an API call failed, as a coverage gap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fail {
    /// The IAM action of the call (`s3:GetBucketPolicy`).
    pub api: &'static str,
    /// The gap reason.
    pub reason: GapReason,
    /// The error code when the service gave one (`AccessDenied`).
    pub code: String,
    /// A readable message.
    pub detail: String,
    /// The region is not enabled for the account (the call could not authenticate there).
    pub region_disabled: bool,
}

impl std::fmt::Display for Fail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.reason.as_str(), self.api, self.detail)
    }
}

const DENIED: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "AuthorizationError",
    "AuthorizationErrorException",
    "Forbidden",
    "InsufficientPermissionsException",
];
const THROTTLED: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "LimitExceededException",
];
const REGION_DISABLED: &[&str] = &[
    "OptInRequired",
    "AuthFailure",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
];

/// Classify an SDK error.
pub(crate) fn fail<E>(api: &'static str, err: &SdkError<E, HttpResponse>) -> Fail
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let code = err.code().unwrap_or_default().to_owned();
    let message = err.message().unwrap_or_default().to_owned();
    let (reason, detail) = match err {
        SdkError::TimeoutError(_) => (GapReason::Timeout, "the call timed out".to_owned()),
        SdkError::DispatchFailure(d) if d.is_timeout() => {
            (GapReason::Timeout, "the call timed out".to_owned())
        }
        SdkError::DispatchFailure(d) => (
            GapReason::Error,
            format!(
                "could not reach the endpoint: {}",
                chain(
                    d.as_connector_error()
                        .map(|e| e as &(dyn std::error::Error + 'static))
                )
            ),
        ),
        SdkError::ConstructionFailure(_) => (
            GapReason::Error,
            format!("request could not be built: {}", chain(Some(err))),
        ),
        _ if DENIED.contains(&code.as_str()) => (GapReason::Denied, detail_of(&code, &message)),
        _ if THROTTLED.contains(&code.as_str()) => (
            GapReason::Throttled,
            format!(
                "still throttled after retries ({})",
                detail_of(&code, &message)
            ),
        ),
        _ => {
            let status = match err {
                SdkError::ServiceError(s) => Some(s.raw().status().as_u16()),
                SdkError::ResponseError(r) => Some(r.raw().status().as_u16()),
                _ => None,
            };
            let reason = match status {
                Some(403) => GapReason::Denied,
                // 429, and 503 `SlowDown`/`ServiceUnavailable` that retries did not get past.
                Some(429 | 503) => GapReason::Throttled,
                _ => GapReason::Error,
            };
            let d = if code.is_empty() && message.is_empty() {
                match status {
                    Some(s) => format!("HTTP {s}: {}", chain(Some(err))),
                    None => chain(Some(err)),
                }
            } else {
                detail_of(&code, &message)
            };
            (reason, d)
        }
    };
    Fail {
        api,
        reason,
        region_disabled: REGION_DISABLED.contains(&code.as_str()),
        code,
        detail,
    }
}

fn detail_of(code: &str, message: &str) -> String {
    match (code.is_empty(), message.is_empty()) {
        (false, false) => format!("{code}: {message}"),
        (false, true) => code.to_owned(),
        (true, false) => message.to_owned(),
        (true, true) => "no detail given".to_owned(),
    }
}

fn chain(e: Option<&(dyn std::error::Error + 'static)>) -> String {
    let mut out = String::new();
    let mut cur = e;
    while let Some(e) = cur {
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&e.to_string());
        cur = e.source();
    }
    out
}

/// S3 Control puts the account id in front of the endpoint host (`123456789012.s3-control…`).
/// A custom endpoint given as an IP address or `localhost` (an emulator, a proxy) cannot take a
/// prefix; this interceptor removes it there, leaving the `x-amz-account-id` header to say which
/// account. Endpoints with real host names are left alone.
#[derive(Debug)]
pub struct StripAccountPrefix;

impl Intercept for StripAccountPrefix {
    fn name(&self) -> &'static str {
        "posture-strip-account-host-prefix"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let uri = context.request().uri().to_owned();
        let Some((scheme, rest)) = uri.split_once("://") else {
            return Ok(());
        };
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let Some((prefix, host)) = authority.split_once('.') else {
            return Ok(());
        };
        let bare = host.split(':').next().unwrap_or(host);
        let literal = bare == "localhost" || bare.parse::<std::net::IpAddr>().is_ok();
        if literal && prefix.len() == 12 && prefix.bytes().all(|b| b.is_ascii_digit()) {
            context
                .request_mut()
                .set_uri(format!("{scheme}://{host}{path}"))?;
        }
        Ok(())
    }
}
