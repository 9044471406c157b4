#!/usr/bin/env bash
# Usage: lab-runtime/benchmarks/labs.sh [runs] [lab ...]
#
# Times every lab's reference solution and its grade, as a learner runs them, and prints min / median / max wall
# seconds (JVM start included) for each lab:
#   - `lab run <lab> --solution`
#   - `lab grade <lab>`
# then, once, the wall time of all of them in a row: every lab run and graded, one after the other.
# Labs default to every lab `lab list` knows. It uses a state directory of its own (MLLABS_HOME) and a server of its
# own, removed at the end. Build first: ./mvnw -q install -DskipTests
# The figures are those of a learner after the set-up: if no `lab run` has written the `lab` command's Spark class-data
# archive since the build (the quick start's run of lab 01 does), one untimed run of the first lab writes it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS="${1:-3}"
shift || true
LAB="lab-runtime/cli/lab"
export MLLABS_HOME="${MLLABS_BENCH_HOME:-$(mktemp -d)}"
export MLLABS_LEARNER=bench
# Serving labs need the lab Python environment, which lives in the default home, not in the benchmark's own.
if [[ -z "${MLLABS_PYTHON:-}" && -x "$HOME/.mllabs/python/bin/python" ]]; then
  export MLLABS_PYTHON="$HOME/.mllabs/python/bin/python"
fi
trap '"$LAB" serve down >/dev/null 2>&1 || true; "$LAB" down >/dev/null 2>&1 || true; [ -z "${MLLABS_BENCH_HOME:-}" ] && rm -rf "$MLLABS_HOME"' EXIT

# shellcheck source=lab-runtime/benchmarks/timing.sh
source lab-runtime/benchmarks/timing.sh

labs=("$@")
if [ ${#labs[@]} -eq 0 ]; then
  mapfile -t labs < <("$LAB" list | awk '/^lab[0-9]+ / { print $1 }')
fi
"$LAB" up >/dev/null
if [[ ! lab-runtime/cli/target/lab-spark.jsa -nt lab-runtime/cli/target/lab.jar ]]; then
  echo "writing the Spark class-data archive (untimed): lab run ${labs[0]} --solution" >&2
  "$LAB" run "${labs[0]}" --solution >/dev/null
fi

printf '%-44s %8s %8s %8s\n' "wall seconds" min median max
for lab in "${labs[@]}"; do
  time_runs "$RUNS" "lab run $lab --solution" "$LAB" run "$lab" --solution
  time_runs "$RUNS" "lab grade $lab" "$LAB" grade "$lab"
done
all_labs() {
  for lab in "${labs[@]}"; do
    "$LAB" run "$lab" --solution && "$LAB" grade "$lab"
  done
}
time_runs 1 "all ${#labs[@]} labs run and graded in a row" all_labs
