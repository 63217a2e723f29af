#!/usr/bin/env bash
# Faults in the middle of a load on the local stack, and proof that nothing was lost. Each scenario starts its own
# `dynamo local`, drives it with `dynamo load` (open model, resends by Dynamo.Client, read-back of every row),
# breaks something on the way, and checks the read-back: 0 lost, 0 duplicated, 0 corrupted, every row confirmed,
# and the fault's visible effect (503s, 502s, 207s, 429s, refused connections). Prints one table; exits 1 if any
# scenario failed.
#
#   scripts/reliability.sh                  # every scenario (about 10 minutes on a 2-core machine)
#   scripts/reliability.sh store workers    # only those: store, workers, capacity, throttle, gateway
#
# Reports, stack logs and load logs: artifacts/reliability/<scenario>/.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

OUT="$ROOT/artifacts/reliability"
DYNAMO="$ROOT/scripts/dynamo"
ALL=(store workers capacity throttle gateway)
if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=("${ALL[@]}"); fi
for scenario in "${SCENARIOS[@]}"; do
  [[ " ${ALL[*]} " == *" $scenario "* ]] || { echo "unknown scenario '$scenario' (one of: ${ALL[*]})" >&2; exit 2; }
done

"$DYNAMO" --help >/dev/null   # builds the CLI and the functions once, before anything is timed
rm -rf "$OUT"
mkdir -p "$OUT"

# ---- the stack under test: one `dynamo local` at a time, in its own session, stopped by PID
STACK_PID=""
STACK_LOG=""
API_PORT=""
STORE_PORT=""


# start_stack LOG ARGS...: starts `dynamo local` on API_PORT/STORE_PORT with ARGS and waits until it is ready.
start_stack() {
  STACK_LOG="$1"; shift
  local ready_before
  ready_before=$(grep -c '^Ready' "$STACK_LOG" 2>/dev/null || true)
  setsid "$DYNAMO" local --port "$API_PORT" --dynamodb-port "$STORE_PORT" "$@" >>"$STACK_LOG" 2>&1 </dev/null &
  STACK_PID=$!
  disown "$STACK_PID"   # stopped by PID below; no job-control notice when it is killed
  # A JVM and the functions starting on a busy 2-core machine have taken minutes.
  for _ in $(seq 600); do
    [ "$(grep -c '^Ready' "$STACK_LOG" || true)" -gt "${ready_before:-0}" ] && return 0
    kill -0 "$STACK_PID" 2>/dev/null || { echo "dynamo local exited; see $STACK_LOG" >&2; return 1; }
    sleep 0.5
  done
  echo "dynamo local was not ready within 5 minutes; see $STACK_LOG" >&2
  return 1
}

# stop_stack [SIGNAL]: SIGTERM (the stack stops what it started) or SIGKILL (a crash: its watchdogs end the rest
# within a second). Returns once the stack and every process it had started are gone, so that a stack started again
# finds its ports free.
stop_stack() {
  local signal="${1:-TERM}" started p
  [ -n "$STACK_PID" ] || return 0
  started=$(descendants "$STACK_PID")
  kill "-$signal" "$STACK_PID" 2>/dev/null || true
  for p in "$STACK_PID" $started; do
    for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null || true
  done
  STACK_PID=""
}

# The loads running in the background, stopped if the script ends early.
LOAD_PIDS=()
stop_all() {
  local p
  for p in "${LOAD_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  stop_stack TERM
}
trap stop_all EXIT

descendants() { local child; for child in $(ps -o pid= --ppid "$1" 2>/dev/null || true); do echo "$child"; descendants "$child"; done; }
# The stack's DynamoDB Local java, and its ingest workers (the functions' bootstrap with _HANDLER=ingest).
store_pid() { local p; for p in $(descendants "$STACK_PID"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && echo "$p"; done; return 0; }
ingest_pids() {
  local p
  for p in $(descendants "$STACK_PID"); do
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = dotnet ] && tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx '_HANDLER=ingest' && echo "$p"
  done
  return 0
}
# load NAME ARGS...: one `dynamo load` against the stack, its report in $OUT/NAME.
load() {
  local name="$1"; shift
  "$DYNAMO" load --dataset orders --url "http://127.0.0.1:$API_PORT/dev" --endpoint "http://127.0.0.1:$STORE_PORT" \
    --report "$OUT/$name" --seed 15 "$@" >"$OUT/$name.log" 2>&1
}

