#!/usr/bin/env bash
# Peak memory of the CLI on large files: `dynamo send` of ROWS and ROWS_LARGE orders, `dynamo query` exporting them.
# On a stack of its own (`dynamo local --in-memory`): a ROWS-row CSV (default 100,000) sent, then exported with
# `dynamo query --output` (and once more with the managed heap capped at 64 MB, which only finishes if rows are not
# held), then a ROWS_LARGE-row CSV (default 1,000,000) sent; each with the peak RSS of /usr/bin/time -v. Rows
# stored exactly once and exports equal to the table are the end-to-end tests' job (SendTests, QueryCommandTests at
# DYNAMO_TEST_VOLUME=long); this measures what they cannot.
#   scripts/bench memory   (environment: ROWS=100000 ROWS_LARGE=1000000; ROWS_LARGE=0 skips the large send)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$ROOT/scripts/lib/stack.sh"
cd "$ROOT"
ROWS="${ROWS:-100000}"
ROWS_LARGE="${ROWS_LARGE:-1000000}"
DYNAMO="$ROOT/scripts/dynamo"
"$DYNAMO" --help >/dev/null   # builds the CLI and the functions once, before anything is measured

WORK="$(mktemp -d)"
trap 'stop_stack; rm -rf "$WORK"' EXIT

# orders_csv FILE PREFIX N: N orders of about 130 bytes, a quoted field with a comma in each.
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

# peak NAME COMMAND...: runs the command under /usr/bin/time -v; prints "NAME: exit E, peak RSS M MB, wall W".
peak() {
  local name="$1"; shift
  local code=0
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || code=$?
  [ "$code" -eq 0 ] || tail -n 3 "$WORK/err.txt" >&2
  echo "$name: exit $code, peak RSS $(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/time.txt") MB," \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt") wall; $(tail -n 1 "$WORK/out.txt")"
}

machine
start_stack memory
prefix="memory-$(date +%s)"
orders_csv "$WORK/orders.csv" "$prefix" "$ROWS"
peak "send $ROWS rows" "$DYNAMO" send "$WORK/orders.csv" --dataset orders
peak "export $ROWS rows" "$DYNAMO" query "SELECT * FROM orders" --format csv --output "$WORK/export.csv"
peak "export $ROWS rows, heap capped at 64 MB" env DOTNET_GCHeapHardLimit=0x4000000 \
  "$DYNAMO" query "SELECT * FROM orders" --format csv --output "$WORK/capped.csv"
cmp -s "$WORK/export.csv" "$WORK/capped.csv" || { echo "the capped export differs from the first" >&2; exit 1; }
if [ "$ROWS_LARGE" -gt 0 ]; then
  orders_csv "$WORK/large.csv" "$prefix-large" "$ROWS_LARGE"
  peak "send $ROWS_LARGE rows" "$DYNAMO" send "$WORK/large.csv" --dataset orders
fi
