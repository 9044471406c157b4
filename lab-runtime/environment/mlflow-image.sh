#!/usr/bin/env bash
# Usage: lab-runtime/environment/mlflow-image.sh [--force | --check]
#
# Builds the MLflow server image localhost/mllabs/mlflow:<mlflow.server.version> (version read from the
# root pom.xml) without any container registry: a Debian bookworm root filesystem from debootstrap, a venv
# /opt/mlflow with mlflow[auth]==<version> from PyPI, imported as an image. `mlflow server ...` runs in it
# exactly as in the official ghcr.io/mlflow/mlflow:v<version> image; the auth extra adds what
# `mlflow server --app-name basic-auth` needs (a shared class server with one user per learner).
# Does nothing when the image already exists with the current recipe (its label org.mllabs.image.recipe);
# an image of the same MLflow version from an older recipe is upgraded in place of a full build (its root
# filesystem is reused, only pip runs). --force rebuilds from scratch. --check builds nothing: exit 0 when the
# image is there with the current recipe, else 1 after printing what a run would do.
#
# Needs root (debootstrap, chroot) and podman, or a docker CLI talking to an engine.
#
# Environment:
#   MLLABS_CACHE          cache dir; the build happens in $MLLABS_CACHE/image-build.* (default ~/.cache/mllabs)
#   MLLABS_DEBIAN_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   MLLABS_IMAGE_TOOL     podman or docker (default: podman when installed, else docker)
#   PIP_*                 pip settings; passed into the chroot, with the files they name copied in
#   http_proxy, https_proxy, no_proxy   passed through when set
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

FORCE=0
CHECK=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --check) CHECK=1 ;;
    -h | --help) mllabs_usage "${BASH_SOURCE[0]}"; exit 0 ;;
    *) mllabs_die "unknown argument: $arg (usage: mlflow-image.sh [--force | --check])" ;;
  esac
done

MLFLOW_VERSION="$(mllabs_pom_property mlflow.server.version)"
IMAGE="localhost/mllabs/mlflow:$MLFLOW_VERSION"
# What goes into the image besides the version; bump RECIPE whenever this changes, so that existing images
# are upgraded.
MLFLOW_EXTRAS=auth
RECIPE=2
CACHE_DIR="${MLLABS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mllabs}"
MIRROR="${MLLABS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
START=$SECONDS

BUILD_PLAN="build the MLflow server image $IMAGE (debootstrap, then mlflow[$MLFLOW_EXTRAS] from PyPI; 3-5 min, 1 GB)"
if ! mllabs_have debootstrap; then
  BUILD_PLAN="install the Debian package debootstrap (apt-get)"$'\n'"$BUILD_PLAN"
fi

# --- which tool talks to the engine -------------------------------------------------------------
if [ "$CHECK" = 1 ] && [ -z "${MLLABS_IMAGE_TOOL:-}" ] && ! mllabs_have podman &&
  ! { mllabs_have docker && docker version >/dev/null 2>&1; }; then
  echo "$BUILD_PLAN"
  exit 1
elif [ -n "${MLLABS_IMAGE_TOOL:-}" ]; then
  ENGINE="$MLLABS_IMAGE_TOOL"
  case "$ENGINE" in podman | docker) mllabs_have "$ENGINE" || mllabs_die "$ENGINE not found" ;; *) mllabs_die "MLLABS_IMAGE_TOOL must be podman or docker" ;; esac
elif mllabs_have podman; then
  ENGINE=podman
elif mllabs_have docker && docker version >/dev/null 2>&1; then
  ENGINE=docker
else
  mllabs_die "neither podman nor a working docker CLI found; run container-engine.sh first"
fi

image_exists() {
  if [ "$ENGINE" = podman ]; then
    podman image exists "$IMAGE"
  else
    docker image inspect "$IMAGE" >/dev/null 2>&1
  fi
}

# The recipe label of the existing image; empty when the image is missing or has none.
image_recipe() {
  "$ENGINE" image inspect --format '{{ index .Config.Labels "org.mllabs.image.recipe" }}' "$IMAGE" 2>/dev/null \
    | sed 's/<no value>//'
}

if [ "$CHECK" = 1 ]; then
  if ! image_exists; then
    echo "$BUILD_PLAN"
    exit 1
  elif [ "$(image_recipe)" != "$RECIPE" ]; then
    echo "add mlflow[$MLFLOW_EXTRAS] to the MLflow server image $IMAGE, made by an older recipe (pip, about 40 s)"
    exit 1
  fi
  exit 0
fi

