#!/usr/bin/env bash
# The consumer packages: Dynamo.Client and the Dynamo.Contracts it depends on, into artifacts/packages.
# Usage: scripts/publish.sh client
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
for project in src/Dynamo.Contracts src/Dynamo.Client; do
  dotnet pack "$project" -c Release --nologo -clp:ErrorsOnly
done
ls -1 "$ROOT/artifacts/packages"/*.nupkg
