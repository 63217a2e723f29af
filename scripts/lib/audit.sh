#!/usr/bin/env bash
# Known vulnerabilities in the packages the solution uses, direct and transitive, as the package sources
# report them (NuGet's VulnerabilityInfo resource). Exits 1 when a vulnerable package is listed. A source
# that publishes no vulnerability data is said so plainly: no data is not the same as no vulnerability.
# Usage: scripts/test.sh --audit
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

sources=$(dotnet nuget list source --format short | awk '$1 ~ /^E/ {print $2}')
with_data=0
for source in $sources; do
  if curl -fsS -m 30 "$source" 2>/dev/null | grep -q '"VulnerabilityInfo/'; then
    with_data=$((with_data + 1))
  else
    echo "audit: $source publishes no vulnerability data (no VulnerabilityInfo resource in its service index)"
  fi
done

report=$(mktemp)
trap 'rm -f "$report"' EXIT
dotnet list Dynamo.sln package --vulnerable --include-transitive --format json --output-version 1 > "$report"
python3 - "$report" "$with_data" <<'PY'
import json, sys
report, with_data = json.load(open(sys.argv[1])), int(sys.argv[2])
vulnerable = sorted({(p["id"], p["resolvedVersion"], v["severity"], v["advisoryurl"])
    for project in report.get("projects", [])
    for framework in project.get("frameworks", [])
    for kind in ("topLevelPackages", "transitivePackages")
    for p in framework.get(kind, [])
    for v in p.get("vulnerabilities", [])})
for package, version, severity, url in vulnerable:
    print(f"audit: {package} {version} is vulnerable ({severity}): {url}")
checked = "checked against " + (f"{with_data} source(s) with vulnerability data" if with_data else "no vulnerability data")
print(f"audit: {len(report.get('projects', []))} projects, {len(vulnerable)} vulnerable packages ({checked})")
sys.exit(1 if vulnerable else 0)
PY
