//! One module per AWS service: list its resources, read the settings rules need, map them into
//! the typed model. Every failed read is a gap on the resource (the field stays `None`).

mod cloudtrail;
mod ec2;
mod elbv2;
mod iam;
mod kms;
mod lambda;
mod rds;
mod s3;

use posture_model::{Gap, Resource, Tags};

use crate::client::Fail;
use crate::{Cx, Out, Service};

/// Collect one service in one account × region.
pub(crate) async fn run(svc: Service, cx: &Cx) -> Out {
    let r = match svc {
        Service::Iam => iam::collect(cx).await,
        Service::S3 => s3::collect(cx).await,
        Service::S3Control => s3::account_public_access_block(cx).await,
        Service::Ec2 => return ec2::collect(cx).await,
        Service::Rds => rds::collect(cx).await,
        Service::CloudTrail => cloudtrail::collect(cx).await,
        Service::Kms => kms::collect(cx).await,
        Service::Lambda => lambda::collect(cx).await,
        Service::Elbv2 => elbv2::collect(cx).await,
    };
    match r {
        Ok(resources) => Out {
            resources,
            ..Out::default()
        },
        Err(f) => Out {
            failed: Some(f),
            ..Out::default()
        },
    }
}

/// Record a failed read of `field` on a resource.
pub(crate) fn gap(r: &mut Resource, field: &str, f: &Fail) {
    r.gaps.push(Gap {
        field: field.to_owned(),
        api: Some(f.api.to_owned()),
        reason: f.reason,
        detail: f.detail.clone(),
    });
}

/// Tags from `(key, value)` pairs.
pub(crate) fn tags<'a>(
    pairs: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Tags {
    let mut t = Tags::new();
    for (k, v) in pairs {
        if let Some(k) = k {
            t.insert(k.to_owned(), v.unwrap_or_default().to_owned());
        }
    }
    t
}

/// RFC 3339 from an SDK date-time.
pub(crate) fn time(t: Option<&aws_smithy_types::DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(aws_smithy_types::date_time::Format::DateTime).ok())
}

/// Parse an AWS policy document (JSON or URL-encoded JSON text).
pub(crate) fn policy(text: &str) -> Result<posture_model::policy::PolicyDocument, String> {
    posture_model::policy::PolicyDocument::from_aws_json(&serde_json::Value::String(
        text.to_owned(),
    ))
    .map_err(|e| e.to_string())
}

/// Run one future per item as tokio tasks (the global permit bounds the calls in flight) and
/// return their outputs in the order of the items.
pub(crate) async fn each<T, F, Fut>(items: Vec<T>, f: F) -> Vec<Fut::Output>
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future + Send + 'static,
    Fut::Output: Send + 'static,
{
    let n = items.len();
    let mut set = tokio::task::JoinSet::new();
    for (i, item) in items.into_iter().enumerate() {
        let fut = f(item);
        set.spawn(async move { (i, fut.await) });
    }
    let mut out: Vec<Option<Fut::Output>> = (0..n).map(|_| None).collect();
    while let Some(done) = set.join_next().await {
        if let Ok((i, v)) = done
            && let Some(slot) = out.get_mut(i)
        {
            *slot = Some(v);
        }
    }
    out.into_iter().flatten().collect()
}
