#!/usr/bin/env bash
# The ingest function's own CPU for a 5,000-row request (parse, validate, convert, build and send the
# BatchWriteItem requests) with the store's time taken out: a DynamoDB on loopback answers every call at once.
# Measures the Native AOT bootstrap (scripts/publish.sh) and the JIT build (`dotnet bootstrap.dll`) side by
# side, reading the function process's utime+stime before and after each batch of requests.
# Usage: scripts/ingest-cpu.sh   (environment: ROWS=5000 WARMUP=5 BATCHES=5 PER_BATCH=20)
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

[ -x artifacts/functions/bootstrap ] || scripts/publish.sh >/dev/null
dotnet build src/Dynamo.Functions -c Release --nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/Dynamo.IngestCpu -c Release --nologo -clp:ErrorsOnly >/dev/null
driver="benchmarks/Dynamo.IngestCpu/bin/Release/net10.0/Dynamo.IngestCpu.dll"

dotnet "$driver" aot artifacts/functions/bootstrap
dotnet "$driver" jit dotnet src/Dynamo.Functions/bin/Release/net10.0/bootstrap.dll
