#!/usr/bin/env bash
# Usage: lab-runtime/environment/setup.sh [--python]
#
# One entry point that prepares a machine for the labs and their tests:
#   - MLFLOW_TRACKING_URI set  -> use that server; no container engine needed
#   - otherwise container-engine.sh (Docker, or Podman installed and started on /run/podman/podman.sock)
#   - when the engine is Podman (no registry is assumed reachable) or MLLABS_BUILD_IMAGE=1:
#     mlflow-image.sh builds localhost/mllabs/mlflow:<mlflow.server.version>
#   - with --python: python-env.sh (venv with mlflow and pyspark)
# Every step is cached; a second run takes seconds.
#
# Exit status: non-zero when a step fails. When no engine can be had and CI is unset, the guidance is
# printed and the status is 0 (a learner can still use `mlflow` on PATH or MLFLOW_TRACKING_URI).
#
# Environment:
#   MLLABS_SKIP_SETUP=1    do nothing
#   MLLABS_BUILD_IMAGE=1   build the local image whatever the engine
#   MLFLOW_TRACKING_URI    an existing MLflow server
#   CI                     set on CI machines: a missing engine is an error
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

WITH_PYTHON=0
for arg in "$@"; do
  case "$arg" in
    --python) WITH_PYTHON=1 ;;
    -h | --help) mllabs_usage "${BASH_SOURCE[0]}"; exit 0 ;;
    *) mllabs_die "unknown argument: $arg (usage: setup.sh [--python])" ;;
  esac
done

if [ "${MLLABS_SKIP_SETUP:-}" = 1 ]; then
  mllabs_log "MLLABS_SKIP_SETUP=1: skipping environment setup"
  exit 0
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
    # Which engine answers now: the one Testcontainers will use.
    engine_uri="unix:///var/run/docker.sock"
    if [ -n "${DOCKER_HOST:-}" ] && mllabs_engine_get "$DOCKER_HOST" /_ping >/dev/null; then
      engine_uri="$DOCKER_HOST"
    elif ! mllabs_engine_get "$engine_uri" /_ping >/dev/null; then
      engine_uri="unix:///run/podman/podman.sock"
    fi
    version_json="$(mllabs_engine_get "$engine_uri" /version || true)"
    if [ "${MLLABS_BUILD_IMAGE:-}" = 1 ] || printf '%s' "$version_json" | grep -q 'Podman'; then
      run_step mlflow-image.sh
    else
      mllabs_log "engine is not Podman: the official MLflow image will be pulled by the tests (MLLABS_BUILD_IMAGE=1 builds a local one)"
    fi
  fi
fi

if [ "$WITH_PYTHON" -eq 1 ]; then
  run_step python-env.sh
fi

mllabs_log "environment ready in $((SECONDS - START))s"
