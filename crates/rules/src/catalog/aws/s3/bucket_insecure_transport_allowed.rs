use crate::iam::denies_insecure_transport;
use crate::prelude::*;

/// Flags buckets whose policy does not refuse plain-HTTP requests.
pub(crate) struct BucketInsecureTransportAllowed;

impl TypedRule for BucketInsecureTransportAllowed {
    type Config = aws::S3Bucket;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        b: &aws::S3Bucket,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let policy = need(&b.policy, "policy")?;
        if denies_insecure_transport(policy) {
            return Ok(Verdict::Pass);
        }
        Ok(Verdict::fail(
            format!(
                "Bucket `{}` policy has no Deny for requests made without TLS (aws:SecureTransport = false)",
                r.name
            ),
            "config.policy.statements",
            json!(policy.statements.len()),
        ))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.s3.bucket_insecure_transport_allowed",
    title: "S3 bucket accepts requests over plain HTTP",
    severity: Severity::Medium,
    severity_rationale: "Exploiting it requires a client that uses HTTP and an attacker on the network path; \
        the impact (reading or altering data in transit) is significant, so Medium.",
    service: "s3",
    description: "Checks the bucket policy for a Deny statement covering object reads and writes for every \
        principal when `aws:SecureTransport` is false (or when `s3:TlsVersion` is below a minimum). \
        Evidence shows how many statements the policy has.",
    risk: "Misconfigured clients, SDKs or scripts can send credentials-signed requests and object data in \
        clear text, exposing it to interception or tampering.",
    remediation: Remediation {
        summary: "Add a Deny statement for `s3:*` on the bucket and its objects when aws:SecureTransport is false.",
        cli: "cat > tls-only.json <<'JSON'\n\
              {\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\
              \"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::{name}\",\"arn:aws:s3:::{name}/*\"],\
              \"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}\n\
              JSON\n\
              # merge this statement into the existing policy first, if the bucket has one\n\
              aws s3api put-bucket-policy --bucket {name} --policy file://tls-only.json",
        terraform: "data \"aws_iam_policy_document\" \"{name}_tls_only\" {\n  statement {\n    sid       = \"DenyInsecureTransport\"\n    effect    = \"Deny\"\n    actions   = [\"s3:*\"]\n    resources = [\"arn:aws:s3:::{name}\", \"arn:aws:s3:::{name}/*\"]\n    principals {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n      values   = [\"false\"]\n    }\n  }\n}",
        console: "S3 console → Buckets → {name} → Permissions → Bucket policy → Edit: add a Deny statement for \
            s3:* on the bucket and `/*` with condition Bool aws:SecureTransport = false → Save.",
    },
    fix_safety: FixSafety::Unsafe,
    fix_safety_reason: "Clients still using http:// endpoints (old SDKs, embedded devices, hard-coded URLs) \
        start getting Access Denied.",
    permissions: &["s3:GetBucketPolicy"],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html",
    ],
    cases: &[
        Case::pass(
            "Deny s3:* without SecureTransport",
            r#"{"config": {"policy": {"statements": [{"effect": "Deny", "principal": {"any": true}, "actions": ["s3:*"], "resources": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                "conditions": [{"operator": "Bool", "key": "aws:SecureTransport", "values": ["false"]}]}]}}}"#,
        ),
        Case::pass(
            "Deny below TLS 1.2",
            r#"{"config": {"policy": {"statements": [{"effect": "Deny", "principal": {"aws": ["*"]}, "actions": ["s3:*"], "resources": ["arn:aws:s3:::b/*"],
                "conditions": [{"operator": "NumericLessThan", "key": "s3:TlsVersion", "values": ["1.2"]}]}]}}}"#,
        ),
        Case::fail(
            "bucket has no policy",
            r#"{"config": {"policy": {"statements": []}}}"#,
        ),
        Case::fail(
            "Deny covers only DeleteBucket",
            r#"{"config": {"policy": {"statements": [{"effect": "Deny", "principal": {"any": true}, "actions": ["s3:DeleteBucket"], "resources": ["arn:aws:s3:::b"],
                "conditions": [{"operator": "Bool", "key": "aws:SecureTransport", "values": ["false"]}]}]}}}"#,
        ),
        Case::fail(
            "Allow conditioned on SecureTransport true does not block HTTP for others",
            r#"{"config": {"policy": {"statements": [{"effect": "Allow", "principal": {"aws": ["arn:aws:iam::111122223333:root"]}, "actions": ["s3:*"], "resources": ["arn:aws:s3:::b/*"],
                "conditions": [{"operator": "Bool", "key": "aws:SecureTransport", "values": ["true"]}]}]}}}"#,
        ),
        Case::unknown(
            "policy denied",
            r#"{"config": {}, "gaps": [{"field": "policy", "api": "s3:GetBucketPolicy", "reason": "denied"}]}"#,
        ),
    ],
};
