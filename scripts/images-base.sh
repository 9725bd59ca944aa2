#!/usr/bin/env bash
# Builds the base and runtime images offline (no registry is needed): root filesystems made on this
# machine and loaded with `docker import`, then the runtime Dockerfiles built on top of them.
# Base images that already exist are kept unless FORCE=1; runtime images are always rebuilt (Docker's
# layer cache makes an unchanged rebuild take about a second).
#   onpre-lambda/base-node:20         the host's node binary and the shared libraries it links (seconds)
#   onpre-lambda/base-python:3.11     debootstrap minbase bookworm + python3 + ca-certificates (~1 min)
#   onpre-lambda/runtime-nodejs:20    docker/runtime/nodejs.Dockerfile on base-node
#   onpre-lambda/runtime-python:3.11  docker/runtime/python.Dockerfile on base-python (+ node)
# ONLY=node skips everything python (for machines that only need the node images).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCKER=${DOCKER:-docker}
FORCE=${FORCE:-0}
ONLY=${ONLY:-all}
# The legacy builder resolves FROM against local images; BuildKit would try a registry.
export DOCKER_BUILDKIT=0

have_image() { [ "$FORCE" != 1 ] && $DOCKER image inspect "$1" >/dev/null 2>&1; }

# Root filesystems are staged in temporary directories, removed when the script exits.
TEMP_DIRS=()
remove_temp_dirs() { for dir in "${TEMP_DIRS[@]}"; do rm -rf "$dir" "$dir.log"; done; }
trap remove_temp_dirs EXIT

build_node_base() {
  local tag=onpre-lambda/base-node:20
  if have_image "$tag"; then echo "base: $tag present"; return; fi
  local started=$SECONDS root
  root=$(mktemp -d)
  TEMP_DIRS+=("$root")
  local node_bin
  node_bin=$(readlink -f "$(command -v node)")
  mkdir -p "$root"/{usr/local/bin,etc,tmp,var/task,opt,lib64,lib/x86_64-linux-gnu}
  chmod 1777 "$root/tmp"
  cp "$node_bin" "$root/usr/local/bin/node"
  # Copy every shared library node links against, at the same path.
  ldd "$node_bin" | awk '/=>/ {print $3} /^[ \t]*\// {print $1}' | while read -r lib; do
    [ -f "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\nsbx_user1051:x:993:990::/home/sbx_user1051:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nsbx_user1051:x:990:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ca-certificates.crt" 2>/dev/null || true
  tar -C "$root" -c . | $DOCKER import \
    -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'WORKDIR /var/task' - "$tag" >/dev/null
  echo "base: built $tag in $((SECONDS - started))s"
}

# The first Debian mirror apt is configured with (deb822 or one-line format).
debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return
  echo "base: installing debootstrap"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

build_python_base() {
  local tag=onpre-lambda/base-python:3.11
  if have_image "$tag"; then echo "base: $tag present"; return; fi
  ensure_debootstrap
  local started=$SECONDS root mirror
  root=$(mktemp -d)
  TEMP_DIRS+=("$root")
  mirror=$(debian_mirror)
  echo "base: debootstrap bookworm from $mirror"
  debootstrap --variant=minbase --include=python3,ca-certificates bookworm "$root" "$mirror" \
    >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
    "$root"/usr/share/man "$root"/usr/share/info
  mkdir -p "$root"/var/task "$root"/opt
  tar -C "$root" -c . | $DOCKER import -c 'ENV LANG=C.UTF-8' \
    -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'WORKDIR /var/task' - "$tag" >/dev/null
  echo "base: built $tag in $((SECONDS - started))s"
}

build_runtime_image() {
  local tag=$1 dockerfile=$2
  shift 2
  local started=$SECONDS
  local output
  if ! output=$($DOCKER build -q -f "$dockerfile" "$@" -t "$tag" dist/runtime 2>&1); then
    echo "$output" >&2
    exit 1
  fi
  echo "runtime: built $tag in $((SECONDS - started))s"
}

build_node_base
[ "$ONLY" = node ] || build_python_base
node scripts/build-runtime.mjs
build_runtime_image onpre-lambda/runtime-nodejs:20 docker/runtime/nodejs.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-node:20
[ "$ONLY" = node ] || build_runtime_image onpre-lambda/runtime-python:3.11 \
  docker/runtime/python.Dockerfile --build-arg BASE_IMAGE=onpre-lambda/base-python:3.11 \
  --build-arg NODE_IMAGE=onpre-lambda/base-node:20