# ---- the table: one tab-separated line per scenario in $TABLE (scenarios run in subshells)
TABLE="$OUT/table.tsv"
: >"$TABLE"
# record SCENARIO EVIDENCE_OK NOTE REPORT_DIR...: one table row summed over the scenario's reports.
record() {
  local scenario="$1" evidence="$2" note="$3"; shift 3
  python3 - "$scenario" "$evidence" "$note" "$@" >>"$TABLE" <<'PY'
import json, os, sys
scenario, evidence, note, dirs = sys.argv[1], sys.argv[2] == "1", sys.argv[3], sys.argv[4:]
total = dict(requests=0, rows=0, retries=0, lost=0, duplicated=0, corrupted=0, unconfirmed=0)
status, complete = {}, True
for d in dirs:
    path = os.path.join(d, "report.json")
    if not os.path.exists(path):
        complete = False
        continue
    r = json.load(open(path))
    for key, field in [("requests", "requests"), ("rows", "rowsSent"), ("retries", "retries"), ("lost", "lost"),
                       ("duplicated", "duplicated"), ("corrupted", "corrupted"), ("unconfirmed", "rowsUndelivered")]:
        total[key] += r[field]
    for code, n in r["status"].items():
        status[code] = status.get(code, 0) + n
ok = complete and evidence and total["lost"] == total["duplicated"] == total["corrupted"] == total["unconfirmed"] == 0
result = "PASS" if ok else "FAIL"
statuses = ", ".join(f"{k} {v}" for k, v in sorted(status.items()))
why = "" if ok else ("; no report" if not complete else "; fault not seen" if not evidence else f"; {total['unconfirmed']} rows unconfirmed" if total["unconfirmed"] else "")
print("\t".join([scenario, str(total["requests"]), str(total["rows"]), str(total["retries"]), str(total["lost"]),
                 str(total["duplicated"]), str(total["corrupted"]), result, f"{note}; HTTP {statuses}{why}"]))
PY
}

status_count() { python3 -c 'import json,sys; print(sum(json.load(open(d + "/report.json"))["status"].get(sys.argv[1], 0) for d in sys.argv[2:] if __import__("os").path.exists(d + "/report.json")))' "$@"; }

new_ports() { API_PORT=$(free_port); STORE_PORT=$(free_port); }

# ---- the scenarios

# DynamoDB Local killed twice mid-load; the stack starts it again on its port with its data (503s, then recovery).
scenario_store() {
  new_ports
  local data="$OUT/store-data" log="$OUT/store-stack.log"
  start_stack "$log" --data "$data"
  load store --rate 4 --duration 30s --rows 100 --drain 5m &
  local load_pid=$! kills=0 back=0
  LOAD_PIDS+=("$load_pid")
  for _ in 1 2; do
    sleep 6
    kill -KILL "$(store_pid)" && kills=$((kills + 1))
    for _ in $(seq 600); do back=$(grep -c 'DynamoDB Local is back' "$log" || true); [ "$back" -ge "$kills" ] && break; sleep 0.5; done
  done
  wait "$load_pid" || true
  stop_stack
  local s503; s503=$(status_count 503 "$OUT/store")
  record store "$([ "$kills" -eq 2 ] && [ "$back" -eq 2 ] && [ "$s503" -gt 0 ] && echo 1 || echo 0)" \
    "DynamoDB Local killed $kills times, back $back times ($(grep -o 'back on port [0-9]* (pid [0-9]*) after [0-9.]* s' "$log" | sed 's/.*after //' | paste -sd/)); 503s $s503" "$OUT/store"
}

# Ingest workers killed (SIGKILL) while requests run: the ones caught in the middle of a request fail it with 502
# (Lambda's Runtime.ExitError), the pool starts new workers, the client resends. From outside the stack a worker's
# request cannot be seen, so every ingest worker is killed at once, six times: the busy ones are the point.
scenario_workers() {
  new_ports
  # 1,000 write units a second against 2 requests a second of 400 rows: each request is written for about 0.4 s.
  start_stack "$OUT/workers-stack.log" --in-memory --write-capacity 1000
  load workers --rate 2 --duration 30s --rows 400 --drain 5m &
  local load_pid=$! rounds=0 killed=0 pids
  LOAD_PIDS+=("$load_pid")
  while [ "$rounds" -lt 6 ] && kill -0 "$load_pid" 2>/dev/null; do
    sleep 4
    pids=$(ingest_pids)
    [ -n "$pids" ] || continue
    # shellcheck disable=SC2086 # one PID a word
    kill -KILL $pids 2>/dev/null || true
    rounds=$((rounds + 1))
    killed=$((killed + $(wc -w <<<"$pids")))
  done
  wait "$load_pid" || true
  stop_stack
  local crashes s502
  crashes=$(grep -c 'ended (Runtime.ExitError)' "$OUT/workers-stack.log" || true)
  s502=$(status_count 502 "$OUT/workers")
  record workers "$([ "$crashes" -gt 0 ] && [ "$s502" -eq "$crashes" ] && echo 1 || echo 0)" \
    "$killed workers killed in $rounds rounds, $crashes of them mid-request (Runtime.ExitError); 502s $s502" "$OUT/workers"
}

