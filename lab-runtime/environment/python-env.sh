#!/usr/bin/env bash
# Usage: lab-runtime/environment/python-env.sh [--check]
#
# Creates a Python venv with mlflow==<mlflow.server.version> and pyspark==<spark.version> (both read from
# the root pom.xml) and pytest (pinned below). Used by the Java -> Python model interop test, by the graders'
# Python checks (src/test/python, run with pytest) and as the local-process MLflow server
# when no container engine is available (put <venv>/bin on PATH, or point the labs at <venv>/bin/mlflow).
# Cached: does nothing when the venv already imports the pinned versions. Prints the venv path last.
# --check changes nothing: exit 0 when the venv is up to date, else 1 after printing what a run would do.
#
# Environment:
#   MLLABS_PYTHON_ENV   venv location (default ${MLLABS_HOME:-$HOME/.mllabs}/python)
#   MLLABS_PYTHON       interpreter to create it with (default python3; needs Python >= 3.10)
#   PIP_*               usual pip settings (index, certificate, find-links, timeout)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

mllabs_check_argument "${BASH_SOURCE[0]}" "$@"

MLFLOW_VERSION="$(mllabs_pom_property mlflow.server.version)"
SPARK_VERSION="$(mllabs_pom_property spark.version)"
PYTEST_VERSION=9.2.0
VENV="${MLLABS_PYTHON_ENV:-${MLLABS_HOME:-$HOME/.mllabs}/python}"
PYTHON="${MLLABS_PYTHON:-python3}"
WANT="$MLFLOW_VERSION $SPARK_VERSION $PYTEST_VERSION"
START=$SECONDS

installed_versions() {
  [ -x "$VENV/bin/python" ] || return 1
  "$VENV/bin/python" -c 'import mlflow, pyspark, pytest
print(mlflow.__version__, pyspark.__version__, pytest.__version__)' 2>/dev/null
}

if [ "$(installed_versions || true)" = "$WANT" ]; then
  [ "$CHECK" = 1 ] && exit 0
  mllabs_log "python env up to date (mlflow $MLFLOW_VERSION, pyspark $SPARK_VERSION, pytest $PYTEST_VERSION)"
  printf '%s\n' "$VENV"
  exit 0
fi

if [ "$CHECK" = 1 ]; then
  if [ ! -x "$VENV/bin/python" ] && mllabs_have "$PYTHON" && ! "$PYTHON" -c 'import ensurepip' 2>/dev/null &&
    mllabs_is_root && mllabs_have apt-get; then
    echo "install the Debian package python3-venv (apt-get)"
  fi
  echo "pip install mlflow==$MLFLOW_VERSION pyspark==$SPARK_VERSION pytest==$PYTEST_VERSION into the Python" \
    "environment $VENV (about 2 min)"
  exit 1
fi

mllabs_have "$PYTHON" || mllabs_die "$PYTHON not found; install Python >= 3.10 or set MLLABS_PYTHON"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
  mllabs_die "$("$PYTHON" -V 2>&1) is too old: mlflow $MLFLOW_VERSION and pyspark $SPARK_VERSION need Python >= 3.10"

if [ ! -x "$VENV/bin/python" ]; then
  mllabs_log "creating venv $VENV with $("$PYTHON" -V 2>&1)"
  mkdir -p "$(dirname "$VENV")"
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    # Debian's python3 has no ensurepip without python3-venv.
    if mllabs_is_root && mllabs_have apt-get && [ "$(command -v "$PYTHON")" = /usr/bin/python3 ]; then
      mllabs_apt_install python3-venv
      "$PYTHON" -m venv "$VENV"
    else
      mllabs_die "'$PYTHON -m venv' failed; on Debian/Ubuntu install python3-venv"
    fi
  fi
fi

mllabs_log "pip install mlflow==$MLFLOW_VERSION pyspark==$SPARK_VERSION pytest==$PYTEST_VERSION into $VENV" \
  "(several minutes the first time)"
if ! "$VENV/bin/python" -m pip install --progress-bar off -q \
  "mlflow==$MLFLOW_VERSION" "pyspark==$SPARK_VERSION" "pytest==$PYTEST_VERSION"; then
  mllabs_die "pip install into $VENV failed"
fi

got="$(installed_versions || true)"
[ "$got" = "$WANT" ] || mllabs_die "venv imports '$got', expected '$WANT'"
mllabs_log "python env ready in $((SECONDS - START))s (mlflow $MLFLOW_VERSION, pyspark $SPARK_VERSION," \
  "pytest $PYTEST_VERSION)"
printf '%s\n' "$VENV"
