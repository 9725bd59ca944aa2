#!/usr/bin/env bash
# Builds onpre-lambda/registry:2.8 (docker/registry/Dockerfile) offline: the registry binary comes
# from Debian's docker-registry package (apt-get download + dpkg-deb, nothing installed on the host),
# on onpre-lambda/base-debian:bookworm (scripts/images-base.sh). Kept unless FORCE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCKER=${DOCKER:-docker}
TAG=${TAG:-onpre-lambda/registry:2.8}
BASE_IMAGE=${BASE_IMAGE:-onpre-lambda/base-debian:bookworm}
export DOCKER_BUILDKIT=0
if [ "${FORCE:-0}" != 1 ] && $DOCKER image inspect "$TAG" >/dev/null 2>&1; then
  echo "registry: $TAG present"
  exit 0
fi
started=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download docker-registry >/dev/null 2>&1) || {
  apt-get update -qq >/dev/null
  (cd "$work" && apt-get download docker-registry >/dev/null)
}
dpkg-deb -x "$work"/docker-registry_*.deb "$work/root"
cp "$work/root/usr/bin/docker-registry" docker/registry/config.yml docker/registry/Dockerfile "$work/"
$DOCKER build -q -t "$TAG" --build-arg BASE_IMAGE="$BASE_IMAGE" "$work" >/dev/null
echo "registry: built $TAG in $((SECONDS - started))s"