# Two 5,000-row requests against 50 write units a second: 207 before the 29 s deadline, completed by resends.
scenario_capacity() {
  new_ports
  start_stack "$OUT/capacity-stack.log" --in-memory --write-capacity 50
  load capacity --rate 2 --duration 1s --rows 5000 --drain 12m || true
  stop_stack
  local s207; s207=$(status_count 207 "$OUT/capacity")
  record capacity "$([ "$s207" -gt 0 ] && echo 1 || echo 0)" \
    "--write-capacity 50, 5,000-row requests; 207s $s207, deadline stops $(grep -c '"deadlineStop":true' "$OUT/capacity-stack.log" || true)" "$OUT/capacity"
}

# A stage throttled to 1 request a second, four `dynamo load` clients at once (each starts with GET /datasets).
scenario_throttle() {
  new_ports
  start_stack "$OUT/throttle-stack.log" --in-memory --parameter ThrottlingRateLimit=1 --parameter ThrottlingBurstLimit=1
  local pids=() client
  for client in 1 2 3 4; do load "throttle-$client" --rate 1 --duration 10s --rows 50 --drain 5m & pids+=($!); LOAD_PIDS+=($!); done
  for client in "${pids[@]}"; do wait "$client" || true; done
  stop_stack
  local dirs=("$OUT"/throttle-[1-4]) s429
  s429=$(status_count 429 "${dirs[@]}")
  record throttle "$([ "$s429" -gt 0 ] && echo 1 || echo 0)" "1 rps stage, 4 clients; 429s $s429" "${dirs[@]}"
}

# The whole stack stopped and started again while the load goes on: once with SIGTERM, once killed (SIGKILL).
scenario_gateway() {
  new_ports
  local data="$OUT/gateway-data" log="$OUT/gateway-stack.log"
  start_stack "$log" --data "$data"
  load gateway --rate 4 --duration 30s --rows 100 --drain 5m &
  local load_pid=$! signal
  LOAD_PIDS+=("$load_pid")
  for signal in TERM KILL; do
    sleep 6
    stop_stack "$signal"
    start_stack "$log" --data "$data"
  done
  wait "$load_pid" || true
  stop_stack
  local refused; refused=$(status_count none "$OUT/gateway")
  record gateway "$([ "$refused" -gt 0 ] && echo 1 || echo 0)" \
    "stack stopped (SIGTERM) and killed (SIGKILL) mid-load, started again on its data; requests without an answer $refused" "$OUT/gateway"
}

for scenario in "${SCENARIOS[@]}"; do
  echo "== $scenario ($(date +%T))" >&2
  # A scenario that cannot run to its end (a stack that does not start) is a FAIL row, and the others still run.
  # (Not `if ! (...)`: a subshell whose status is tested runs without set -e, and a stack that did not start would
  # not stop its scenario.)
  set +e
  ( set -e; trap stop_all EXIT; "scenario_$scenario" )
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    printf '%s\t-\t-\t-\t-\t-\t-\tFAIL\tthe scenario did not run to its end; see %s\n' "$scenario" "${OUT#"$ROOT"/}/$scenario-stack.log" >>"$TABLE"
  fi
done

# ---- the table, then what each fault did
echo
printf '%-10s %9s %8s %8s %5s %11s %10s %7s\n' scenario requests rows retries lost duplicated corrupted result
failed=0
while IFS=$'\t' read -r scenario requests rows retries lost duplicated corrupted result note; do
  printf '%-10s %9s %8s %8s %5s %11s %10s %7s\n' "$scenario" "$requests" "$rows" "$retries" "$lost" "$duplicated" "$corrupted" "$result"
  [ "$result" = PASS ] || failed=1
done <"$TABLE"
echo
while IFS=$'\t' read -r scenario _ _ _ _ _ _ _ note; do
  echo "$scenario: $note"
done <"$TABLE"
echo "Reports and logs: ${OUT#"$ROOT"/}/"
exit "$failed"
