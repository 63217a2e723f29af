#!/usr/bin/env bash
# The write-capacity emulation measured with clients nobody here wrote (issue 23's done-when): `dynamo local
# --in-memory --write-capacity WCU`, then the AWS SDK for JavaScript v3 and botocore each drive every write API against
# the stack's DynamoDB endpoint with 1 KB items, SECONDS per API once the burst is spent, RUNS times; each API's median
# items/s must be within TOLERANCE of its DynamoDB cost at the cap (WCU items/s; TransactWriteItems and
# ExecuteTransaction half that, a transactional write costing two units). With CHECKS=1 (the default) each SDK first
# checks every invalid write answers DynamoDB Local's own ValidationException whatever the bucket holds.
#   scripts/capacity-check.sh      (environment: WCU=200 SECONDS=10 RUNS=3 TOLERANCE=0.1 CHECKS=1 APIS=PutItem,...)
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"
WCU="${WCU:-200}"; SECONDS_PER_API="${SECONDS:-10}"; RUNS="${RUNS:-3}"; TOLERANCE="${TOLERANCE:-0.1}"; CHECKS="${CHECKS:-1}"

ensure_javascript_sdk
find_botocore_python
[ -n "$DYNAMO_BOTOCORE_PYTHON" ] || { echo "no Python with botocore: install the awscli (it brings botocore)" >&2; exit 1; }
scripts/dynamo --help >/dev/null   # builds the CLI and the functions first, so the wait below is only the start

work="$(mktemp -d)"
stack=""
trap '[ -z "$stack" ] || { kill -TERM "$stack" 2>/dev/null; wait "$stack" 2>/dev/null; }; rm -rf "$work"' EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
scripts/dynamo local --in-memory --port "$port" --write-capacity "$WCU" >"$work/stack.log" 2>&1 &
stack=$!
for _ in $(seq 1500); do
  grep -q '^Ready in' "$work/stack.log" && break
  kill -0 "$stack" 2>/dev/null || break
  sleep 0.2
done
grep -q '^Ready in' "$work/stack.log" || { cat "$work/stack.log" >&2; echo "dynamo local did not get ready" >&2; exit 1; }
export DYNAMODB_ENDPOINT DYNAMODB_LOCAL_ENDPOINT
DYNAMODB_ENDPOINT="$(sed -n 's/^DynamoDB //p' "$work/stack.log" | head -1)"
DYNAMODB_LOCAL_ENDPOINT="$(sed -n 's/^DynamoDBLocal //p' "$work/stack.log" | head -1)"
export CAP="$WCU" SECONDS="$SECONDS_PER_API" TOLERANCE TABLE=orders KEY=orderId
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
echo "stack: DynamoDB $DYNAMODB_ENDPOINT (metered, --write-capacity $WCU), DynamoDBLocal $DYNAMODB_LOCAL_ENDPOINT"

status=0
for run in $(seq "$RUNS"); do
  mode=rate
  [ "$CHECKS" = 1 ] && [ "$run" = 1 ] && mode=check
  echo "== run $run of $RUNS ($mode)"
  node tests/foreign-sdks/capacity.mjs "$mode" | tee -a "$work/results.txt" || status=1
  "$DYNAMO_BOTOCORE_PYTHON" tests/foreign-sdks/capacity.py "$mode" | tee -a "$work/results.txt" || status=1
done

python3 - "$work/results.txt" "$TOLERANCE" <<'PY' || status=1
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
echo "capacity lines of the stack (last 5):"; grep '^capacity ' "$work/stack.log" | tail -5
exit "$status"
