"""Seed a moto server with a realistic AWS estate for Posture's live-collection tests and benchmark.

Usage: seed.py ENDPOINT [--scale N] [--regions r1,r2] [--config-snapshot FILE]

Every resource is created through the real AWS APIs (boto3 against moto). With --scale N the
per-region counts of instances, security groups, volumes, buckets, keys and functions grow
linearly (the benchmark uses this). With --config-snapshot, AWS Config's view of the resources
moto can describe through Config is written as `baseConfigurationItems` for the equivalence test.
Prints a JSON summary of what was created (names the tests assert on).
"""
import argparse
import io
import json
import sys
import zipfile

import boto3

ap = argparse.ArgumentParser()
ap.add_argument("endpoint")
ap.add_argument("--scale", type=int, default=1)
ap.add_argument("--regions", default="us-east-1,eu-west-1")
ap.add_argument("--config-snapshot")
args = ap.parse_args()

regions = args.regions.split(",")
kw = dict(endpoint_url=args.endpoint, aws_access_key_id="testing", aws_secret_access_key="testing")


def c(service, region="us-east-1"):
    return boto3.client(service, region_name=region, **kw)


summary = {"buckets": {}, "users": {}, "regions": regions}

# ---- IAM (global) ------------------------------------------------------------------------------
iam = c("iam")
iam.update_account_password_policy(MinimumPasswordLength=8, PasswordReusePrevention=1)
admin_doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
scoped_doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]})
iam.create_policy(PolicyName="full-admin", PolicyDocument=admin_doc)
iam.create_policy(PolicyName="reports-read", PolicyDocument=scoped_doc)
# A console user without MFA, with an inline admin policy and an access key.
iam.create_user(UserName="alice", Tags=[{"Key": "team", "Value": "payments"}])
iam.create_login_profile(UserName="alice", Password="Str0ng!Passw0rd-123")
iam.put_user_policy(UserName="alice", PolicyName="inline-admin", PolicyDocument=admin_doc)
iam.create_access_key(UserName="alice")
summary["users"]["alice"] = "console, no MFA, inline admin, one key"
# A programmatic user with a virtual MFA device and a scoped policy.
iam.create_user(UserName="bob")
dev = iam.create_virtual_mfa_device(VirtualMFADeviceName="bob-mfa")["VirtualMFADevice"]
iam.enable_mfa_device(UserName="bob", SerialNumber=dev["SerialNumber"], AuthenticationCode1="123456", AuthenticationCode2="654321")
iam.attach_user_policy(UserName="bob", PolicyArn="arn:aws:iam::123456789012:policy/reports-read")
summary["users"]["bob"] = "MFA, scoped policy"
trust_any = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})
trust_ec2 = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
iam.create_role(RoleName="open-trust", AssumeRolePolicyDocument=trust_any)
iam.create_role(RoleName="app-instance", AssumeRolePolicyDocument=trust_ec2)
iam.attach_role_policy(RoleName="app-instance", PolicyArn="arn:aws:iam::123456789012:policy/full-admin")
iam.create_instance_profile(InstanceProfileName="app-instance")
iam.add_role_to_instance_profile(InstanceProfileName="app-instance", RoleName="app-instance")
lambda_role = iam.create_role(RoleName="lambda-exec", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]

