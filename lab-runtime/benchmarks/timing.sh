# shellcheck shell=bash
# Timing helpers shared by the benchmark scripts: source it, do not run it.

# seconds of one run of the command, or exits when the command fails
time_once() {
  local start end
  start=$(date +%s%N)
  if ! "$@" >/dev/null 2>&1; then
    echo "bench: '$*' failed; run it by hand to see why" >&2
    exit 1
  fi
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }'
}

# prints "label  min  median  max" over the given times
summarise() {
  local label="$1"
  shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" '
    { t[NR] = $1 }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-44s %8.2f %8.2f %8.2f   (%d runs)\n", label, t[1], median, t[NR], NR
    }'
}

# times RUNS runs of the command and prints its summary line: time_runs RUNS LABEL COMMAND...
time_runs() {
  local runs="$1" label="$2" times=()
  shift 2
  for _ in $(seq "$runs"); do
    times+=("$(time_once "$@")")
  done
  summarise "$label" "${times[@]}"
}
