"""A Lambda runtime for the worker tests: sleeps FAKE_INIT_SECONDS (its Init), then answers every event after
FAKE_INVOKE_SECONDS with the event itself. Prints "init START END" in CLOCK_MONOTONIC seconds, which every process
of the machine shares, so a test can tell whether two Inits overlapped."""
import os, time, urllib.request

api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
start = time.monotonic()
time.sleep(float(os.environ.get("FAKE_INIT_SECONDS", "0")))
print(f"init {start:.4f} {time.monotonic():.4f}", flush=True)
while True:
    with urllib.request.urlopen(api + "next") as event:
        request_id = event.headers["Lambda-Runtime-Aws-Request-Id"]
        body = event.read()
    time.sleep(float(os.environ.get("FAKE_INVOKE_SECONDS", "0")))
    urllib.request.urlopen(urllib.request.Request(api + request_id + "/response", data=body, method="POST")).read()
