#!/usr/bin/env bash
# Usage: lab-runtime/environment/container-engine.sh [--check]
#
# Makes sure a Docker-compatible engine API answers, so Testcontainers can start the MLflow server.
#   1. DOCKER_HOST (unix:// or tcp://) answers GET /version        -> use it, exit 0
#   2. /var/run/docker.sock answers                                 -> use it, exit 0
#   3. root with apt-get: install podman + runc, write /etc/containers/containers.conf (runc, cgroupfs,
#      this machine's hard limits as default ulimits), start `podman system service` on /run/podman/podman.sock and link
#      /var/run/docker.sock to it when that path is free                -> exit 0
#   4. otherwise print the ways to get an MLflow server             -> exit 3
# Idempotent: when the socket already answers it returns within a second.
# --check changes nothing: exit 0 when an engine answers, 3 as in 4., else 1 after printing what 3. would do,
# one line each.
#
# Environment:
#   DOCKER_HOST            engine to try first
#   MLLABS_PODMAN_LOG      log of the podman service (default /var/log/mllabs-podman.log)
#   MLLABS_ENGINE_WAIT     seconds to wait for the podman socket (default 20)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PODMAN_SOCK=/run/podman/podman.sock
DOCKER_SOCK=/var/run/docker.sock
CONTAINERS_CONF=/etc/containers/containers.conf
CONF_MARKER="# Written by mllabs (lab-runtime/environment/container-engine.sh)."
PODMAN_LOG="${MLLABS_PODMAN_LOG:-/var/log/mllabs-podman.log}"
PODMAN_PIDFILE=/run/mllabs-podman.pid
WAIT_SECONDS="${MLLABS_ENGINE_WAIT:-20}"

# Prints "<engine> <version>" and returns 0 when the engine at $1 answers.
engine_answers() {
  local json
  json="$(mllabs_engine_get "$1" /version)" || return 1
  [ -n "$json" ] || return 1
  mllabs_engine_name "$json"
}

