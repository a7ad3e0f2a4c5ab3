use crate::prelude::*;

/// Flags alarms that notify no one: actions disabled, or no action on entering ALARM.
pub(crate) struct AlarmWithoutActions;

impl TypedRule for AlarmWithoutActions {
    type Config = aws::CloudWatchAlarm;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        r: &Resource,
        a: &aws::CloudWatchAlarm,
        _cx: &EvalContext<'_>,
    ) -> Result<Verdict, Missing> {
        if !*need(&a.actions_enabled, "actions_enabled")? {
            return Ok(Verdict::fail(
                format!("Alarm `{}` has its actions disabled", r.name),
                "config.actions_enabled",
                json!(false),
            ));
        }
        let actions = need(&a.alarm_actions, "alarm_actions")?;
        Ok(Verdict::check(!actions.is_empty(), || {
            Verdict::fail(
                format!("Alarm `{}` has no action for the ALARM state", r.name),
                "config.alarm_actions",
                json!(actions),
            )
        }))
    }
}

static META: RuleMeta = RuleMeta {
    id: "aws.cloudwatch.alarm_without_actions",
    title: "CloudWatch alarm notifies no one",
    severity: Severity::Low,
    severity_rationale: "An alarm that changes state silently is only visible to someone looking at the console; it is a \
        monitoring gap, not an exposure.",
    service: "cloudwatch",
    description: "Checks that a metric alarm has its actions enabled and at least one action (an SNS topic, an Auto \
        Scaling policy, an EC2 or Systems Manager action) for the ALARM state.",
    risk: "The condition the alarm was built to catch happens and nobody is told.",
    remediation: Remediation {
        summary: "Enable the alarm's actions and point the ALARM state at an SNS topic someone is subscribed to.",
        cli: "aws cloudwatch enable-alarm-actions --region {region} --alarm-names {config.alarm_name}\n\
              # then re-create it with --alarm-actions arn:aws:sns:{region}:{account}:<topic> (put-metric-alarm replaces the alarm)",
        terraform: "resource \"aws_cloudwatch_metric_alarm\" \"{name}\" {\n  # …\n  actions_enabled = true\n  alarm_actions   = [aws_sns_topic.alerts.arn]\n}",
        console: "CloudWatch console → Alarms → {config.alarm_name} → Actions → Edit → add a notification to an SNS topic; \
            Actions → Enable actions.",
    },
    fix_safety: FixSafety::Safe,
    fix_safety_reason: "Adds notifications; an Auto Scaling or EC2 action would change behaviour, so add only SNS targets here.",
    permissions: &["cloudwatch:DescribeAlarms"],
    references: &[
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
    ],
    cases: &[
        Case::pass(
            "actions enabled with a topic",
            r#"{"config": {"alarm_name": "a", "actions_enabled": true, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:t"]}}"#,
        ),
        Case::fail(
            "actions disabled",
            r#"{"config": {"alarm_name": "a", "actions_enabled": false, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:t"]}}"#,
        ),
        Case::fail(
            "near miss: OK actions only",
            r#"{"config": {"alarm_name": "a", "actions_enabled": true, "alarm_actions": [], "ok_actions": ["arn:aws:sns:us-east-1:111122223333:t"]}}"#,
        ),
        Case::unknown("actions not observed", r#"{"config": {"alarm_name": "a"}}"#),
    ],
};
