#!/usr/bin/env bash
# The ingest function's CPU for a 5,000-row request, Native AOT and JIT side by side.
# Two ways:
#  1. Own work, network excluded (the issue's measure): decode the proxy event, parse, validate, convert,
#     build every BatchWriteItem body, answer; in one process (benchmarks/Dynamo.IngestWork) whose store
#     stops once the body is built, before the SDK signs and sends it.
#  2. The whole bootstrap process (benchmarks/Dynamo.IngestCpu): the same plus the runtime API, SigV4 signing
#     and HTTP to a DynamoDB on loopback that answers every call at once.
# Both read the process's utime+stime before and after each batch of requests and print the median.
# Usage: scripts/bench ingest-cpu   (environment: ROWS=5000 WARMUP BATCHES PER_BATCH)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cd "$ROOT"

[ -x artifacts/functions/bootstrap ] || scripts/publish.sh >/dev/null
dotnet build src/Dynamo.Functions -c Release --nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/Dynamo.IngestCpu -c Release --nologo -clp:ErrorsOnly >/dev/null
dotnet publish benchmarks/Dynamo.IngestWork -c Release -r linux-x64 --nologo -clp:ErrorsOnly -o artifacts/ingest-work >/dev/null
dotnet build benchmarks/Dynamo.IngestWork -c Release --nologo -clp:ErrorsOnly >/dev/null
driver="benchmarks/Dynamo.IngestCpu/bin/Release/net10.0/Dynamo.IngestCpu.dll"
event="$(mktemp --suffix .json)"
trap 'rm -f "$event"' EXIT
dotnet "$driver" event "$event"

artifacts/ingest-work/Dynamo.IngestWork aot "$event"
dotnet benchmarks/Dynamo.IngestWork/bin/Release/net10.0/Dynamo.IngestWork.dll jit "$event"
dotnet "$driver" aot artifacts/functions/bootstrap
dotnet "$driver" jit dotnet src/Dynamo.Functions/bin/Release/net10.0/bootstrap.dll
