#!/usr/bin/env bash
# The whole ingest function process per 5,000-row request, this checkout's build beside an earlier one's, in one run.
# Both Native AOT bootstraps run in the same harness (benchmarks/Dynamo.IngestCpu: the runtime API, SigV4, HTTP to a
# DynamoDB on loopback that answers every BatchWriteItem at once) and are measured three ways:
#  1. Instructions per request, user space, counted by valgrind (callgrind): the difference between a run of
#     WARMUP+4 and one of WARMUP+1 requests, over 3. The machine's speed does not change them, but the thread pool's
#     spinning and the GC's work depend on timing: a build's count moves by up to a fifth between runs, so read the
#     ratio, over more than one run (docs/performance.md). Under valgrind OpenSSL runs its SHA-256 without the CPU's
#     SHA extensions, so hashing weighs more in these counts than in CPU time.
#  2. CPU ms per request (utime+stime of the process, kernel included): the builds alternated ROUNDS times, each
#     round the median of BATCHES x PER_BATCH requests after WARMUP; the median of the rounds.
#  3. The peak RSS of the function process (VmHWM) after those requests: what Lambda reports as Max Memory Used.
# The earlier build is BASE (a commit; default 2c77163, main before issue 28), published in a temporary worktree.
# Usage: scripts/bench ingest-compare [BASE]   (environment: ROUNDS=5 WARMUP=5 BATCHES=5 PER_BATCH=10 INSTRUCTIONS=1)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
source "$ROOT/scripts/lib/stack.sh"
cd "$ROOT"
BASE="${1:-2c77163}"
ROUNDS="${ROUNDS:-5}"; INSTRUCTIONS="${INSTRUCTIONS:-1}"

work="$(mktemp -d)"
base_tree="$work/base"
cleanup() {
  git worktree remove --force "$base_tree" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing this checkout and $BASE (Native AOT)..." >&2
scripts/publish.sh >/dev/null
git worktree add --detach --quiet "$base_tree" "$BASE"
(cd "$base_tree" && scripts/publish.sh >/dev/null)
dotnet build benchmarks/Dynamo.IngestCpu -c Release --nologo -clp:ErrorsOnly >/dev/null
driver="benchmarks/Dynamo.IngestCpu/bin/Release/net10.0/Dynamo.IngestCpu.dll"
# valgrind 3.19 cannot read the DWARF 5 of bootstrap.dbg: the executables are copied without it.
mkdir -p "$work/head" "$work/base-bin"
cp artifacts/functions/bootstrap "$work/head/bootstrap"
cp "$base_tree/artifacts/functions/bootstrap" "$work/base-bin/bootstrap"
declare -A binary=([base]="$work/base-bin/bootstrap" [head]="$work/head/bootstrap")
machine

if [ "$INSTRUCTIONS" = 1 ]; then
  command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind (or INSTRUCTIONS=0)" >&2; exit 2; }
  instructions() {  # build, measured requests -> total user-space instructions of the process
    WARMUP=1 BATCHES=1 PER_BATCH="$2" INTEGRATION_TIMEOUT_MS=600000 dotnet "$driver" "$1" \
      valgrind --tool=callgrind --callgrind-out-file="$work/$1-$2.out" "${binary[$1]}" >/dev/null 2>"$work/$1-$2.log" \
      || { tail -5 "$work/$1-$2.log" >&2; exit 1; }
    sed -n 's/^summary: //p' "$work/$1-$2.out"
  }
  declare -A per_request
  for build in base head; do
    per_request[$build]=$(( ($(instructions "$build" 4) - $(instructions "$build" 1)) / 3 ))
    printf '%-4s instructions per request: %d M\n' "$build" $(( per_request[$build] / 1000000 ))
  done
  python3 -c "import sys; print(f'head/base instructions: {int(sys.argv[2])/int(sys.argv[1]):.2f}')" "${per_request[base]}" "${per_request[head]}"
fi

declare -A cpu rss
for round in $(seq "$ROUNDS"); do
  for build in base head; do
    line="$(dotnet "$driver" "$build" "${binary[$build]}")"
    echo "  round $round: $line" >&2
    cpu[$build]+="$(sed -E 's/.*CPU +([0-9.]+) ms.*/\1/' <<<"$line") "
    rss[$build]+="$(sed -E 's/.*peak RSS ([0-9]+) MB.*/\1/' <<<"$line") "
  done
done
python3 - "${cpu[base]}" "${cpu[head]}" "${rss[base]}" "${rss[head]}" <<'PY'
import statistics, sys
cpu_base, cpu_head, rss_base, rss_head = ([float(v) for v in a.split()] for a in sys.argv[1:])
for name, cpu, rss in (("base", cpu_base, rss_base), ("head", cpu_head, rss_head)):
    print(f"{name} CPU per request: median {statistics.median(cpu):.1f} ms (rounds: {' '.join(f'{c:.1f}' for c in cpu)}); peak RSS {statistics.median(rss):.0f} MB")
print(f"head/base CPU: {statistics.median(cpu_head) / statistics.median(cpu_base):.2f} (ratio of medians); "
      f"per round: {' '.join(f'{h / b:.2f}' for b, h in zip(cpu_base, cpu_head))}")
PY
