#!/usr/bin/env bash
# Every test of every test project; ends with one line "N passed, N failed, N skipped".
# Usage: scripts/test.sh [--volume short|long] [dotnet test options, e.g. --filter FullyQualifiedName~Faults]
#          --volume long runs the scenario tests (faults, the deadline, bulk sends) at the volumes of
#          docs/reliability.md, minutes each (DYNAMO_TEST_VOLUME; short, the default, is what CI runs)
#        scripts/test.sh --fuzz SECONDS   a bounded fuzz run (scripts/lib/fuzz.sh)
#        scripts/test.sh --audit          known vulnerabilities in the packages used (scripts/lib/audit.sh)
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

case "${1:-}" in
  --fuzz) shift; exec bash "$ROOT/scripts/lib/fuzz.sh" "$@" ;;
  --audit) shift; exec bash "$ROOT/scripts/lib/audit.sh" "$@" ;;
esac
export DYNAMO_TEST_VOLUME="${DYNAMO_TEST_VOLUME:-short}"
if [ "${1:-}" = --volume ]; then
  case "${2:-}" in short|long) DYNAMO_TEST_VOLUME="$2" ;; *) echo "usage: scripts/test.sh --volume short|long" >&2; exit 2 ;; esac
  shift 2
fi
# CI's whole run stays under 15 minutes; a long run is given 90.
session_timeout_ms=540000
[ "$DYNAMO_TEST_VOLUME" = long ] && session_timeout_ms=5400000
ensure_dynamodb_local
ensure_chromium
ensure_javascript_sdk   # the foreign-SDK tests (tests/Dynamo.EndToEnd.Tests/Capacity/ForeignSdkTests.cs)
ensure_typescript_client   # the OpenAPI lint and TypeScript client tests (tests/Dynamo.EndToEnd.Tests/OpenApi)
ensure_browser_libraries   # the console's charts (browser/), and Playwright for its browser test (tests/console-browser)
ensure_console_browser_test

results="$ROOT/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The Native AOT package is what Lambda runs, and only publishing it shows a trim or AOT warning, so the
# run publishes it first and tests the published bootstrap answering events. It costs about 90 s of CPU
# (1.5-3.5 min of wall time on the shared 2-core machine; the whole run took 7.6 min with it there) when its
# inputs changed; publish.sh skips it when their hash matches the last publish's. The end-to-end stacks run
# the JIT build (LocalStackOptions' default), which needs no publish. DYNAMO_TEST_AOT=0 skips both.
export DYNAMO_TEST_AOT="${DYNAMO_TEST_AOT:-1}"
if [ "$DYNAMO_TEST_AOT" = 1 ]; then "$ROOT/scripts/publish.sh"; fi

dotnet build Dynamo.sln -c Release --nologo -clp:ErrorsOnly
set +e
dotnet test Dynamo.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" -- RunConfiguration.TestSessionTimeout="$session_timeout_ms"
status=$?
set -e

# Sum the counters of every project's TRX file: dotnet test prints one summary per project.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
