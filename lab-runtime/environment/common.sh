# shellcheck shell=bash
# Shared helpers for the mllabs environment scripts. Source it, do not run it:
#   . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
#
# Provides:
#   mllabs_log / mllabs_warn / mllabs_die   messages prefixed with [mllabs]
#   MLLABS_REPO_ROOT, MLLABS_POM            the repository and its root pom.xml
#   mllabs_pom_property NAME                a <properties> value of the root pom.xml
#   mllabs_engine_get URI PATH              GET PATH on a Docker-compatible API (unix:// or tcp://)
#   mllabs_engine_name JSON                 engine name from a /version answer
#   mllabs_is_root, mllabs_have CMD, mllabs_apt_install PKG...

MLLABS_ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MLLABS_REPO_ROOT="$(cd "$MLLABS_ENV_DIR/../.." && pwd)"
MLLABS_POM="${MLLABS_POM:-$MLLABS_REPO_ROOT/pom.xml}"
export MLLABS_ENV_DIR MLLABS_REPO_ROOT MLLABS_POM

mllabs_log() { printf '[mllabs] %s\n' "$*"; }
mllabs_warn() { printf '[mllabs] WARNING: %s\n' "$*" >&2; }
mllabs_die() { printf '[mllabs] ERROR: %s\n' "$*" >&2; exit 1; }

mllabs_have() { command -v "$1" >/dev/null 2>&1; }
mllabs_is_root() { [ "$(id -u)" -eq 0 ]; }

# Prints the value of <NAME>...</NAME> from the root pom.xml; fails when absent or empty.
mllabs_pom_property() {
  local name="$1" value
  [ -r "$MLLABS_POM" ] || mllabs_die "cannot read $MLLABS_POM"
  value="$(sed -n "s:.*<${name}>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</${name}>.*:\1:p" "$MLLABS_POM" | head -n 1)"
  [ -n "$value" ] || mllabs_die "property <$name> not found in $MLLABS_POM"
  printf '%s\n' "$value"
}

# GET a path of a Docker-compatible engine API. $1 = unix:///path/sock, /path/sock or tcp://host:port.
# Prints the body; fails (non-zero) when the engine does not answer.
mllabs_engine_get() {
  local uri="$1" path="$2"
  case "$uri" in
    unix://*) curl -fsS --max-time 5 --unix-socket "${uri#unix://}" "http://d${path}" 2>/dev/null ;;
    /*) curl -fsS --max-time 5 --unix-socket "$uri" "http://d${path}" 2>/dev/null ;;
    tcp://*) curl -fsS --max-time 5 "http://${uri#tcp://}${path}" 2>/dev/null ;;
    http://* | https://*) curl -fsS --max-time 5 "${uri%/}${path}" 2>/dev/null ;;
    *) return 2 ;;
  esac
}

# Human-readable engine name and version from a /version JSON answer.
mllabs_engine_name() {
  local json="$1" name version
  if printf '%s' "$json" | grep -q '"Podman Engine"'; then
    name="Podman"
  else
    name="$(printf '%s' "$json" | sed -n 's/.*"Platform":{"Name":"\([^"]*\)".*/\1/p')"
    [ -n "$name" ] || name="Docker-compatible engine"
  fi
  # The top-level "Version" comes after "Components"; the greedy match picks the last one.
  version="$(printf '%s' "$json" | tr -d '\n' | sed -n 's/^{.*"Version":"\([^"]*\)".*/\1/p')"
  printf '%s %s\n' "$name" "$version"
}

# apt-get install, noninteractive and quiet; runs apt-get update first only when the package lists
# do not know the packages, and once more if the install fails (stale lists).
mllabs_apt_install() {
  mllabs_is_root || mllabs_die "installing $* needs root"
  mllabs_have apt-get || mllabs_die "installing $* needs apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # setup.sh prepares the Python environment beside the MLflow image: one apt-get of theirs at a time.
  local lock_fd
  if mllabs_have flock; then
    exec {lock_fd}>"${TMPDIR:-/tmp}/mllabs-apt.lock"
    flock "$lock_fd"
  fi
  if ! apt-cache show "$@" >/dev/null 2>&1; then
    mllabs_log "apt-get update"
    apt-get update -qq >/dev/null
  fi
  mllabs_log "apt-get install $*"
  local log
  log="$(mktemp)"
  if ! apt-get install -y -qq "$@" >"$log" 2>&1; then
    mllabs_log "install failed; refreshing package lists and retrying"
    apt-get update -qq >/dev/null
    if ! apt-get install -y -qq "$@" >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      mllabs_die "apt-get install $* failed"
    fi
  fi
  rm -f "$log"
  if [ -n "${lock_fd:-}" ]; then
    exec {lock_fd}>&-
  fi
}

# Makes sure curl exists (the engine checks use it).
mllabs_require_curl() {
  mllabs_have curl && return 0
  if mllabs_is_root && mllabs_have apt-get; then
    mllabs_apt_install curl ca-certificates
  else
    mllabs_die "curl is required; please install it"
  fi
}

# Prints the usage header (the leading comment block) of script $1.
mllabs_usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

# Reads the one argument a set-up step takes: none, --check (sets CHECK=1: say what would change, change nothing)
# or --help (prints the script's usage and exits 0); anything else stops with its usage line.
# Usage: mllabs_check_argument "${BASH_SOURCE[0]}" "$@"
mllabs_check_argument() {
  local script="$1"
  shift
  CHECK=0
  case "${1:-}" in
    "") ;;
    --check) CHECK=1 ;;
    -h | --help) mllabs_usage "$script"; exit 0 ;;
    *) mllabs_die "unknown argument: $1 (usage: $(basename "$script") [--check])" ;;
  esac
}
