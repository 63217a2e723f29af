#!/usr/bin/env bash
# Versioned writes (issue 26): the candidates side by side on DynamoDB Local against the BatchWriteItem baseline.
# benchmarks/Dynamo.VersionedWrites starts one DynamoDB Local in memory (its own; stopped when it exits, also on
# Ctrl-C) and, in ROUNDS rounds after WARMUP, has each candidate write ROWS rows (~140-byte orders with the short `_h`
# and a numeric `_version`) into a fresh table in four phases: new keys, the same keys at a higher version, at a lower
# one (stale), and a mix (1 stale row in 100 among updates). After every phase the table is scanned and compared
# item by item with what the semantics leave. Prints each phase's median wall ms, its ratio to the baseline, and the
# calls and write units (by AWS's rules) it took. Candidates: batch-16 (BatchWriteItem, the baseline), put-16 and
# put-32 (conditional PutItem), transact-16 (TransactWriteItems of 100), partiql-16 (BatchExecuteStatement:
# INSERT, then UPDATE ... WHERE _version < ?).
#   scripts/bench versioned [candidates]   (environment: ROWS=5000 ROUNDS=5 WARMUP=1 ONLY=name,... JSON=file)
#   scripts/bench versioned product        the product's own 5,000-row request: orders (BatchWriteItem) against
#                                           inventory (conditional PutItem) new, updated and stale, through RowIngestor
#                                           on the same DynamoDB Local, alternated; medians and ratios (ROWS ROUNDS WARMUP)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$ROOT/scripts/lib/stack.sh"
cd "$ROOT"
MODE="${1:-candidates}"
ROWS="${ROWS:-5000}"; ROUNDS="${ROUNDS:-5}"; WARMUP="${WARMUP:-1}"; ONLY="${ONLY:-}"; JSON="${JSON:-}"

case "$MODE" in
  candidates)
    ensure_dynamodb_local
    dotnet build benchmarks/Dynamo.VersionedWrites -c Release --nologo -clp:ErrorsOnly >/dev/null
    machine
    args=(candidates --rows "$ROWS" --rounds "$ROUNDS" --warmup "$WARMUP")
    [ -n "$ONLY" ] && args+=(--only "$ONLY")
    [ -n "$JSON" ] && args+=(--json-out "$JSON")
    exec dotnet benchmarks/Dynamo.VersionedWrites/bin/Release/net10.0/Dynamo.VersionedWrites.dll "${args[@]}"
    ;;
  product)
    ensure_dynamodb_local
    dotnet build benchmarks/Dynamo.VersionedWrites -c Release --nologo -clp:ErrorsOnly >/dev/null
    machine
    exec dotnet benchmarks/Dynamo.VersionedWrites/bin/Release/net10.0/Dynamo.VersionedWrites.dll product --rows "$ROWS" --rounds "$ROUNDS" --warmup "$WARMUP"
    ;;
  *)
    echo "scripts/bench versioned: no mode '$MODE' (modes: candidates, product)" >&2
    exit 2
    ;;
esac
