#!/usr/bin/env bash
# Native AOT build of the functions for Lambda's provided.al2023 runtime (linux-x64): artifacts/functions.zip
# with the executable `bootstrap` at its root. Any trim or AOT warning (IL2xxx, IL3xxx) fails the build,
# as every warning does (TreatWarningsAsErrors, Directory.Build.props).
# Usage: scripts/publish.sh            the functions' package (what template.yaml deploys)
#        scripts/publish.sh client     the consumer packages instead (Dynamo.Client, Dynamo.Contracts)
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"
case "${1:-functions}" in
  functions) ;;
  client) exec bash "$ROOT/scripts/lib/pack.sh" ;;
  *) echo "usage: scripts/publish.sh [functions|client]" >&2; exit 2 ;;
esac

out="$ROOT/artifacts/functions"
zip="$ROOT/artifacts/functions.zip"

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

rm -rf "$out"
dotnet publish src/Dynamo.Functions/Dynamo.Functions.csproj -c Release -r linux-x64 --nologo \
  -clp:ErrorsOnly -p:TreatWarningsAsErrors=true "${linker_args[@]}" -o "$out"

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
echo "$zip ($(du -h "$out/bootstrap" | cut -f1) bootstrap)"
