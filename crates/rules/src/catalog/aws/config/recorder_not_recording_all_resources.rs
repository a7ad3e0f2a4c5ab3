use crate::prelude::*;

/// Flags Config recorders that are stopped, record only some resource types, or have no
/// delivery channel.
pub(crate) struct RecorderNotRecordingAllResources;

impl TypedRule for RecorderNotRecordingAllResources {
    type Config = aws::ConfigRecorder;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        c: &aws::ConfigRecorder,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        let mut problems = Vec::new();
        if !*need(&c.recording, "recording")? {
            problems.push("stopped".to_owned());
        }
        if !*need(&c.all_supported, "all_supported")? {
            problems.push("records only selected resource types".to_owned());
        }
        if c.excluded_resource_types
            .as_ref()
            .is_some_and(|x| !x.is_empty())
        {
            problems.push("excludes some resource types".to_owned());
        }
        if !need(&c.delivery_channel, "delivery_channel")?.configured {
            problems.push("has no delivery channel".to_owned());
        }
        Ok(Verdict::check(problems.is_empty(), || {
            Verdict::fail(
                format!(
                    "AWS Config recorder `{}` in {}: {}",
                    c.name,
                    r.region,
                    problems.join(", ")
                ),
                "config",
                json!(problems),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.config.recorder_not_recording_all_resources",
    title: "AWS Config recorder is stopped or does not record every resource type",
    severity: Severity::Medium,
    severity_rationale: "Config is the configuration history behind audits and investigations; a stopped or partial \
        recorder leaves gaps that cannot be filled afterwards, but exposes nothing by itself.",
    service: "config",
    description: "Checks that the region's configuration recorder is recording, records all supported resource types \
        with no exclusions, and has a delivery channel. (Whether global resource types such as IAM are included \
        is left to the region you choose for them.)",
    risk: "Changes to resources in the region leave no configuration history, and Config-based compliance checks \
        (including this tool's AWS Config input) see only part of the estate.",
    remediation: Remediation {
        summary: "Record all supported resource types, give the recorder a delivery channel, and start it.",
        cli: "aws configservice put-configuration-recorder --region {region} \\\n  --configuration-recorder name={config.name},roleARN=arn:aws:iam::{account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig \\\n  --recording-group allSupported=true,includeGlobalResourceTypes=true\n\
              aws configservice put-delivery-channel --region {region} --delivery-channel name=default,s3BucketName=<config-bucket>\n\
              aws configservice start-configuration-recorder --region {region} --configuration-recorder-name {config.name}",
        terraform: "resource \"aws_config_configuration_recorder\" \"{name}\" {\n  name     = \"{config.name}\"\n  role_arn = aws_iam_service_linked_role.config.arn\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}\n\nresource \"aws_config_configuration_recorder_status\" \"{name}\" {\n  name       = aws_config_configuration_recorder.{name}.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.this]\n}",
        console: "AWS Config console ({region}) → Settings → Edit → Recording strategy: all resource types → choose the \
            delivery bucket → Save; then Start recording.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Recording only reads configuration; it adds Config charges per recorded item.",
    permissions: &[
        "config:DescribeConfigurationRecorders",
        "config:DescribeConfigurationRecorderStatus",
        "config:DescribeDeliveryChannels",
    ],
    references: &[
        "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
    ],
    cases: &[
        Case::pass(
            "recording everything with a channel",
            r#"{"config": {"name": "default", "recording": true, "all_supported": true, "excluded_resource_types": [], "delivery_channel": {"configured": true, "s3_bucket_name": "b"}}}"#,
        ),
        Case::fail(
            "stopped",
            r#"{"config": {"name": "default", "recording": false, "all_supported": true, "delivery_channel": {"configured": true}}}"#,
        ),
        Case::fail(
            "near miss: recording but only selected types",
            r#"{"config": {"name": "default", "recording": true, "all_supported": false, "resource_types": ["AWS::S3::Bucket"], "delivery_channel": {"configured": true}}}"#,
        ),
        Case::fail(
            "no delivery channel",
            r#"{"config": {"name": "default", "recording": true, "all_supported": true, "delivery_channel": {"configured": false}}}"#,
        ),
        Case::unknown(
            "recorder status not observed",
            r#"{"config": {"name": "default", "all_supported": true, "delivery_channel": {"configured": true}}}"#,
        ),
    ],
};
