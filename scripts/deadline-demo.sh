#!/usr/bin/env bash
# The deadline story end to end (issue 8's done-when): `dynamo local --write-capacity 100` with the default 29 s
# integration timeout; one POST of 5,000 orders answers 207 before 29 s with stored + retry = 5,000; the retry rows
# are resent, as they are and after retryAfterMs each time, until every row is stored; then the table holds exactly
# the 5,000 orders sent. Prints the numbers (time to the 207, stored/retry, resends, total time) and the capacity
# report lines of the stack. The stack is in memory and stopped on exit.
#   WRITE_CAPACITY=100 ROWS=5000 scripts/deadline-demo.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"
WRITE_CAPACITY="${WRITE_CAPACITY:-100}"
ROWS="${ROWS:-5000}"

echo "machine: $(uptime)"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
: >"$work/local.log"
"$ROOT/scripts/dynamo" local --in-memory --port "$port" --write-capacity "$WRITE_CAPACITY" >"$work/local.log" 2>&1 &
local_pid=$!
# SIGTERM makes `dynamo local` stop everything it started (DynamoDB Local, workers).
trap 'kill "$local_pid" 2>/dev/null; wait "$local_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# The first run builds the CLI and the functions; Java starts slowly on a busy machine.
for _ in $(seq 1 600); do
  grep -q '^Ready in' "$work/local.log" && break
  kill -0 "$local_pid" 2>/dev/null || { cat "$work/local.log" >&2; echo "dynamo local stopped" >&2; exit 1; }
  sleep 0.5
done
grep -q '^Ready in' "$work/local.log" || { cat "$work/local.log" >&2; echo "dynamo local did not get ready" >&2; exit 1; }
api="$(awk '/^API /{print $2}' "$work/local.log")"
dynamodb="$(awk '/^DynamoDB /{print $2}' "$work/local.log")"
echo "stack: API $api, DynamoDB $dynamodb, --write-capacity $WRITE_CAPACITY, IntegrationTimeoutMs 29000 (template default)"

status=0
python3 - "$api" "$dynamodb" "$ROWS" <<'PY' || status=$?
import json, sys, time, uuid, urllib.request, urllib.error
api, dynamodb, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
TIMEOUT_S = 29.0
prefix = "demo-" + uuid.uuid4().hex[:8]
rows = [{"orderId": f"{prefix}-{i}", "customer": f"c-{i % 97}", "amount": i + 0.5, "currency": "EUR",
         "status": "paid", "createdAt": "2026-03-14T15:09:26Z"} for i in range(count)]

def post(batch):
    request = urllib.request.Request(f"{api}/datasets/orders/rows", data=json.dumps({"rows": batch}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, body = response.status, json.load(response)
    except urllib.error.HTTPError as error:   # 429 and the other non-2xx answers carry a body too
        status, body = error.code, json.load(error)
    return status, body, time.monotonic() - started

def dynamo(target, body):
    # DynamoDB Local reads but never checks the signature; the header names the operation.
    request = urllib.request.Request(dynamodb, data=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + target,
        "Authorization": "AWS4-HMAC-SHA256 Credential=dummy/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"})
    return json.load(urllib.request.urlopen(request))

# Warm the workers first (one row): the gateway's 29 s include a worker's cold start, the function's budget does not.
status, _, elapsed = post([{**rows[0], "orderId": prefix + "-warm-up"}])
print(f"warm-up POST of 1 row: {status} in {elapsed:.1f} s")

started = time.monotonic()
pending = list(range(count))
status, body, elapsed = post([rows[i] for i in pending])
summary = body["summary"]
print(f"POST {count} rows: {status} after {elapsed:.1f} s (integration timeout {TIMEOUT_S:.0f} s): "
      f"stored {summary['stored']}, retry {summary['retry']}, invalid {summary['invalid']}, retryAfterMs {body.get('retryAfterMs')}")
reasons = {}
for row in body["rows"]:
    reasons[row.get("reason")] = reasons.get(row.get("reason"), 0) + 1
print(f"  retry reasons: {reasons}")
ok = status == 207 and elapsed < TIMEOUT_S and summary["stored"] + summary["retry"] == count
stored_reported = summary["stored"]
resends = 0
while body["summary"]["retry"] > 0 and resends < 50:
    wait_ms = body.get("retryAfterMs") or 1000
    time.sleep(wait_ms / 1000)
    pending = [pending[row["index"]] for row in body["rows"] if row["status"] == "retry"]
    resends += 1
    status, body, elapsed = post([rows[i] for i in pending])
    summary = body["summary"]
    stored_reported += summary["stored"]
    print(f"resend {resends} of {len(pending)} retry rows (after {wait_ms} ms): {status} after {elapsed:.1f} s: "
          f"stored {summary['stored']}, retry {summary['retry']}")
total = time.monotonic() - started

# What the table holds of this run, read straight from DynamoDB Local.
stored_ids, scan = set(), {"TableName": "orders", "ConsistentRead": True, "ProjectionExpression": "orderId",
                           "FilterExpression": "begins_with(orderId, :p)", "ExpressionAttributeValues": {":p": {"S": prefix + "-"}}}
while True:
    page = dynamo("Scan", scan)
    stored_ids.update(item["orderId"]["S"] for item in page["Items"])
    if not page.get("LastEvaluatedKey"): break
    scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
stored_ids.discard(prefix + "-warm-up")
expected = {row["orderId"] for row in rows}
print(f"resends: {resends}; rows reported stored over all answers: {stored_reported}; total time {total:.1f} s")
print(f"table orders holds {len(stored_ids)} rows of this run (expected exactly {count}): "
      f"{'the same keys' if stored_ids == expected else 'DIFFERENT keys'}")
ok = ok and body["summary"]["retry"] == 0 and stored_reported == count and stored_ids == expected
print("OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY

echo "capacity report of the stack (first and last lines):"
grep '^capacity ' "$work/local.log" | sed -n '1,3p'
echo "..."
grep '^capacity ' "$work/local.log" | tail -n 3
exit "$status"
