#!/usr/bin/env bash
# The local stack under load: cold-start storm, ramp, the README's load example, bulk send vs floor, time to ready.
# Measured side by side in one run (issue 21's "done when"), each on a fresh stack of its own (`dynamo local
# --in-memory`, Native AOT functions unless JIT=1), with the ratio to its target:
#
#   scripts/bench local-stack storm   hey -z 5s -c 20 of one-row POSTs at rate 20 / burst 10 on a fresh stack: admitted vs
#                         burst + rate x 5 s (target 90-110 %), p99 of the admitted requests (target < 1 s)
#   scripts/bench local-stack ramp    dynamo load ramp 5 -> 40 rps of 100-row requests, 20 s, against rate 15 / burst 10 and
#                         --write-capacity 4000: the lowest admitted rate from the onset to the end of the offered
#                         seconds vs the stage rate (target >= 90 %), lost, undelivered, the drain (target < 15 s), 503s
#   scripts/bench local-stack readme  the README's load example on the default stack: exit code, lost, undelivered (target 0, 0, 0)
#   scripts/bench local-stack send    dynamo send of ROWS (50,000) CSV rows vs the floor (Dynamo.StoreFloor: the same rows, bare
#                         parallel BatchWriteItem, straight to the same DynamoDB Local), alternated RUNS times,
#                         medians (target <= 1.25x); BATCH and CONCURRENCY pass --batch and --concurrency
#   scripts/bench local-stack ready   wall time of `dynamo local` until ready, twice (FRESH=1 first removes the published
#                         functions, so the first run includes the Native AOT publish, as on a clean clone)
#   scripts/bench local-stack all     all of the above, then one table of the figures
#
# Environment: JIT=1 (JIT functions), RUNS=3 (send), ROWS=50000 (send), BATCH, CONCURRENCY, FRESH=1 (ready).
# Meant for a quiet machine; each figure names the load average it was measured under.
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cd "$ROOT"
RUNS="${RUNS:-3}"; ROWS="${ROWS:-50000}"; JIT="${JIT:-0}"
DYNAMO="$ROOT/scripts/dynamo"
FLOOR="$ROOT/benchmarks/Dynamo.StoreFloor/bin/Release/net10.0/Dynamo.StoreFloor.dll"
work="$(mktemp -d)"
stack_pid=""
results="$work/results"
: >"$results"

stop_stack() {
  if [ -n "$stack_pid" ]; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
    stack_pid=""
  fi
}
trap 'stop_stack; rm -rf "$work"' EXIT

ensure_tools() {
  if ! command -v hey >/dev/null; then
    echo "Installing hey..." >&2
    apt-get update -qq && apt-get install -y -qq hey >/dev/null
  fi
  ensure_dynamodb_local
  "$DYNAMO" --help >/dev/null # builds the CLI once, so no figure below pays for it
  [ "$JIT" = 1 ] || scripts/publish.sh >&2
  dotnet build benchmarks/Dynamo.StoreFloor -c Release --nologo -clp:ErrorsOnly >/dev/null
}

