#!/usr/bin/env bash
# Deploys the production stack of one stage: lints template.yaml, publishes the functions
# (artifacts/functions.zip), then packages and deploys stack dynamo-STAGE with the SAM CLI when present,
# else with the AWS CLI. --dry-run lints and prints the commands without calling AWS.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh STAGE [--dry-run] [--bucket BUCKET] [--region REGION] [--tool sam|aws]
                         [--parameter Name=Value]...

  STAGE              dev, staging or prod: the API stage, the Lambda alias and the stack dynamo-STAGE.
  --dry-run          Lint the templates and print the commands a deployment would run; call no AWS API.
  --bucket BUCKET    The S3 bucket the function package is uploaded to (default: $DYNAMO_DEPLOY_BUCKET;
                     the SAM CLI manages its own bucket when neither is given).
  --region REGION    The AWS region (default: the AWS CLI's configuration, e.g. $AWS_REGION).
  --tool sam|aws     Deploy with this CLI (default: sam when installed, else aws).
  --parameter N=V    A template parameter, e.g. AllowedCidrs=203.0.113.0/24 or AlarmEmail=ops@example.com
                     (repeatable). Give every parameter whose value is not the template's default at
                     each deployment: the commands pass on only what is given here.
EOF
}

fail() { echo "deploy.sh: $*" >&2; exit 2; }

stage="" dry_run=false bucket="${DYNAMO_DEPLOY_BUCKET:-}" region="" tool=""
overrides=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --dry-run) dry_run=true ;;
    --bucket) [ $# -ge 2 ] || fail "--bucket needs a bucket name"; bucket="$2"; shift ;;
    --region) [ $# -ge 2 ] || fail "--region needs a region"; region="$2"; shift ;;
    --tool) [ $# -ge 2 ] || fail "--tool needs sam or aws"; tool="$2"; shift ;;
    --parameter)
      [ $# -ge 2 ] || fail "--parameter needs Name=Value"
      [[ "$2" =~ ^[A-Za-z0-9]+=.*$ ]] || fail "--parameter '$2' is not Name=Value"
      [[ "$2" != Stage=* ]] || fail "the stage is the first argument, not --parameter Stage=..."
      overrides+=("$2"); shift ;;
    -*) usage >&2; fail "unknown option '$1'" ;;
    *) [ -z "$stage" ] || fail "one stage only (got '$stage' and '$1')"; stage="$1" ;;
  esac
  shift
done
case "$stage" in
  dev|staging|prod) ;;
  "") usage >&2; fail "name the stage: dev, staging or prod" ;;
  *) fail "unknown stage '$stage': dev, staging or prod" ;;
esac
if [ -z "$tool" ]; then
  if command -v sam >/dev/null; then tool=sam; else tool=aws; fi
fi
case "$tool" in sam|aws) ;; *) fail "--tool must be sam or aws, not '$tool'" ;; esac

cd "$ROOT"
stack="dynamo-$stage"
template="template.yaml"
package="artifacts/functions.zip"
packaged="artifacts/packaged-$stage.yaml"
parameters=("Stage=$stage" "${overrides[@]}")
region_args=()
[ -z "$region" ] || region_args=(--region "$region")

# Prints a command as a shell would read it back, then runs it unless this is a dry run.
run() {
  printf '+'; printf ' %q' "$@"; printf '\n'
  if ! $dry_run; then "$@"; fi
}

# 1. The parameters, checked as CloudFormation would check them (an unknown name or a value outside its
#    constraints stops here, before anything is built), and warnings about what the stage would regret
#    (loopback-only AllowedCidrs, alarms nobody hears).
plan_args=()
for assignment in "${overrides[@]}"; do plan_args+=(--parameter "$assignment"); done
echo "Checking the parameters of $stack..."
"$ROOT/scripts/dynamo" plan "$stage" "${plan_args[@]}" || fail "the parameters above would be refused; nothing was published or deployed"

# 2. Lint: what cannot be deployed from here is at least checked (cfn-lint knows SAM and every resource type).
command -v cfn-lint >/dev/null || fail "cfn-lint is needed (pip install cfn-lint)"
templates=("$template")
[ ! -f serverless.template ] || templates+=(serverless.template)
echo "Linting ${templates[*]} with $(cfn-lint --version)..."
cfn-lint "${templates[@]}"

# 3. Publish: the Native AOT bootstrap of every function, zipped into artifacts/functions.zip.
if [ -x scripts/publish.sh ]; then
  run scripts/publish.sh
elif [ -f "$package" ]; then
  echo "scripts/publish.sh is not in this checkout; deploying the existing $package."
elif $dry_run; then
  echo "scripts/publish.sh is not in this checkout; a deployment needs $package, which it builds."
else
  fail "scripts/publish.sh is not in this checkout and $package is missing: nothing to deploy"
fi

# 4. Package and deploy. The template creates IAM roles (CAPABILITY_IAM) and is a SAM transform, which
#    CloudFormation expands only when told it may (CAPABILITY_AUTO_EXPAND).
capabilities=(--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND)
if [ "$tool" = sam ]; then
  $dry_run || command -v sam >/dev/null || fail "the SAM CLI is not installed (--tool aws deploys with the AWS CLI)"
  if [ -n "$bucket" ]; then s3=(--s3-bucket "$bucket" --s3-prefix "$stack"); else s3=(--resolve-s3); fi
  run sam deploy --template-file "$template" --stack-name "$stack" "${capabilities[@]}" \
    "${s3[@]}" "${region_args[@]}" --parameter-overrides "${parameters[@]}" \
    --no-confirm-changeset --no-fail-on-empty-changeset
else
  $dry_run || command -v aws >/dev/null || fail "neither the SAM CLI nor the AWS CLI is installed"
  if [ -z "$bucket" ]; then
    $dry_run || fail "the AWS CLI needs an S3 bucket for the package: --bucket BUCKET or DYNAMO_DEPLOY_BUCKET"
    echo "No bucket given (--bucket or DYNAMO_DEPLOY_BUCKET); the commands show BUCKET in its place."
    bucket=BUCKET
  fi
  $dry_run || mkdir -p artifacts
  run aws cloudformation package --template-file "$template" --s3-bucket "$bucket" --s3-prefix "$stack" \
    --output-template-file "$packaged" "${region_args[@]}"
  run aws cloudformation deploy --template-file "$packaged" --stack-name "$stack" "${capabilities[@]}" \
    "${region_args[@]}" --parameter-overrides "${parameters[@]}" --no-fail-on-empty-changeset
  # sam deploy prints the outputs (the API URL, the tables) itself; cloudformation deploy does not.
  run aws cloudformation describe-stacks --stack-name "$stack" "${region_args[@]}" \
    --query "Stacks[0].Outputs" --output table
fi

! $dry_run || echo "Dry run: nothing was published or deployed."
