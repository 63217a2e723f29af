#!/usr/bin/env bash
# The done-when runs of `dynamo send` (issue 10), repeatable:
#  1. a ROWS_SMALL-row CSV (default 100,000) sent to the local stack (found through .dynamo/local.json, no --url),
#     counted back with `dynamo query`, with the CLI's peak RSS (/usr/bin/time -v);
#  2. the same file sent again: the rows' fields and hashes unchanged (fingerprint of orderId + _hash);
#  3. a ROWS_LARGE-row CSV (default 1,000,000) sent the same way, for its peak RSS (VERIFY_LARGE=1 counts it back too);
#  4. on a stack with a stage throttle of 3 requests/s (burst 3) and --write-capacity 3000: 12,000 rows in requests
#     of 1,000, with the time, the resends and the throttled answers, counted back.
# Starts its own stacks (--in-memory, on free ports) and stops them on exit. SKIP_SMALL=1, SKIP_LARGE=1 and
# SKIP_THROTTLED=1 skip runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"
ensure_dynamodb_local
ROWS_SMALL="${ROWS_SMALL:-100000}"
ROWS_LARGE="${ROWS_LARGE:-1000000}"
DYNAMO="$ROOT/scripts/dynamo"
"$DYNAMO" --help >/dev/null   # builds the CLI and the functions once

work="$(mktemp -d)"
stack_pid=""
stop_stack() {
  if [ -n "$stack_pid" ]; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
    stack_pid=""
  fi
}
trap 'stop_stack; rm -rf "$work"' EXIT


# start_stack NAME [dynamo local options...]: runs until stop_stack; waits for its ready line.
start_stack() {
  local name="$1"; shift
  local log="$work/$name.log"
  : >"$log"
  "$DYNAMO" local --in-memory --port "$(free_port)" "$@" >"$log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^Ready in' "$log" && { grep -E '^(API|Ready)' "$log"; return 0; }
    kill -0 "$stack_pid" 2>/dev/null || { cat "$log" >&2; echo "dynamo local exited" >&2; exit 1; }
    sleep 0.5
  done
  cat "$log" >&2; echo "dynamo local was not ready after 300 s" >&2; exit 1
}

# orders_csv FILE PREFIX N: N orders of ~130 bytes, a quoted field with a comma in each.
orders_csv() {
  python3 - "$@" <<'PY'
import sys
path, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as f:
    f.write("orderId,customer,amount,currency,status,createdAt\n")
    for i in range(n):
        f.write(f'{prefix}-{i},"Customer {i % 997}, Inc.",{i % 10000}.25,EUR,paid,2026-03-14T15:09:26Z\n')
PY
}

# send FILE [options...]: `dynamo send` under /usr/bin/time; sets CODE, RSS_MB, SECONDS_TAKEN, SUMMARY.
send() {
  local file="$1"; shift
  set +e
  /usr/bin/time -v -o "$work/time.txt" "$DYNAMO" send "$file" --dataset orders "$@" >"$work/send.out" 2>"$work/send.err"
  CODE=$?
  set -e
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
  SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  SUMMARY=$(tail -n 1 "$work/send.out")
  grep -v '^dynamo: [0-9,]* stored' "$work/send.err" >&2 || true
}

# stored PREFIX: the rows of the run in the table, as "orderId _hash" lines, sorted.
stored() {
  "$DYNAMO" query "SELECT orderId, \"_hash\" FROM orders WHERE begins_with(orderId, ?)" --param "s:$1-" --format csv 2>/dev/null \
    | tail -n +2 | sort
}

report=()
if [ "${SKIP_SMALL:-0}" != 1 ] || [ "${SKIP_LARGE:-0}" != 1 ]; then start_stack plain; fi

if [ "${SKIP_SMALL:-0}" != 1 ]; then
  prefix="small-$(date +%s)"
  orders_csv "$work/small.csv" "$prefix" "$ROWS_SMALL"
  send "$work/small.csv"
  stored "$prefix" >"$work/small.before"
  report+=("$ROWS_SMALL rows: exit $CODE, $(wc -l <"$work/small.before") stored (counted back), peak RSS ${RSS_MB} MB, ${SECONDS_TAKEN} wall")
  report+=("  $SUMMARY")
  send "$work/small.csv"
  stored "$prefix" >"$work/small.after"
  same=$(cmp -s "$work/small.before" "$work/small.after" && echo "unchanged" || echo "CHANGED")
  report+=("re-run: exit $CODE, rows and hashes $same ($(wc -l <"$work/small.after") rows), peak RSS ${RSS_MB} MB")
  report+=("  $SUMMARY")
fi

if [ "${SKIP_LARGE:-0}" != 1 ]; then
  prefix="large-$(date +%s)"
  orders_csv "$work/large.csv" "$prefix" "$ROWS_LARGE"
  send "$work/large.csv"
  counted="not counted back (VERIFY_LARGE=1 does)"
  if [ "${VERIFY_LARGE:-0}" = 1 ]; then counted="$(stored "$prefix" | wc -l) stored (counted back)"; fi
  report+=("$ROWS_LARGE rows: exit $CODE, $counted, peak RSS ${RSS_MB} MB, ${SECONDS_TAKEN} wall")
  report+=("  $SUMMARY")
  rm -f "$work/large.csv"
fi
stop_stack

if [ "${SKIP_THROTTLED:-0}" != 1 ]; then
  start_stack throttled --parameter ThrottlingRateLimit=3 --parameter ThrottlingBurstLimit=3 --write-capacity 3000
  prefix="throttled-$(date +%s)"
  orders_csv "$work/throttled.csv" "$prefix" 12000
  send "$work/throttled.csv" --batch 1000
  report+=("12000 rows at 3 requests/s, 3000 WCU, requests of 1000: exit $CODE, $(stored "$prefix" | wc -l) stored (counted back), ${SECONDS_TAKEN} wall")
  report+=("  $SUMMARY")
  stop_stack
fi

printf '%s\n' "${report[@]}"
