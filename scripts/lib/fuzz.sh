#!/usr/bin/env bash
# A bounded fuzz run: scripts/test.sh --fuzz SECONDS (default 600).
# First the core's properties at volume (DYNAMO_PROPERTY_ITERATIONS, about a fifth of the time), then the
# request fuzzer for the rest. Prints the volume reached; any crash or hang is saved under
# artifacts/fuzz/findings (a .body file and a .txt saying why): copy the .body into
# tests/Dynamo.Core.Tests/Fuzzing/Findings to keep it as a regular test.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

seconds="${1:-600}"
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -ge 10 ] || { echo "usage: scripts/test.sh --fuzz SECONDS (at least 10)" >&2; exit 2; }
out="$ROOT/artifacts/fuzz"
mkdir -p "$out"
project=tests/Dynamo.Core.Tests

dotnet build "$project" -c Release --nologo -clp:ErrorsOnly

# Roughly 100 cases a second per property on this machine: a fifth of the time for the properties.
iterations=$(( seconds * 20 ))
started=$(date +%s)
set +e
DYNAMO_PROPERTY_ITERATIONS="$iterations" dotnet test "$project" -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Dynamo.Core.Tests.Properties|FullyQualifiedName~CompiledSchemaMatchesJsonSchemaNetTests" \
  --logger "console;verbosity=minimal"
properties=$?
set -e
spent=$(( $(date +%s) - started ))
echo "properties: $iterations cases each at volume, $spent s, exit $properties"

left=$(( seconds - spent ))
[ "$left" -ge 10 ] || left=10
report="$out/report.txt"
rm -f "$report"
set +e
DYNAMO_FUZZ_SECONDS="$left" DYNAMO_FUZZ_FINDINGS="$out/findings" DYNAMO_FUZZ_REPORT="$report" \
  dotnet test "$project" -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Dynamo.Core.Tests.Fuzzing" --logger "console;verbosity=minimal" \
  -- RunConfiguration.TestSessionTimeout=$(( (left + 300) * 1000 ))
fuzz=$?
set -e
[ -f "$report" ] && cat "$report"
echo "fuzz: properties exit $properties, fuzzer exit $fuzz"
[ "$properties" -eq 0 ] && [ "$fuzz" -eq 0 ]
