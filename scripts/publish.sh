#!/usr/bin/env bash
# Native AOT build of the functions for Lambda's provided.al2023 runtime (linux-x64): artifacts/functions.zip
# with the executable `bootstrap` at its root. Any trim or AOT warning (IL2xxx, IL3xxx) fails the build,
# as every warning does (TreatWarningsAsErrors, Directory.Build.props).
#
# Incremental: the publish is skipped when its inputs are what they were at the last successful publish. The
# inputs are the content of every file of the projects the bootstrap is built from (below), the build's props,
# global.json, nuget.config, this script and the .NET SDK's version; their SHA-256 (paths and contents, sorted by
# path, bin/ and obj/ left out) is kept in artifacts/functions/inputs.sha256 beside the bootstrap. Timestamps play
# no part, so a fresh clone, a checkout or a `touch` changes nothing, and any edit of a source changes the hash.
#
#   scripts/publish.sh            publish when the inputs changed (prints "up to date" otherwise)
#   scripts/publish.sh --force    publish whatever the hash says
#   scripts/publish.sh --status   print "up to date" or "stale" and exit 0 without building
#   scripts/publish.sh --inputs-hash  print the inputs' hash
#   scripts/publish.sh client     the consumer NuGet packages instead (Dynamo.Client, Dynamo.Contracts)
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

out="$ROOT/artifacts/functions"
zip="$ROOT/artifacts/functions.zip"
stamp="$out/inputs.sha256"

# Dynamo.Functions and every project it references (its .csproj ProjectReference items, transitively).
INPUT_PATHS=(src/Dynamo.Functions src/Dynamo.Core src/Dynamo.Contracts src/Dynamo.Lambda src/Dynamo.Lambda.Generators
  src/Dynamo.Lambda.Extensions src/LambdaLayer.props
  Directory.Build.props Directory.Packages.props global.json nuget.config scripts/publish.sh)

inputs_hash() {
  {
    dotnet --version 2>/dev/null || echo "no dotnet"
    find "${INPUT_PATHS[@]}" \( -name bin -o -name obj \) -prune -o -type f -print0 | LC_ALL=C sort -z |
      xargs -0 sha256sum --
  } | sha256sum | cut -d' ' -f1
}

is_up_to_date() {
  [ -x "$out/bootstrap" ] && [ -f "$zip" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$1" ]
}

mode="${1:-}"
case "$mode" in
  ""|--force|--status|--inputs-hash) ;;
  client) exec bash "$ROOT/scripts/lib/pack.sh" ;;
  *) echo "usage: scripts/publish.sh [--force | --status | --inputs-hash | client]" >&2; exit 2 ;;
esac
hash="$(inputs_hash)"
if [ "$mode" = --inputs-hash ]; then echo "$hash"; exit 0; fi
if [ "$mode" = --status ]; then if is_up_to_date "$hash"; then echo "up to date"; else echo "stale"; fi; exit 0; fi
if [ "$mode" != --force ] && is_up_to_date "$hash"; then
  echo "Native AOT functions up to date ($out/bootstrap, inputs ${hash:0:12})"
  exit 0
fi

# The ILCompiler links with clang; Debian ships it as clang-NN.
linker_args=()
if ! command -v clang >/dev/null; then
  cc="$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -1 || true)"
  if [ -n "$cc" ]; then
    linker_args=("-p:CppCompilerAndLinker=$cc")
  else
    echo "Native AOT needs clang (apt-get install -y clang)" >&2
    exit 1
  fi
fi

# Progress while it builds: the first publish on a fresh clone takes 1.5 to 3.5 minutes on a shared 2-core machine
# (restoring the ILCompiler package, compiling, linking), so say what runs and how long it has been running.
echo "Publishing the Native AOT functions (inputs changed; about 1.5-3.5 min on 2 cores the first time)..." >&2
started=$SECONDS
( while sleep 15; do echo "  ... still publishing the Native AOT functions ($((SECONDS - started)) s)" >&2; done ) &
ticker=$!
trap 'kill "$ticker" 2>/dev/null || true' EXIT

rm -rf "$out"
dotnet publish src/Dynamo.Functions/Dynamo.Functions.csproj -c Release -r linux-x64 --nologo -v minimal -tl:off \
  -clp:NoSummary -p:TreatWarningsAsErrors=true "${linker_args[@]}" -o "$out" \
  | sed -u 's/^/  /' >&2

# python3's zipfile rather than zip(1), which a fresh machine may lack; 0755 keeps bootstrap executable.
python3 - "$out/bootstrap" "$zip" <<'PY'
import sys, zipfile
source, target = sys.argv[1], sys.argv[2]
info = zipfile.ZipInfo("bootstrap", date_time=(2020, 1, 1, 0, 0, 0))
info.external_attr = (0o100755 << 16)
info.create_system = 3
info.compress_type = zipfile.ZIP_DEFLATED
with open(source, "rb") as f, zipfile.ZipFile(target, "w") as z:
    z.writestr(info, f.read())
PY
# The hash of the inputs as they were when the publish started: an edit made during it counts as a change.
echo "$hash" >"$stamp"
kill "$ticker" 2>/dev/null || true
echo "Published in $((SECONDS - started)) s: $zip ($(du -h "$out/bootstrap" | cut -f1) bootstrap)"
