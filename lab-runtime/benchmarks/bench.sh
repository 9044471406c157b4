#!/usr/bin/env bash
# Usage: lab-runtime/benchmarks/bench.sh [runs]
#
# Times whole `lab` commands, as a learner runs them, and prints min / median / max wall seconds:
#   - the JVM start alone, for reference                     `lab --version`
#   - MLflow server start, cold (after `lab down`)          `lab up`
#   - connecting to the running server                      `lab up` again
#   - running lab 01's reference solution                   `lab run lab01 --solution`
#   - grading lab 01 (JVM start included)                    `lab grade lab01`
# It uses a state directory of its own (MLLABS_HOME), removed at the end, so a learner's runs are not touched.
# Build first: ./mvnw -q install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS="${1:-5}"
LAB=lab-runtime/cli/lab
export MLLABS_HOME="${MLLABS_BENCH_HOME:-$(mktemp -d)}"
export MLLABS_LEARNER=bench
trap '"$LAB" down >/dev/null 2>&1 || true; [ -z "${MLLABS_BENCH_HOME:-}" ] && rm -rf "$MLLABS_HOME"' EXIT

# shellcheck source=lab-runtime/benchmarks/timing.sh
source lab-runtime/benchmarks/timing.sh

printf '%-44s %8s %8s %8s\n' "wall seconds" min median max
time_runs "$RUNS" "lab --version: JVM start, for reference" "$LAB" --version
cold=() warm=()
for _ in $(seq "$RUNS"); do
  "$LAB" down >/dev/null 2>&1 || true
  cold+=("$(time_once "$LAB" up)")
  warm+=("$(time_once "$LAB" up)")
done
summarise "lab up: MLflow server start, cold" "${cold[@]}"
summarise "lab up: connect to the running server" "${warm[@]}"
time_runs "$(( RUNS < 3 ? RUNS : 3 ))" "lab run lab01 --solution" "$LAB" run lab01 --solution
time_runs "$RUNS" "lab grade lab01 (JVM start included)" "$LAB" grade lab01