guidance() {
  local version
  version="$(mllabs_pom_property mlflow.server.version 2>/dev/null || echo '<version>')"
  cat >&2 <<EOF
[mllabs] No container engine is available and this script cannot install one here
[mllabs] (it needs root and apt-get). The labs need an MLflow $version server; any of these works:
[mllabs]   1. Install Docker (Docker Desktop, Docker Engine) or Podman and start its API socket
[mllabs]      (rootless Podman: 'systemctl --user enable --now podman.socket' and
[mllabs]       export DOCKER_HOST=unix://\$XDG_RUNTIME_DIR/podman/podman.sock).
[mllabs]   2. pip install mlflow==$version   so that 'mlflow' is on PATH; the labs start it as a local process
[mllabs]      (lab-runtime/environment/python-env.sh creates such a venv).
[mllabs]   3. export MLFLOW_TRACKING_URI=http://host:port   pointing at an MLflow $version server you run.
EOF
}

mllabs_check_argument "${BASH_SOURCE[0]}" "$@"

# --check: what 3. would change on this machine, one line each; nothing is changed.
planned_changes() {
  mllabs_have curl || echo "install the Debian packages curl ca-certificates (apt-get)"
  if ! mllabs_have podman || ! mllabs_have runc; then
    echo "install the Debian packages podman runc (apt-get)"
  fi
  local conf_changes=0
  if [ ! -e "$CONTAINERS_CONF" ] || { [ "$(head -n 1 "$CONTAINERS_CONF")" = "$CONF_MARKER" ] &&
    [ "$(render_conf)" != "$(cat "$CONTAINERS_CONF")" ]; }; then
    echo "write $CONTAINERS_CONF (runc, cgroupfs, this machine's limits)"
    conf_changes=1
  fi
  if [ "$conf_changes" = 1 ] || ! engine_answers "$PODMAN_SOCK" >/dev/null; then
    echo "start the podman service on unix://$PODMAN_SOCK (it keeps running after the build)"
  fi
  if [ ! -e "$DOCKER_SOCK" ] && [ ! -L "$DOCKER_SOCK" ]; then
    echo "link $DOCKER_SOCK to unix://$PODMAN_SOCK"
  fi
}

if [ "$CHECK" = 0 ]; then
  mllabs_require_curl
fi

# 1. DOCKER_HOST
if [ -n "${DOCKER_HOST:-}" ]; then
  if engine="$(engine_answers "$DOCKER_HOST")"; then
    [ "$CHECK" = 1 ] || mllabs_log "container engine: $engine at DOCKER_HOST=$DOCKER_HOST"
    exit 0
  fi
  [ "$CHECK" = 1 ] || mllabs_warn "DOCKER_HOST=$DOCKER_HOST does not answer GET /version; trying the default socket"
fi

# 2. The default socket (Docker, or a podman service linked there earlier).
if engine="$(engine_answers "$DOCKER_SOCK")"; then
  [ "$CHECK" = 1 ] && exit 0
  mllabs_log "container engine: $engine at unix://$DOCKER_SOCK"
  if [ -n "${DOCKER_HOST:-}" ]; then
    mllabs_warn "Testcontainers follows DOCKER_HOST=$DOCKER_HOST: unset it to use unix://$DOCKER_SOCK"
  fi
  exit 0
fi

# 3. A podman service on /run/podman/podman.sock.
if ! mllabs_is_root || ! { mllabs_have apt-get || { mllabs_have podman && mllabs_have runc; }; }; then
  [ "$CHECK" = 1 ] || guidance
  exit 3
fi

if ! mllabs_have podman || ! mllabs_have runc; then
  mllabs_apt_install podman runc
fi

# Podman's Docker-compatible API gives containers nofile and nproc limits of its own (1048576) unless
# containers.conf names some, and raising a limit above this machine's hard limit fails in runc ("error setting
# rlimit type 7: operation not permitted"). So the defaults are this machine's hard limits, capped (the podman
# service may run with lower limits than this shell: lowering a limit always works, raising it does not).
cap() { if [ "$1" = unlimited ] || [ "$1" -gt "$2" ]; then echo "$2"; else echo "$1"; fi; }
render_conf() {
  local nofile nproc
  nofile="$(cap "$(ulimit -Hn)" 16384)"
  nproc="$(cap "$(ulimit -Hu)" 16384)"
  cat <<EOF
$CONF_MARKER
# crun fails in this kind of machine ("setrlimit RLIMIT_NOFILE: Operation not permitted", then
# "cgroups in hybrid mode not supported"): use runc with cgroupfs. Containers get this machine's hard limits
# for open files and processes, which runc may set; Podman's higher defaults cannot be set here.
# Delete this file (or remove the first line to keep your edits) if you manage Podman yourself.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
EOF
}

if [ "$CHECK" = 1 ]; then
  planned_changes
  exit 1
fi

CONF_CHANGED=0
if [ ! -e "$CONTAINERS_CONF" ] || [ "$(head -n 1 "$CONTAINERS_CONF")" = "$CONF_MARKER" ]; then
  wanted="$(render_conf)"
  if [ "$wanted" != "$(cat "$CONTAINERS_CONF" 2>/dev/null)" ]; then
    mllabs_log "writing $CONTAINERS_CONF (runc, cgroupfs, this machine's limits)"
    mkdir -p "$(dirname "$CONTAINERS_CONF")"
    printf '%s\n' "$wanted" >"$CONTAINERS_CONF"
    CONF_CHANGED=1
  fi
else
  mllabs_log "keeping your own $CONTAINERS_CONF"
  grep -q 'runtime *= *"runc"' "$CONTAINERS_CONF" ||
    mllabs_warn "$CONTAINERS_CONF does not select runtime = \"runc\"; containers may fail to start with crun"
fi

if [ "$CONF_CHANGED" = 0 ] && engine="$(engine_answers "$PODMAN_SOCK")"; then
  mllabs_log "podman service already answers at unix://$PODMAN_SOCK"
else
  # (Re)start: stop a service that no longer answers or runs with an older containers.conf, drop a stale socket.
  if [ "$CONF_CHANGED" = 1 ] && pkill -f "podman system service --time=0 unix://$PODMAN_SOCK"; then
    mllabs_log "restarting the podman service for the new $CONTAINERS_CONF"
    sleep 1
  fi
  if [ -f "$PODMAN_PIDFILE" ]; then
    old_pid="$(cat "$PODMAN_PIDFILE" 2>/dev/null || true)"
    if [ -n "$old_pid" ] && grep -q podman "/proc/$old_pid/cmdline" 2>/dev/null; then
      mllabs_log "stopping unresponsive podman service (pid $old_pid)"
      kill "$old_pid" 2>/dev/null || true
      sleep 1
    fi
    rm -f "$PODMAN_PIDFILE"
  fi
  if [ -S "$PODMAN_SOCK" ] || [ -e "$PODMAN_SOCK" ]; then
    mllabs_log "removing stale socket $PODMAN_SOCK"
    rm -f "$PODMAN_SOCK"
  fi
  mkdir -p "$(dirname "$PODMAN_SOCK")"
  if ! { : >>"$PODMAN_LOG"; } 2>/dev/null; then
    PODMAN_LOG=/tmp/mllabs-podman.log
  fi
  mllabs_log "starting podman system service on unix://$PODMAN_SOCK (log: $PODMAN_LOG)"
  setsid nohup podman system service --time=0 "unix://$PODMAN_SOCK" >>"$PODMAN_LOG" 2>&1 </dev/null &
  echo $! >"$PODMAN_PIDFILE"
  waited=0
  until engine="$(engine_answers "$PODMAN_SOCK")"; do
    if [ "$waited" -ge "$((WAIT_SECONDS * 4))" ]; then
      tail -n 20 "$PODMAN_LOG" >&2 || true
      mllabs_die "podman service did not answer on $PODMAN_SOCK within ${WAIT_SECONDS}s (log: $PODMAN_LOG)"
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
fi

# Testcontainers looks at /var/run/docker.sock when DOCKER_HOST is unset.
if [ ! -e "$DOCKER_SOCK" ] && [ ! -L "$DOCKER_SOCK" ]; then
  ln -s "$PODMAN_SOCK" "$DOCKER_SOCK"
  mllabs_log "linked $DOCKER_SOCK -> $PODMAN_SOCK"
elif [ "$(readlink -f "$DOCKER_SOCK")" != "$(readlink -f "$PODMAN_SOCK")" ]; then
  mllabs_warn "$DOCKER_SOCK exists and is not the podman socket; set DOCKER_HOST=unix://$PODMAN_SOCK for Testcontainers"
fi

mllabs_log "container engine: $engine at unix://$PODMAN_SOCK"
if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "unix://$PODMAN_SOCK" ] && [ "$DOCKER_HOST" != "unix://$DOCKER_SOCK" ]; then
  mllabs_warn "DOCKER_HOST=$DOCKER_HOST still points elsewhere; unset it or export DOCKER_HOST=unix://$PODMAN_SOCK"
fi
