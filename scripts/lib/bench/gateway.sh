#!/usr/bin/env bash
# The local gateway: a 5,000-row POST against the bare BatchWriteItem floor, and the stage throttle with hey.
# On a stack of its own (`dynamo local --in-memory`):
#  1. one 5,000-row POST through gateway, authorizer, ingest worker and capacity emulation, against the floor:
#     the same rows written straight to DynamoDB Local by a bare parallel BatchWriteItem loop (median of RUNS
#     each, alternated, after WARMUP runs of both). Target: the POST at most 1.25x the floor.
#  2. the stage throttle measured with `hey` (installed with apt-get when missing): the burst (requests admitted
#     from a full bucket) and the steady rate (admitted per second from an empty one), each expected within
#     30% of ThrottlingBurstLimit and ThrottlingRateLimit.
# Usage: scripts/bench gateway   (environment: ROWS=5000 RUNS=5 WARMUP=3 RATE=50 BURST=100 DURATION=10)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$ROOT/scripts/lib/stack.sh"
cd "$ROOT"
ROWS="${ROWS:-5000}"; RUNS="${RUNS:-5}"; WARMUP="${WARMUP:-3}"; RATE="${RATE:-50}"; BURST="${BURST:-100}"; DURATION="${DURATION:-10}"

if ! command -v hey >/dev/null; then
  echo "Installing hey..." >&2
  apt-get update -qq && apt-get install -y -qq hey >/dev/null
fi
ensure_dynamodb_local
dotnet build benchmarks/Dynamo.GatewayBench -c Release --nologo -clp:ErrorsOnly >/dev/null
scripts/dynamo --help >/dev/null # builds the CLI and the functions first, so the wait below is only the start

WORK="$(mktemp -d)"
trap 'stop_stack; rm -rf "$WORK"' EXIT

# hey's summary: "<status> <count>" lines for each status code, then "total <seconds>".
hey_counts() {
  hey "$@" | awk '/^Status code distribution/ { codes = 1; next } /^Error distribution/ { codes = 0 }
                  codes && /^  \[[0-9]+\]/ { gsub(/[\[\]]/, "", $1); print $1, $2 }
                  /^  Total:/ { print "total", $2 }'
}

machine
start_stack floor
echo "== 1. ${ROWS}-row POST vs bare BatchWriteItem floor (median of $RUNS)"
dotnet benchmarks/Dynamo.GatewayBench/bin/Release/net10.0/Dynamo.GatewayBench.dll "$API" "$DYNAMODB_LOCAL" "$ROWS" "$RUNS" "$WARMUP"
stop_stack

# On a stack whose AllowedCidrs leaves loopback out, an admitted request costs one cached authorizer verdict
# (403) and no function: hey measures the bucket, not the functions. A throttled request is a 429.
echo "== 2. stage throttle: ThrottlingRateLimit=$RATE/s ThrottlingBurstLimit=$BURST, hey on GET /datasets"
start_stack throttle --parameter "ThrottlingRateLimit=$RATE" --parameter "ThrottlingBurstLimit=$BURST" --parameter "AllowedCidrs=192.0.2.0/24"
hey -n 20 -c 1 "$API/datasets" >/dev/null           # the authorizer's one invocation, its Deny then cached
sleep "$(python3 -c "print($BURST / $RATE + 1)")"   # the bucket full again
hey_counts -n "$((BURST * 3))" -c 50 "$API/datasets" >"$WORK/burst.txt"
# hey stops at -n even with -z here, so -n is set far beyond what 20 workers at 10 req/s each can send.
hey_counts -z "${DURATION}s" -n 100000000 -c 20 -q 10 "$API/datasets" >"$WORK/rate.txt"
python3 - "$WORK/burst.txt" "$WORK/rate.txt" "$RATE" "$BURST" <<'PY'
import sys
def run(path):
    counts = dict(line.split() for line in open(path))
    return {k: int(v) for k, v in counts.items() if k != "total"}, float(counts["total"])
rate_cfg, burst_cfg = float(sys.argv[3]), float(sys.argv[4])
burst_codes, burst_s = run(sys.argv[1])
rate_codes, rate_s = run(sys.argv[2])
rate = rate_codes.get("403", 0) / rate_s                       # from an empty bucket: the refill only
burst = burst_codes.get("403", 0) - rate * burst_s             # from a full bucket, less what refilled meanwhile
print(f"burst run: {burst_codes} in {burst_s:.2f} s; rate run: {rate_codes} in {rate_s:.2f} s (403 = admitted, 429 = throttled)")
ok = True
for name, measured, configured in (("rate", rate, rate_cfg), ("burst", burst, burst_cfg)):
    off = (measured - configured) / configured
    ok &= abs(off) <= 0.30
    print(f"{name}: measured {measured:.1f}, configured {configured:.0f} ({off:+.0%}) -> {'within' if abs(off) <= 0.30 else 'OUTSIDE'} 30%")
sys.exit(0 if ok else 1)
PY
echo "after: $(uptime | sed 's/.*load average/load average/')"
