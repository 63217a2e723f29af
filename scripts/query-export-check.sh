#!/usr/bin/env bash
# The done-when check of `dynamo query` exports (issue 11): 100,000 rows exported to CSV equal the table,
# and the CLI's memory stays flat. Starts its own DynamoDB Local (stopped on exit), loads ROWS readings of
# ~200 bytes, exports them with --output, compares the CSV with the rows loaded and prints the CLI's peak RSS
# (from /usr/bin/time -v), next to the peak of a 10x smaller export for comparison.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"
ensure_dynamodb_local
ROWS="${ROWS:-100000}"

dotnet build src/Dynamo.Cli/Dynamo.Cli.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
CLI="$ROOT/src/Dynamo.Cli/bin/Release/net10.0/dynamo"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java -Djava.library.path="$ROOT/.tools/dynamodb-local/DynamoDBLocal_lib" -jar "$ROOT/.tools/dynamodb-local/DynamoDBLocal.jar" \
  -inMemory -port "$port" >"$work/dynamodb.log" 2>&1 &
java_pid=$!
trap 'kill "$java_pid" 2>/dev/null; wait "$java_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
# Java starts slowly on a busy machine: wait up to two minutes for the port.
python3 - "$port" <<'PY'
import socket, sys, time
deadline = time.time() + 120
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        break
    except OSError:
        if time.time() > deadline: sys.exit("DynamoDB Local did not start")
        time.sleep(0.5)
PY

python3 - "$endpoint" "$ROWS" "$work" <<'PY'
import csv, json, sys, urllib.request, hashlib, datetime, concurrent.futures
endpoint, rows, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def call(target, body):
    # DynamoDB Local accepts any signature; the header names the operation.
    request = urllib.request.Request(endpoint, data=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + target,
        "Authorization": "AWS4-HMAC-SHA256 Credential=dummy/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"})
    return json.load(urllib.request.urlopen(request))

def row(i):
    return {"deviceId": f"dev-{i % 500:03d}", "ts": (datetime.datetime(2025, 1, 1) + datetime.timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "temperature": round(15 + (i % 200) / 10, 1), "battery": i % 101,
            "note": hashlib.sha256(str(i).encode()).hexdigest()}

def item(r):
    return {k: ({"N": str(v)} if isinstance(v, (int, float)) else {"S": v}) for k, v in r.items()}

for table, n in (("readings", rows), ("readings_small", rows // 10)):
    call("CreateTable", {"TableName": table, "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": "deviceId", "KeyType": "HASH"}, {"AttributeName": "ts", "KeyType": "RANGE"}],
        "AttributeDefinitions": [{"AttributeName": "deviceId", "AttributeType": "S"}, {"AttributeName": "ts", "AttributeType": "S"}]})
    def put(start):
        # BatchWriteItem takes at most 25 items a call.
        pending = {table: [{"PutRequest": {"Item": item(row(i))}} for i in range(start, min(start + 25, n))]}
        while pending:
            pending = call("BatchWriteItem", {"RequestItems": pending}).get("UnprocessedItems") or {}
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(put, range(0, n, 25)))
    print(f"loaded {n:,} rows into {table}", file=sys.stderr)
with open(f"{work}/expected.jsonl", "w") as f:
    for i in range(rows): f.write(json.dumps(row(i)) + "\n")
PY

measure() { # table file [env...] -> peak RSS in KB
  local table="$1" file="$2"; shift 2
  /usr/bin/time -v env "$@" "$CLI" query "SELECT * FROM \"$table\"" --endpoint "$endpoint" --format csv --output "$file" 2>"$work/$table.time" >/dev/null \
    || { cat "$work/$table.time" >&2; exit 1; }
  grep '^dynamo:' "$work/$table.time" | grep -v -e warning -e 'so far' >&2 || true
  awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$table.time"
}
small_kb="$(measure readings_small "$work/small.csv")"
large_kb="$(measure readings "$work/readings.csv")"
# The GC grows its heap lazily while garbage is cheap, so peak RSS alone overstates what is held. Run the
# same export again with the managed heap capped at 64 MB (a fraction of the rows' size in memory): it can
# only finish if rows are not kept.
capped_kb="$(measure readings "$work/capped.csv" DOTNET_GCHeapHardLimit=0x4000000)"
cmp -s "$work/readings.csv" "$work/capped.csv" || { echo "the capped export differs" >&2; exit 1; }

python3 - "$work" <<'PY'
import csv, json, sys
work = sys.argv[1]
expected = {(r["deviceId"], r["ts"]): r for r in map(json.loads, open(f"{work}/expected.jsonl"))}
with open(f"{work}/readings.csv", newline="") as f:
    reader = csv.DictReader(f)
    assert reader.fieldnames[:2] == ["deviceId", "ts"], reader.fieldnames
    got = {}
    for r in reader:
        got[(r["deviceId"], r["ts"])] = {k: (json.loads(v) if k in ("temperature", "battery") else v) for k, v in r.items()}
assert len(got) == len(expected), (len(got), len(expected))
assert got == expected, "the CSV differs from the rows loaded"
print(f"CSV equals the table: {len(got):,} rows, columns {reader.fieldnames}")
PY
echo "peak RSS of dynamo query: $((large_kb / 1024)) MB for $ROWS rows, $((small_kb / 1024)) MB for $((ROWS / 10)) rows;" \
  "$((capped_kb / 1024)) MB for $ROWS rows with the managed heap capped at 64 MB"