# ---- S3 (global listing, regional buckets) ----------------------------------------------------------
public_read = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::{b}/*"}]})
for i in range(args.scale):
    sfx = "" if i == 0 else f"-{i}"
    for region in regions:
        s3 = c("s3", region)
        loc = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        good = f"secure-logs-{region}{sfx}"
        s3.create_bucket(Bucket=good, **loc)
        s3.put_public_access_block(Bucket=good, PublicAccessBlockConfiguration={"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        s3.put_bucket_encryption(Bucket=good, ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}]})
        s3.put_bucket_versioning(Bucket=good, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_tagging(Bucket=good, Tagging={"TagSet": [{"Key": "env", "Value": "prod"}, {"Key": "data", "Value": "logs"}]})
        bad = f"public-site-{region}{sfx}"
        s3.create_bucket(Bucket=bad, **loc)
        s3.put_bucket_acl(Bucket=bad, ACL="public-read")
        s3.put_bucket_policy(Bucket=bad, Policy=public_read.replace("{b}", bad))
        s3.put_bucket_website(Bucket=bad, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
        if i == 0:
            summary["buckets"][good] = "private, encrypted, versioned"
            summary["buckets"][bad] = "public ACL and policy, no encryption config"

# ---- Regional services ------------------------------------------------------------------------------
def zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 'ok'\n")
    return buf.getvalue()

code = zip_bytes()
summary["instances"] = {}
for region in regions:
    ec2 = c("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=rt, SubnetId=subnet)
    ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL", LogDestinationType="s3", LogDestination=f"arn:aws:s3:::secure-logs-{region}")
    for i in range(args.scale):
        ssh = ec2.create_security_group(GroupName=f"ssh-open-{i}", Description="ssh from anywhere", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=ssh, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        web = ec2.create_security_group(GroupName=f"web-{i}", Description="https", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
        inst = ec2.run_instances(ImageId="ami-12c6146b", MinCount=2, MaxCount=2, InstanceType="t3.micro", SubnetId=subnet, SecurityGroupIds=[ssh],
                                 IamInstanceProfile={"Name": "app-instance"}, MetadataOptions={"HttpTokens": "optional"},
                                 TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "env", "Value": "prod"}]}])["Instances"]
        ids = [x["InstanceId"] for x in inst]
        if i == 0:
            summary["instances"][region] = ids
        ec2.create_volume(AvailabilityZone=f"{region}a", Size=8, Encrypted=False)
        ec2.create_volume(AvailabilityZone=f"{region}a", Size=8, Encrypted=True)
        kms = c("kms", region)
        k = kms.create_key(Description=f"app key {i}")["KeyMetadata"]["KeyId"]
        if i % 2 == 0:
            kms.enable_key_rotation(KeyId=k)
        lam = c("lambda", region)
        fn = f"handler-{i}"
        lam.create_function(FunctionName=fn, Runtime="python3.8", Role=lambda_role, Handler="index.handler", Code={"ZipFile": code},
                            Environment={"Variables": {"DB_PASSWORD": "not-a-real-secret", "STAGE": "prod"}})
        if i == 0:
            lam.create_function_url_config(FunctionName=fn, AuthType="NONE")
    rds = c("rds", region)
    rds.create_db_instance(DBInstanceIdentifier=f"orders-{region}", DBInstanceClass="db.t3.micro", Engine="postgres", MasterUsername="admin", MasterUserPassword="not-a-real-password-1",
                           AllocatedStorage=20, PubliclyAccessible=True, StorageEncrypted=False, BackupRetentionPeriod=0)
    ct = c("cloudtrail", region)
    if region == regions[0]:
        ct.create_trail(Name="org-trail", S3BucketName=f"secure-logs-{region}", IsMultiRegionTrail=True, EnableLogFileValidation=True)
        ct.start_logging(Name="org-trail")
    elb = c("elbv2", region)
    lb = elb.create_load_balancer(Name=f"web-{region}", Subnets=[subnet], SecurityGroups=[web], Scheme="internet-facing", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name=f"web-{region}", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
    elb.register_targets(TargetGroupArn=tg, Targets=[{"Id": summary["instances"][region][0]}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])

# ---- AWS Config's view, for the equivalence test ---------------------------------------------------------
if args.config_snapshot:
    items = []
    for region in regions:
        cfg = c("config", region)
        for rtype in ["AWS::S3::Bucket", "AWS::EC2::SecurityGroup", "AWS::IAM::User", "AWS::IAM::Role", "AWS::IAM::Policy"]:
            try:
                keys = cfg.list_discovered_resources(resourceType=rtype)["resourceIdentifiers"]
            except Exception as e:  # noqa: BLE001 - moto does not list every type everywhere
                print(f"config: {rtype} in {region}: {e}", file=sys.stderr)
                continue
            if not keys:
                continue
            for k in keys:
                try:
                    got = cfg.batch_get_resource_config(resourceKeys=[{"resourceType": k["resourceType"], "resourceId": k["resourceId"]}])
                    items.extend(got.get("baseConfigurationItems", []))
                except Exception as e:  # noqa: BLE001 - moto cannot describe every resource through Config
                    print(f"config: {rtype} {k['resourceId']}: {str(e)[:80]}", file=sys.stderr)
    with open(args.config_snapshot, "w") as f:
        json.dump({"baseConfigurationItems": items}, f, default=str)
    summary["config_items"] = len(items)

print(json.dumps(summary))
