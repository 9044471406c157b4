#!/usr/bin/env bash
# Usage: lab-runtime/benchmarks/class-grading.sh [learners] [runs]
#
# Times grading a class on a fresh MLflow server, and prints min / median / max seconds:
#   - `lab grade-all lab01 --server --restart` over N learners (default 100), JVM start included
#   - `lab grade lab01` for one learner: the time the report prints ("graded in X s"), after JVM start
# The class is seeded without Spark: lab 01's reference solution runs once, for the learner `seed`, then
# SeedClass.java copies its runs, metric histories, tags and artifacts to N learners through the REST API.
# It uses a state directory of its own (MLLABS_HOME), removed at the end. Build first: ./mvnw -q install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LEARNERS="${1:-100}"
RUNS="${2:-5}"
LAB="lab-runtime/cli/lab"
export MLLABS_HOME="${MLLABS_BENCH_HOME:-$(mktemp -d)}"
trap '"$LAB" down >/dev/null 2>&1 || true; [ -z "${MLLABS_BENCH_HOME:-}" ] && rm -rf "$MLLABS_HOME"' EXIT

# shellcheck source=lab-runtime/benchmarks/timing.sh
source lab-runtime/benchmarks/timing.sh

uri=$("$LAB" up | sed -n 's/^MLflow UI: //p')
"$LAB" run lab01 --solution --learner seed >/dev/null
java -cp lab-runtime/cli/target/lab.jar lab-runtime/benchmarks/SeedClass.java "$uri" seed lab01 "$LEARNERS" learner

printf '%-44s %8s %8s %8s\n' "seconds" min median max
time_runs "$RUNS" "lab grade-all lab01 --server, $((LEARNERS + 1)) learners" \
  "$LAB" grade-all lab01 --server --restart
one=()
for _ in $(seq "$RUNS"); do
  one+=("$("$LAB" grade lab01 --learner seed | sed -n 's/.*(graded in \([0-9.]*\) s).*/\1/p')")
done
summarise "lab grade lab01: grading after JVM start" "${one[@]}"
"$LAB" grade-all lab01 --server | tail -3