BASE_IMAGE_ID=""
if [ "$FORCE" -eq 0 ] && image_exists; then
  if [ "$(image_recipe)" = "$RECIPE" ]; then
    mllabs_log "image $IMAGE already present (use --force to rebuild)"
    exit 0
  fi
  BASE_IMAGE_ID="$("$ENGINE" image inspect --format '{{ .Id }}' "$IMAGE")"
  mllabs_log "image $IMAGE is from an older recipe; adding mlflow[$MLFLOW_EXTRAS] to it"
fi

mllabs_is_root || mllabs_die "building $IMAGE needs root (debootstrap and chroot); or pull the official image, see README.md"
if [ -z "$BASE_IMAGE_ID" ]; then
  mllabs_have debootstrap || mllabs_apt_install debootstrap
  mllabs_log "building $IMAGE (Debian $SUITE + mlflow[$MLFLOW_EXTRAS]==$MLFLOW_VERSION from PyPI); this takes a few minutes"
fi

# --- work dir and cleanup -----------------------------------------------------------------------
mkdir -p "$CACHE_DIR"
CACHE_DIR="$(cd "$CACHE_DIR" && pwd)"
WORK="$(mktemp -d "$CACHE_DIR/image-build.XXXXXX")"
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS"

# Unmounts everything below $ROOTFS, deepest first. Returns non-zero if something stays mounted.
unmount_rootfs() {
  local mp
  [ -d "$ROOTFS" ] || return 0
  while read -r mp; do
    umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || true
  done < <(awk -v root="$ROOTFS" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
  ! awk -v root="$ROOTFS" 'index($2, root "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts
}

BASE_CONTAINER=""
cleanup() {
  if [ -n "$BASE_CONTAINER" ]; then "$ENGINE" rm -f "$BASE_CONTAINER" >/dev/null 2>&1 || true; fi
  if unmount_rootfs; then
    rm -rf "$WORK"
  else
    mllabs_warn "could not unmount everything under $ROOTFS; leaving $WORK in place"
  fi
}
trap cleanup EXIT

# --- 1. Debian root filesystem: the older image's, or a new one ---------------------------------
t0=$SECONDS
if [ -n "$BASE_IMAGE_ID" ]; then
  mllabs_log "exporting the root filesystem of $IMAGE -> $ROOTFS"
  BASE_CONTAINER="$("$ENGINE" create "$BASE_IMAGE_ID" true)"
  "$ENGINE" export "$BASE_CONTAINER" | tar -C "$ROOTFS" --numeric-owner -x
  "$ENGINE" rm -f "$BASE_CONTAINER" >/dev/null
  BASE_CONTAINER=""
  mllabs_log "export done in $((SECONDS - t0))s"
else
  mkdir -p "$CACHE_DIR/debootstrap-debs"
  mllabs_log "debootstrap $SUITE -> $ROOTFS"
  if ! debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    --cache-dir="$CACHE_DIR/debootstrap-debs" "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK/debootstrap.log" >&2
    tail -n 30 "$ROOTFS/debootstrap/debootstrap.log" >&2 2>/dev/null || true
    mllabs_die "debootstrap failed"
  fi
  mllabs_log "debootstrap done in $((SECONDS - t0))s"
fi

# --- 2. mlflow in a venv, from PyPI, inside the chroot -------------------------------------------
t0=$SECONDS
BUILD_DIR=/tmp/mllabs-build # inside the rootfs
mkdir -p "$ROOTFS$BUILD_DIR"
cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$ROOTFS/proc"
for dev in null zero random urandom; do
  if [ ! -c "$ROOTFS/dev/$dev" ]; then
    rm -f "$ROOTFS/dev/$dev"
    touch "$ROOTFS/dev/$dev"
    mount --bind "/dev/$dev" "$ROOTFS/dev/$dev"
  fi
done

chroot_env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8)
for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  if [ -n "${!var:-}" ]; then chroot_env+=("$var=${!var}"); fi
done
# pip settings: PIP_* variables; files they name are copied in, a local find-links dir is bound in
# when it exists and is not empty (and dropped otherwise).
while IFS='=' read -r var value; do
  case "$var" in
    PIP_CERT | PIP_CLIENT_CERT | PIP_CONFIG_FILE)
      if [ -f "$value" ]; then
        cp -L "$value" "$ROOTFS$BUILD_DIR/$var"
        chroot_env+=("$var=$BUILD_DIR/$var")
      else
        mllabs_warn "$var=$value is not a file; not passing it into the image build"
      fi ;;
    PIP_FIND_LINKS)
      links=()
      i=0
      for link in $value; do
        case "$link" in
          *://*) links+=("$link") ;;
          *)
            if [ -d "$link" ] && [ -n "$(ls -A "$link" 2>/dev/null)" ]; then
              mkdir -p "$ROOTFS$BUILD_DIR/find-links-$i"
              mount --bind -o ro "$link" "$ROOTFS$BUILD_DIR/find-links-$i"
              links+=("$BUILD_DIR/find-links-$i")
              i=$((i + 1))
            fi ;;
        esac
      done
      if [ "${#links[@]}" -gt 0 ]; then chroot_env+=("PIP_FIND_LINKS=${links[*]}"); fi ;;
    PIP_*) chroot_env+=("$var=$value") ;;
  esac
