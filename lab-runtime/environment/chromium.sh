#!/usr/bin/env bash
# Usage: lab-runtime/environment/chromium.sh [--check]
#
# Makes sure a headless Chromium is there for the graders' checks of the MLflow UI (mllabs_checks/ui.py, run by
# pytest in the test build): MLLABS_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH; otherwise, as
# root with apt-get, installs Debian's chromium package. Prints the browser's path last.
# --check changes nothing: exit 0 when a browser is there, 3 (silently) when none is and none can be installed here,
# else 1 after printing what a run would do.
# Without a browser, and when none can be installed, it says how to get one and exits 3: the UI checks then skip,
# or fail in CI.
#
# Environment:
#   MLLABS_CHROMIUM     the browser to use (a Chromium or Chrome executable)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

mllabs_check_argument "${BASH_SOURCE[0]}" "$@"

# Prints the browser's path and returns 0 when there is one.
find_browser() {
  if [ -n "${MLLABS_CHROMIUM:-}" ]; then
    [ -x "$MLLABS_CHROMIUM" ] && printf '%s\n' "$MLLABS_CHROMIUM"
    return
  fi
  local name
  for name in chromium chromium-browser google-chrome; do
    if mllabs_have "$name"; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

if browser="$(find_browser)"; then
  [ "$CHECK" = 1 ] && exit 0
  mllabs_log "browser for the UI checks: $("$browser" --version 2>/dev/null || echo "$browser")"
  printf '%s\n' "$browser"
  exit 0
fi

if [ -n "${MLLABS_CHROMIUM:-}" ] || ! mllabs_is_root || ! mllabs_have apt-get; then
  [ "$CHECK" = 1 ] && exit 3
  cat >&2 <<EOF
[mllabs] No Chromium for the graders' checks of the MLflow UI, and this script cannot install one here
[mllabs] (${MLLABS_CHROMIUM:+MLLABS_CHROMIUM=$MLLABS_CHROMIUM is no executable; }it installs Debian's chromium as
[mllabs] root with apt-get). Install Chromium or Chrome, or set MLLABS_CHROMIUM to its executable; until then those
[mllabs] checks skip (in CI they fail).
EOF
  exit 3
fi

if [ "$CHECK" = 1 ]; then
  echo "install the Debian package chromium (apt-get; the graders' checks of the MLflow UI, about 1 min, 450 MB)"
  exit 1
fi

mllabs_apt_install chromium
browser="$(find_browser)" || mllabs_die "chromium was installed but is not on PATH"
mllabs_log "browser for the UI checks: $("$browser" --version 2>/dev/null || echo "$browser")"
printf '%s\n' "$browser"
