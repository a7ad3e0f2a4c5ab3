"""Seed moto with misconfigured resources for the remediation tests; print their ids as JSON."""
import json
import sys

import boto3

endpoint = sys.argv[1]
kw = dict(endpoint_url=endpoint, region_name="us-east-1",
          aws_access_key_id="testing", aws_secret_access_key="testing")

kms = boto3.client("kms", **kw)
dev = kms.create_key(Description="dev key", Tags=[{"TagKey": "env", "TagValue": "dev"}])["KeyMetadata"]["KeyId"]
prod = kms.create_key(Description="prod key", Tags=[{"TagKey": "env", "TagValue": "prod"}])["KeyMetadata"]["KeyId"]
other = kms.create_key(Description="second dev key", Tags=[{"TagKey": "env", "TagValue": "dev"}])["KeyMetadata"]["KeyId"]

ec2 = boto3.client("ec2", **kw)
vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
sg = ec2.create_security_group(GroupName="ssh-open-dev", Description="ssh from anywhere", VpcId=vpc)["GroupId"]
ec2.create_tags(Resources=[sg], Tags=[{"Key": "env", "Value": "dev"}])
ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
     "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8"}]},
    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
])

s3 = boto3.client("s3", **kw)
s3.create_bucket(Bucket="trail-logs-dev")
ct = boto3.client("cloudtrail", **kw)
trail = ct.create_trail(Name="dev-trail", S3BucketName="trail-logs-dev", EnableLogFileValidation=False)["TrailARN"]
ct.start_logging(Name="dev-trail")

print(json.dumps({"dev_key": dev, "prod_key": prod, "other_key": other, "sg": sg, "trail": trail}))
