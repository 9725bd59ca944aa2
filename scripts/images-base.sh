#!/usr/bin/env bash
# Builds the base images offline (no registry is needed): root filesystems made on this machine and
# loaded with `docker import`. Images that already exist are kept unless FORCE=1.
#   onpre-lambda/base-node:20   the host's node binary and the shared libraries it links (seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
DOCKER=${DOCKER:-docker}
FORCE=${FORCE:-0}

have_image() { [ "$FORCE" != 1 ] && $DOCKER image inspect "$1" >/dev/null 2>&1; }

build_node_base() {
  local tag=onpre-lambda/base-node:20
  if have_image "$tag"; then echo "base: $tag present"; return; fi
  local started=$SECONDS root
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN
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

build_node_base
