//! Lambda functions: configuration (from the listing), resource policy, function URLs, tags.

use aws_sdk_lambda::Client;
use posture_model::kinds::aws::LambdaFunction;
use posture_model::{Config, Resource};

use super::iam::pages;
use super::{each, gap, policy, tags};
use crate::Cx;
use crate::client::Fail;

pub(super) async fn collect(cx: &Cx) -> Result<Vec<Resource>, Fail> {
    let lambda = Client::from_conf(
        aws_sdk_lambda::config::Builder::from(&cx.sdk)
            .interceptor(cx.meter.clone())
            .build(),
    );
    let mut fns = Vec::new();
    pages!(
        cx,
        "lambda:ListFunctions",
        lambda.list_functions().into_paginator(),
        |p| {
            fns.extend(p.functions().iter().cloned());
        }
    )?;
    let cx = cx.clone();
    Ok(each(fns, move |f| {
        let (cx, lambda) = (cx.clone(), lambda.clone());
        async move { function(&cx, &lambda, f).await }
    })
    .await)
}

async fn function(
    cx: &Cx,
    lambda: &Client,
    f: aws_sdk_lambda::types::FunctionConfiguration,
) -> Resource {
    let name = f.function_name().unwrap_or_default().to_owned();
    let arn = f.function_arn().map_or_else(
        || cx.arn("lambda", &format!("function:{name}")),
        str::to_owned,
    );
    let mut env: Vec<String> = f
        .environment()
        .and_then(|e| e.variables())
        .map(|v| v.keys().cloned().collect())
        .unwrap_or_default();
    env.sort();
    let mut c = LambdaFunction {
        function_name: name.clone(),
        runtime: f.runtime().map(|r| r.as_str().to_owned()),
        role: f.role().map(str::to_owned),
        environment_variable_names: Some(env),
        policy: None,
        url_auth_type: None,
        vpc_id: Some(
            f.vpc_config()
                .and_then(|v| v.vpc_id())
                .unwrap_or_default()
                .to_owned(),
        ),
    };
    let mut r = cx.resource(
        arn.clone(),
        name.clone(),
        Config::AwsLambdaFunction(Box::default()),
    );
    let (pol, urls, tag_list) = tokio::join!(
        cx.call(
            "lambda:GetPolicy",
            lambda.get_policy().function_name(&name).send()
        ),
        cx.call(
            "lambda:ListFunctionUrlConfigs",
            lambda
                .list_function_url_configs()
                .function_name(&name)
                .send()
        ),
        cx.call("lambda:ListTags", lambda.list_tags().resource(&arn).send()),
    );
    match pol {
        Ok(o) => match o.policy().map(policy).transpose() {
            Ok(d) => c.policy = Some(d.unwrap_or_default()),
            Err(e) => r.gaps.push(posture_model::Gap {
                field: "policy".into(),
                api: Some("lambda:GetPolicy".into()),
                reason: posture_model::GapReason::Error,
                detail: format!("function policy does not parse: {e}"),
            }),
        },
        // No resource policy at all.
        Err(f) if f.code == "ResourceNotFoundException" => c.policy = Some(Default::default()),
        Err(f) => gap(&mut r, "policy", &f),
    }
    match urls {
        Ok(o) => {
            c.url_auth_type = Some(
                o.function_url_configs()
                    .iter()
                    .map(|u| u.auth_type().as_str().to_owned())
                    // A public (`NONE`) URL wins over an IAM one.
                    .min_by_key(|a| a != "NONE")
                    .unwrap_or_default(),
            );
        }
        // Endpoints without the list operation (older emulators, some partitions): ask for
        // the unqualified function's URL instead.
        Err(f) if f.reason == posture_model::GapReason::Error => {
            match cx
                .call(
                    "lambda:GetFunctionUrlConfig",
                    lambda.get_function_url_config().function_name(&name).send(),
                )
                .await
            {
                Ok(o) => c.url_auth_type = Some(o.auth_type().as_str().to_owned()),
                Err(g) if g.code == "ResourceNotFoundException" => {
                    c.url_auth_type = Some(String::new());
                }
                Err(g) => gap(&mut r, "url_auth_type", &g),
            }
        }
        Err(f) => gap(&mut r, "url_auth_type", &f),
    }
    match tag_list {
        Ok(o) => {
            r.tags = tags(
                o.tags()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| (Some(k.as_str()), Some(v.as_str()))),
            );
        }
        Err(f) => gap(&mut r, "tags", &f),
    }
    r.config = Config::AwsLambdaFunction(Box::new(c));
    r
}
