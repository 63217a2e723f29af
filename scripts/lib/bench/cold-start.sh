#!/usr/bin/env bash
# Cold start of the functions, Native AOT against JIT.
# Process start to its first GET /runtime/invocation/next, the moment Lambda counts init as done: the Native AOT
# bootstrap (scripts/publish.sh) against the JIT build run by `dotnet bootstrap.dll`.
# Usage: scripts/bench cold-start [runs] [handler...]   (defaults: 15, Authorize CheckHealth: ANNOTATIONS_HANDLER values)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
cd "$ROOT"
runs="${1:-15}"; shift || true
handlers=("${@:-Authorize}")
[ $# -gt 0 ] || handlers=(Authorize CheckHealth)

[ -x artifacts/functions/bootstrap ] || scripts/publish.sh >/dev/null
dotnet build src/Dynamo.Functions -c Release --nologo -clp:ErrorsOnly >/dev/null
jit="src/Dynamo.Functions/bin/Release/net10.0/bootstrap.dll"

python3 - "$runs" "$jit" "${handlers[@]}" <<'PY'
import os, socket, statistics, subprocess, sys, time
runs, jit, handlers = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
builds = {"aot": ["artifacts/functions/bootstrap"], "jit": ["dotnet", jit]}

def first_next_ms(command, handler):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0)); server.listen(1)
        env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.getsockname()[1]}", _HANDLER="bootstrap", ANNOTATIONS_HANDLER=handler,
                   ALLOWED_CIDRS="203.0.113.0/24", AWS_REGION="us-east-1", DYNAMODB_ENDPOINT="http://127.0.0.1:9",
                   AWS_EC2_METADATA_DISABLED="true")
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            server.settimeout(30)
            connection, _ = server.accept()
            with connection:
                request = connection.recv(4096)
                elapsed = (time.perf_counter() - start) * 1000
            assert b"GET /2018-06-01/runtime/invocation/next" in request, request
            return elapsed
        finally:
            process.kill(); process.wait()

for handler in handlers:
    for build, command in builds.items():
        first_next_ms(command, handler)  # warm the page cache, not the process
        samples = sorted(first_next_ms(command, handler) for _ in range(runs))
        print(f"{handler:11} {build}: median {statistics.median(samples):6.1f} ms  "
              f"min {samples[0]:6.1f}  max {samples[-1]:6.1f}  ({runs} runs)")
PY
