#!/usr/bin/env bash
# Builds onpre-lambda/base-dind:bookworm offline from a container registry's point of view: a
# Debian bookworm root filesystem made with debootstrap (from the Debian mirror apt already uses)
# holding dockerd, containerd, runc, iptables, docker-compose and bash, loaded with `docker import`. The DinD
# Dockerfile's public default (debian:bookworm-slim + apt-get) gives the same on machines that can
# pull. Kept unless FORCE=1. Takes about a minute.
set -euo pipefail
DOCKER=${DOCKER:-docker}
TAG=${TAG:-onpre-lambda/base-dind:bookworm}
if [ "${FORCE:-0}" != 1 ] && $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  echo "dind base: $TAG present"
  exit 0
fi
command -v debootstrap >/dev/null || {
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$mirror" ] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
started=$SECONDS
root=$(mktemp -d)
trap 'rm -rf "$root" "$root.log"' EXIT
debootstrap --variant=minbase --include=docker.io,docker-compose,iptables,ca-certificates,procps bookworm "$root" "$mirror" \
  >"$root.log" 2>&1 || { tail -20 "$root.log"; exit 1; }
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
  "$root"/usr/share/man "$root"/usr/share/info
tar -C "$root" -c . | $DOCKER import -c 'ENV LANG=C.UTF-8' \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$TAG" >/dev/null
echo "dind base: built $TAG in $((SECONDS - started))s"
