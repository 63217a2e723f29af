#!/usr/bin/env bash
# Write-capacity emulation against DynamoDB's costs, every write API, from the JavaScript v3 SDK and botocore.
# `dynamo local --in-memory --write-capacity WCU`, then the AWS SDK for JavaScript v3 and botocore each drive every write API against
# the stack's DynamoDB endpoint with 1 KB items, SECONDS per API once the burst is spent, RUNS times; each API's median
# items/s must be within TOLERANCE of its DynamoDB cost at the cap (WCU items/s; TransactWriteItems and
# ExecuteTransaction half that, a transactional write costing two units). With CHECKS=1 (the default) each SDK first
# checks every invalid write answers DynamoDB Local's own ValidationException whatever the bucket holds.
#   scripts/bench capacity      (environment: WCU=200 SECONDS=10 RUNS=3 TOLERANCE=0.1 CHECKS=1 APIS=PutItem,...)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$ROOT/scripts/lib/stack.sh"
cd "$ROOT"
WCU="${WCU:-200}"; SECONDS_PER_API="${SECONDS:-10}"; RUNS="${RUNS:-3}"; TOLERANCE="${TOLERANCE:-0.1}"; CHECKS="${CHECKS:-1}"

ensure_javascript_sdk
find_botocore_python
[ -n "$DYNAMO_BOTOCORE_PYTHON" ] || { echo "no Python with botocore: install the awscli (it brings botocore)" >&2; exit 1; }
scripts/dynamo --help >/dev/null   # builds the CLI and the functions first, so the wait below is only the start

WORK="$(mktemp -d)"
trap 'stop_stack; rm -rf "$WORK"' EXIT
start_stack capacity --write-capacity "$WCU"
export DYNAMODB_ENDPOINT="$DYNAMODB" DYNAMODB_LOCAL_ENDPOINT="$DYNAMODB_LOCAL"
export CAP="$WCU" SECONDS="$SECONDS_PER_API" TOLERANCE TABLE=orders KEY=orderId
machine
echo "stack: DynamoDB $DYNAMODB_ENDPOINT (metered, --write-capacity $WCU), DynamoDBLocal $DYNAMODB_LOCAL_ENDPOINT"

status=0
for run in $(seq "$RUNS"); do
  mode=rate
  [ "$CHECKS" = 1 ] && [ "$run" = 1 ] && mode=check
  echo "== run $run of $RUNS ($mode)"
  node tests/foreign-sdks/capacity.mjs "$mode" | tee -a "$WORK/results.txt" || status=1
  "$DYNAMO_BOTOCORE_PYTHON" tests/foreign-sdks/capacity.py "$mode" | tee -a "$WORK/results.txt" || status=1
done

python3 - "$WORK/results.txt" "$TOLERANCE" <<'PY' || status=1
import statistics, sys
rates = {}
for line in open(sys.argv[1]):
    if line.startswith("rate "):
        _, sdk, api, rate, expected = line.split()
        rates.setdefault((sdk, api, float(expected)), []).append(float(rate))
tolerance, ok = float(sys.argv[2]), True
print(f"{'SDK':<11} {'API':<22} {'items/s (median)':>17} {'runs':<30} {'cost at cap':>11} {'ratio':>6}")
for (sdk, api, expected), values in rates.items():
    median = statistics.median(values)
    good = abs(median - expected) <= tolerance * expected
    ok &= good
    print(f"{sdk:<11} {api:<22} {median:>17.1f} {', '.join(f'{v:.1f}' for v in values):<30} {expected:>11.0f} {median / expected:>6.3f}{'' if good else '  OUT OF TOLERANCE'}")
sys.exit(0 if ok and rates else 1)
PY
echo "capacity lines of the stack (last 5):"; grep '^capacity ' "$STACK_LOG" | tail -5
exit "$status"
