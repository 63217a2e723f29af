# Sourced by the benchmarks: a `dynamo local --in-memory` of their own on a free port, stopped on exit.
#   start_stack NAME [dynamo local options...]   waits for "Ready in"; sets API, DYNAMODB (the metered endpoint),
#                                                DYNAMODB_LOCAL (DynamoDB Local itself) and STACK_LOG
#   stop_stack                                   SIGTERM: `dynamo local` stops everything it started
# Needs $WORK (a scratch folder the caller removes).
STACK_PID=""

start_stack() {
  local name="$1"; shift
  STACK_LOG="$WORK/$name.log"
  : >"$STACK_LOG"
  "$ROOT/scripts/dynamo" local --in-memory --port "$(free_port)" "$@" >"$STACK_LOG" 2>&1 &
  STACK_PID=$!
  # The first run builds the CLI and the functions; Java starts slowly on a busy machine.
  for _ in $(seq 1 1500); do
    grep -q '^Ready in' "$STACK_LOG" && break
    kill -0 "$STACK_PID" 2>/dev/null || break
    sleep 0.2
  done
  grep -q '^Ready in' "$STACK_LOG" || { cat "$STACK_LOG" >&2; echo "dynamo local did not get ready" >&2; exit 1; }
  API="$(sed -n 's/^API //p' "$STACK_LOG" | head -1)"
  DYNAMODB="$(sed -n 's/^DynamoDB //p' "$STACK_LOG" | head -1)"
  DYNAMODB_LOCAL="$(sed -n 's/^DynamoDBLocal //p' "$STACK_LOG" | head -1)"
}

stop_stack() {
  [ -n "$STACK_PID" ] || return 0
  kill -TERM "$STACK_PID" 2>/dev/null || true
  wait "$STACK_PID" 2>/dev/null || true
  STACK_PID=""
}

machine() { echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/'), $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"; }