# start_stack NAME [dynamo local options...]: a fresh stack; sets $api, $dynamodb_local, $ready_s and $stack_log.
start_stack() {
  local name="$1"; shift
  local jit=(); [ "$JIT" = 1 ] && jit=(--jit)
  stack_log="$work/$name.stack.log"
  local started=$SECONDS t0
  t0=$(date +%s.%N)
  "$DYNAMO" local --in-memory --port "$(free_port)" "${jit[@]}" "$@" >"$stack_log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 6000); do
    grep -q '^Ready in' "$stack_log" 2>/dev/null && break
    kill -0 "$stack_pid" 2>/dev/null || { cat "$stack_log" >&2; echo "dynamo local exited" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^Ready in' "$stack_log" || { cat "$stack_log" >&2; echo "dynamo local was not ready after 600 s" >&2; exit 1; }
  ready_s=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
  api="$(sed -n 's/^API //p' "$stack_log" | head -1)"
  dynamodb_local="$(sed -n 's/^DynamoDBLocal //p' "$stack_log" | head -1)"
  : "$started"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# record NAME VALUE TARGET VERDICT
record() { printf '%-34s %-28s %-22s %s\n' "$1" "$2" "$3" "$4" | tee -a "$results"; }

bench_storm() {
  echo "== storm: hey -z 5s -c 20, one-row POSTs, rate 20 / burst 10, fresh stack (load $(load_average))"
  start_stack storm --parameter ThrottlingRateLimit=20 --parameter ThrottlingBurstLimit=10
  printf '{"rows":[{"orderId":"storm-1","customer":"c","amount":1,"status":"new","createdAt":"2026-03-14T15:09:26Z"}]}' >"$work/row.json"
  hey -z 5s -c 20 -m POST -T application/json -D "$work/row.json" -o csv "$api/datasets/orders/rows" >"$work/storm.csv"
  local cold
  cold=$(grep -c 'cold start' "$stack_log" || true)
  stop_stack
  python3 - "$work/storm.csv" "$cold" <<'PY' | tee -a "$results"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
ok = sorted(float(r["response-time"]) for r in rows if r["status-code"] == "200")
expected = 10 + 20 * 5
p99 = ok[min(len(ok) - 1, int(0.99 * len(ok)))] if ok else float("nan")
share = len(ok) / expected
print(f"{'storm admitted':34} {f'{len(ok)} of {expected} ({share:.0%})':28} {'90-110 %':22} {'ok' if 0.9 <= share <= 1.1 else 'MISSED'}")
print(f"{'storm p99 of admitted':34} {f'{p99 * 1000:.0f} ms ({sys.argv[2]} cold starts)':28} {'< 1000 ms':22} {'ok' if p99 < 1 else 'MISSED'}")
PY
}

# run_load NAME [dynamo local options...] -- [dynamo load options...]: prints the load's exit code; report in $work/NAME
run_load() {
  local name="$1"; shift
  local local_args=()
  while [ "$1" != -- ]; do local_args+=("$1"); shift; done
  shift
  start_stack "$name" "${local_args[@]}"
  set +e
  "$DYNAMO" load --url "$api" --report "$work/$name" "$@" >"$work/$name.load.log" 2>&1
  load_status=$?
  set -e
  cp "$stack_log" "$work/$name/stack.log" 2>/dev/null || true
  stop_stack
}

bench_ramp() {
  echo "== ramp: 5 -> 40 rps of 100-row requests for 20 s, rate 15 / burst 10, --write-capacity 4000 (load $(load_average))"
  run_load ramp --parameter ThrottlingRateLimit=15 --parameter ThrottlingBurstLimit=10 --write-capacity 4000 -- \
    --dataset readings --scenario ramp --rate 5 --ramp-to 40 --duration 20s --rows 100
  python3 - "$work/ramp/report.json" 15 20 <<'PY' | tee -a "$results"
import json, sys
r = json.load(open(sys.argv[1])); rate = float(sys.argv[2]); duration = int(sys.argv[3])
w = r["windows"]
onset = next((x["second"] for x in w if x["offeredRps"] >= rate), None)
span = [x for x in w if onset is not None and onset <= x["second"] < duration]
lowest = min((x["admittedRps"] for x in span), default=0)
drain = max(0, len(w) - duration)
s503 = r["status"].get("503", 0)
print(f"{'ramp lowest admitted/s after onset':34} {f'{lowest} of {rate:.0f} ({lowest / rate:.0%})':28} {'>= 90 %':22} {'ok' if lowest >= 0.9 * rate else 'MISSED'}")
lost = "%d / %d" % (r["lost"], r["rowsUndelivered"])
print(f"{'ramp lost / undelivered':34} {lost:28} {'0 lost':22} {'ok' if r['lost'] == 0 else 'MISSED'}")
print(f"{'ramp drain after last offered s':34} {f'{drain} s':28} {'< 15 s':22} {'ok' if drain < 15 else 'MISSED'}")
print(f"{'ramp 503 answers':34} {f'{s503}':28} {'0 unless concurrency':22} {'ok' if s503 == 0 else 'check the log'}")
for c in r.get("causes", []): print(f"  cause: {c['detail']}")
PY
}

bench_readme() {
  echo "== readme: the README's load example on the default stack (load $(load_average))"
  run_load readme -- --dataset readings --scenario ramp --rate 5 --ramp-to 40 --duration 20s --rows 100
  python3 - "$work/readme/report.json" "$load_status" <<'PY' | tee -a "$results"
import json, sys
r = json.load(open(sys.argv[1])); status = int(sys.argv[2])
ok = status == 0 and r["lost"] == 0 and r["rowsUndelivered"] == 0
figures = "%d / %d / %d" % (status, r["lost"], r["rowsUndelivered"])
print(f"{'readme exit / lost / undelivered':34} {figures:28} {'0 / 0 / 0':22} {'ok' if ok else 'MISSED'}")
for c in r.get("causes", []): print(f"  cause: {c['detail']}")
PY
}

median() { python3 -c 'import statistics, sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.0f}")' "$@"; }

bench_send() {
  local send_args=()
  [ -n "${BATCH:-}" ] && send_args+=(--batch "$BATCH")
  [ -n "${CONCURRENCY:-}" ] && send_args+=(--concurrency "$CONCURRENCY")
  echo "== send: dynamo send of $ROWS CSV rows ${send_args[*]} vs the bare BatchWriteItem floor, $RUNS runs alternated (load $(load_average))"
  start_stack send
  local sends=() floors=()
  for run in $(seq "$RUNS"); do
    local file="$work/send-$run.csv"
    dotnet "$FLOOR" csv "$file" "$ROWS" "send$run"
    local t0 t1
    t0=$(date +%s%N)
    "$DYNAMO" send "$file" --dataset orders --url "$api" "${send_args[@]}" >"$work/send-$run.log" 2>&1 \
      || { cat "$work/send-$run.log" >&2; echo "dynamo send failed" >&2; exit 1; }
    t1=$(date +%s%N)
    local send_ms=$(( (t1 - t0) / 1000000 ))
    local floor_ms
    floor_ms=$(dotnet "$FLOOR" write "$dynamodb_local" "$ROWS" "floor$run" | sed -n 's/^floor \([0-9]*\) ms$/\1/p')
    echo "  run $run: send $send_ms ms (CLI start included), floor $floor_ms ms: $(tail -1 "$work/send-$run.log")"
    sends+=("$send_ms"); floors+=("$floor_ms")
  done
  stop_stack
  local s f
  s=$(median "${sends[@]}"); f=$(median "${floors[@]}")
  python3 - "$s" "$f" <<'PY' | tee -a "$results"
import sys
s, f = float(sys.argv[1]), float(sys.argv[2])
print(f"{'send vs floor (median)':34} {f'{s / 1000:.1f} s vs {f / 1000:.1f} s = {s / f:.2f}x':28} {'<= 1.25x':22} {'ok' if s / f <= 1.25 else 'MISSED'}")
PY
}

bench_ready() {
  echo "== ready: dynamo local until ready, twice (load $(load_average))"
  if [ "${FRESH:-0}" = 1 ]; then rm -rf artifacts/functions artifacts/functions.zip; fi
  start_stack ready1; local first=$ready_s; stop_stack
  start_stack ready2; local second=$ready_s; stop_stack
  record "ready: first run / second run" "$first s / $second s" "(reported)" "$([ "${FRESH:-0}" = 1 ] && echo 'first run publishes' || echo 'already published')"
}

ensure_tools
echo "machine: $(nproc) cores, load $(load_average), $([ "$JIT" = 1 ] && echo JIT || echo 'Native AOT') functions"
case "${1:-}" in
  storm) bench_storm ;;
  ramp) bench_ramp ;;
  readme) bench_readme ;;
  send) bench_send ;;
  ready) bench_ready ;;
  all) bench_ready; bench_storm; bench_ramp; bench_readme; bench_send
       echo; echo "== figures"; cat "$results" ;;
  *) echo "usage: scripts/bench local-stack storm|ramp|readme|send|ready|all" >&2; exit 2 ;;
esac
