#!/usr/bin/env bash
# Usage: lab-runtime/benchmarks/serving.sh [requests-per-client]
#
# The serving service's speed, measured from the outside as a client sees it: lab 06's reference solution registers
# its churn pipeline, `lab serve up` serves version 1 behind an endpoint, and serving_bench.py (the lab Python
# environment) sends one-row requests from 4 clients at once, then 1,000-row requests, each both to the per-row path
# and, with `x-mllabs-scoring: transform`, to Spark's transform (the reference), then times a config update and a
# cold start after scale to zero. It prints p50 / p99 latency and throughput, and, from the endpoint's inference
# table, the model's own time per request (`execution_time_ms`) on each path. Its own MLLABS_HOME, removed at the
# end. Build first: ./mvnw -q install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REQUESTS="${1:-200}"
LAB=lab-runtime/cli/lab
export MLLABS_HOME="${MLLABS_BENCH_HOME:-$(mktemp -d)}"
export MLLABS_LEARNER=bench
PYTHON="${MLLABS_PYTHON:-$HOME/.mllabs/python/bin/python}"
export MLLABS_PYTHON="$PYTHON"
trap '"$LAB" serve down >/dev/null 2>&1 || true; "$LAB" down >/dev/null 2>&1 || true;
      [ -z "${MLLABS_BENCH_HOME:-}" ] && rm -rf "$MLLABS_HOME"' EXIT

"$LAB" up >/dev/null
"$LAB" run lab06 --solution >/dev/null
"$LAB" serve up --scale-to-zero-after 5s >/dev/null
MLFLOW_TRACKING_URI="$(python3 -c 'import json, os; print(json.load(open(os.environ["MLLABS_HOME"] + "/server.json"))["trackingUri"])')"
DATABRICKS_HOST="$(python3 -c 'import json, os; print(json.load(open(os.environ["MLLABS_HOME"] + "/serving/serving.json"))["uri"])')"
export MLFLOW_TRACKING_URI DATABRICKS_HOST DATABRICKS_TOKEN=bench
"$PYTHON" lab-runtime/benchmarks/serving_bench.py "$REQUESTS"
