#!/usr/bin/env bash
# Usage: lab-runtime/environment/setup.sh [--python] [--check]
#
# One entry point that prepares a machine for the labs and their tests:
#   - MLFLOW_TRACKING_URI set  -> use that server; no container engine needed
#   - otherwise container-engine.sh (Docker, or Podman installed and started on /run/podman/podman.sock)
#   - when the engine is Podman (no registry is assumed reachable) or MLLABS_BUILD_IMAGE=1:
#     mlflow-image.sh builds localhost/mllabs/mlflow:<mlflow.server.version>
#   - with --python: python-env.sh (venv with mlflow and pyspark) and chromium.sh (a headless Chromium for the
#     graders' checks of the MLflow UI)
# It first checks what is missing. When something is, it says what it is about to install and how to turn the
# set-up off before it changes anything; when nothing is, it says so in one line. --check only says it.
#
# Exit status: non-zero when a step fails; with --check, 1 when something is missing. When no engine can be had
# and CI is unset, the guidance is printed and the status is 0 (a learner can still use `mlflow` on PATH or
# MLFLOW_TRACKING_URI).
#
# Environment:
#   MLLABS_SETUP=skip      do nothing (the build: -Dmllabs.setup=skip); MLLABS_SKIP_SETUP=1 as well
#   MLLABS_BUILD_IMAGE=1   build the local image whatever the engine
#   MLFLOW_TRACKING_URI    an existing MLflow server
#   CI                     set on CI machines: a missing engine is an error
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

WITH_PYTHON=0
CHECK=0
for arg in "$@"; do
  case "$arg" in
    --python) WITH_PYTHON=1 ;;
    --check) CHECK=1 ;;
    -h | --help) mllabs_usage "${BASH_SOURCE[0]}"; exit 0 ;;
    *) mllabs_die "unknown argument: $arg (usage: setup.sh [--python] [--check])" ;;
  esac
done

if [ "${MLLABS_SETUP:-}" = skip ] || [ "${MLLABS_SKIP_SETUP:-}" = 1 ]; then
  mllabs_log "machine set-up turned off (MLLABS_SETUP=skip): nothing checked, nothing installed"
  exit 0
fi

# Whether the engine that answers (the one Testcontainers will use) is Podman, which cannot pull the official image.
engine_is_podman() {
  local engine_uri="unix:///var/run/docker.sock"
  if [ -n "${DOCKER_HOST:-}" ] && mllabs_engine_get "$DOCKER_HOST" /_ping >/dev/null; then
    engine_uri="$DOCKER_HOST"
  elif ! mllabs_engine_get "$engine_uri" /_ping >/dev/null; then
    engine_uri="unix:///run/podman/podman.sock"
  fi
  local version_json
  version_json="$(mllabs_engine_get "$engine_uri" /version || true)"
  [[ "$version_json" == *Podman* ]]
}

# --- what is missing: each script's --check prints what it would do, one line each ---------------------------
PLAN=()
ENGINE_STATUS=0
plan_step() {
  local status=0 lines
  lines="$(bash "$HERE/$1" --check)" || status=$?
  if [ "$status" -eq 1 ] && [ -z "$lines" ]; then
    PLAN+=("run $1, whose check failed (see above)")
  elif [ "$status" -eq 1 ]; then
    while IFS= read -r line; do PLAN+=("$line"); done <<<"$lines"
  fi
  return "$status"
}
if [ -z "${MLFLOW_TRACKING_URI:-}" ]; then
  plan_step container-engine.sh || ENGINE_STATUS=$?
  if [ "$ENGINE_STATUS" -eq 1 ] || { [ "$ENGINE_STATUS" -eq 0 ] &&
    { [ "${MLLABS_BUILD_IMAGE:-}" = 1 ] || engine_is_podman; }; }; then
    plan_step mlflow-image.sh || true
  fi
fi
CHROMIUM_STATUS=0
if [ "$WITH_PYTHON" -eq 1 ]; then
  plan_step python-env.sh || true
  plan_step chromium.sh || CHROMIUM_STATUS=$?
fi

if [ "$CHROMIUM_STATUS" -eq 3 ]; then
  mllabs_log "no Chromium, and none can be installed here: the graders' checks of the MLflow UI will skip" \
    "(fail in CI); set MLLABS_CHROMIUM to a Chromium or Chrome"
fi
if [ "${#PLAN[@]}" -eq 0 ] && [ "$ENGINE_STATUS" -ne 3 ]; then
  mllabs_log "machine set-up: nothing to install, the labs' tools are in place"
  exit 0
fi
if [ "${#PLAN[@]}" -gt 0 ]; then
  if [ "$CHECK" -eq 1 ]; then
    mllabs_log "Setting this machine up for the labs (lab-runtime/environment/setup.sh) would:"
  else
    mllabs_log "Setting this machine up for the labs (lab-runtime/environment/setup.sh). About to:"
  fi
  for line in "${PLAN[@]}"; do
    mllabs_log "  - $line"
  done
  mllabs_log "To build without it: ./mvnw ... -Dmllabs.setup=skip, or export MLLABS_SETUP=skip"
  mllabs_log "(then see lab-runtime/environment/README.md for other ways to get an MLflow server)."
fi
if [ "$CHECK" -eq 1 ]; then
  [ "$ENGINE_STATUS" -ne 3 ] || mllabs_log "no container engine, and none can be installed here: a run prints the ways to get an MLflow server"
  exit 1
fi

START=$SECONDS
run_step() {
  local name="$1"
  shift
  local t0=$SECONDS
  if ! bash "$HERE/$name" "$@"; then
    mllabs_die "$name failed"
  fi
  mllabs_log "$name finished in $((SECONDS - t0))s"
}

# The Python environment (pip) is prepared beside the engine and the image (debootstrap, pip in the image's root):
# each waits on downloads and keeps one core busy at most, so side by side they take about the longer one's time.
PYTHON_ENV_PID=""
if [ "$WITH_PYTHON" -eq 1 ]; then
  run_step python-env.sh &
  PYTHON_ENV_PID=$!
  trap '[ -z "$PYTHON_ENV_PID" ] || kill "$PYTHON_ENV_PID" 2>/dev/null || true' EXIT
fi

if [ -n "${MLFLOW_TRACKING_URI:-}" ]; then
  mllabs_log "MLFLOW_TRACKING_URI=$MLFLOW_TRACKING_URI is set: using that server, no container engine needed"
else
  t0=$SECONDS
  status=0
  bash "$HERE/container-engine.sh" || status=$?
  if [ "$status" -eq 3 ]; then
    if [ -n "${CI:-}" ]; then
      mllabs_die "no container engine on this CI machine (see the messages above)"
    fi
    mllabs_log "continuing without a container engine"
  elif [ "$status" -ne 0 ]; then
    mllabs_die "container-engine.sh failed (exit $status)"
  else
    mllabs_log "container-engine.sh finished in $((SECONDS - t0))s"
    if [ "${MLLABS_BUILD_IMAGE:-}" = 1 ] || engine_is_podman; then
      run_step mlflow-image.sh
    else
      mllabs_log "engine is not Podman: the official MLflow image will be pulled by the tests (MLLABS_BUILD_IMAGE=1 builds a local one)"
    fi
  fi
fi

if [ "$WITH_PYTHON" -eq 1 ]; then
  wait "$PYTHON_ENV_PID" || exit 1 # run_step has said why
  PYTHON_ENV_PID=""
  if [ "$CHROMIUM_STATUS" -ne 3 ]; then
    run_step chromium.sh
  fi
fi

mllabs_log "environment ready in $((SECONDS - START))s"