done < <(env | grep '^PIP_' || true)
# Certificates for Python's own TLS when the host sets them.
for var in SSL_CERT_FILE REQUESTS_CA_BUNDLE; do
  if [ -n "${!var:-}" ] && [ -f "${!var}" ]; then
    cp -L "${!var}" "$ROOTFS$BUILD_DIR/$var"
    chroot_env+=("$var=$BUILD_DIR/$var")
  fi
done

cat >"$ROOTFS$BUILD_DIR/install.sh" <<EOF
set -eu
[ -x /opt/mlflow/bin/pip ] || python3 -m venv /opt/mlflow
/opt/mlflow/bin/pip install --no-cache-dir --progress-bar off -q "mlflow[$MLFLOW_EXTRAS]==$MLFLOW_VERSION"
/opt/mlflow/bin/python -c "import flask_wtf"
ln -sf /opt/mlflow/bin/mlflow /usr/local/bin/mlflow
mlflow --version
EOF
mllabs_log "pip install mlflow[$MLFLOW_EXTRAS]==$MLFLOW_VERSION into /opt/mlflow (chroot)"
if ! env -i "${chroot_env[@]}" chroot "$ROOTFS" /bin/sh "$BUILD_DIR/install.sh" >"$WORK/pip.log" 2>&1; then
  tail -n 40 "$WORK/pip.log" >&2
  mllabs_die "installing mlflow==$MLFLOW_VERSION in the image failed"
fi
installed="$(tail -n 1 "$WORK/pip.log")"
case "$installed" in
  *"$MLFLOW_VERSION"*) mllabs_log "installed: $installed (pip took $((SECONDS - t0))s)" ;;
  *) tail -n 20 "$WORK/pip.log" >&2; mllabs_die "unexpected 'mlflow --version' output: $installed" ;;
esac

# --- 3. trim and import ----------------------------------------------------------------------------
unmount_rootfs || mllabs_die "could not unmount $ROOTFS"
rm -rf "${ROOTFS:?}$BUILD_DIR" "$ROOTFS/root/.cache" "$ROOTFS/var/cache/apt/"*.bin \
  "$ROOTFS/var/cache/apt/archives/"*.deb "$ROOTFS/var/lib/apt/lists/"* "$ROOTFS/usr/share/doc/"* \
  "$ROOTFS/usr/share/man/"* "$ROOTFS/usr/share/info/"* "$ROOTFS/var/log/"*.log "$ROOTFS/debootstrap"
: >"$ROOTFS/etc/resolv.conf"
for dev in null zero random urandom; do
  if [ -f "$ROOTFS/dev/$dev" ] && [ ! -s "$ROOTFS/dev/$dev" ]; then rm -f "$ROOTFS/dev/$dev"; fi
done

t0=$SECONDS
mllabs_log "importing $(du -sh "$ROOTFS" | cut -f1) root filesystem as $IMAGE ($ENGINE)"
changes=(
  --change 'ENV PATH=/opt/mlflow/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV LANG=C.UTF-8'
  --change 'LABEL org.opencontainers.image.title=mllabs-mlflow'
  --change "LABEL org.opencontainers.image.version=$MLFLOW_VERSION"
  --change "LABEL org.mllabs.image.recipe=$RECIPE"
  --change 'CMD ["mlflow","--version"]'
)
# The import moves the name to the new image. The old one is removed afterwards, unless containers still
# use it (a running lab server keeps it, and keeps running; remove it later with `$ENGINE image prune`).
OLD_IMAGE_ID="$("$ENGINE" image inspect --format '{{ .Id }}' "$IMAGE" 2>/dev/null || true)"
if [ "$ENGINE" = podman ]; then
  tar -C "$ROOTFS" --numeric-owner -c . | podman import --quiet "${changes[@]}" - "$IMAGE" >/dev/null
else
  tar -C "$ROOTFS" --numeric-owner -c . | docker import "${changes[@]}" - "$IMAGE" >/dev/null
fi
if [ -n "$OLD_IMAGE_ID" ] && ! "$ENGINE" rmi "$OLD_IMAGE_ID" >/dev/null 2>&1; then
  mllabs_log "the previous image ${OLD_IMAGE_ID:0:12} is still used by a container; it stays until that is removed"
fi
mllabs_log "import done in $((SECONDS - t0))s"

image_exists || mllabs_die "$IMAGE missing after import"
trap - EXIT
cleanup
mllabs_log "built $IMAGE in $((SECONDS - START))s"
