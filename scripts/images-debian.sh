# Debian root filesystems for the base images (sourced by scripts/images-base.sh): debootstrap
# minbase bookworm with the packages an image needs, from the mirror apt is configured with,
# trimmed and loaded with `docker import`. Downloaded packages are kept in DEB_CACHE, so a rebuild
# (FORCE=1, or another machine sharing the cache) does not download them again.
DEB_CACHE=${DEB_CACHE:-/var/cache/onpre-lambda/debs}

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

# The recipe an image was made from, kept as a label: a changed package list rebuilds the image
# (an image made before the label existed is kept).
recipe_of() { $DOCKER image inspect -f '{{index .Config.Labels "onpre-lambda.recipe"}}' "$1" 2>/dev/null || true; }
recipe_matches() {
  local current
  current=$(recipe_of "$1")
  [ -z "$current" ] || [ "$current" = "$2" ]
}

# build_debian_base TAG PACKAGES [IMPORT_CHANGES...]: one image from a fresh debootstrap.
build_debian_base() {
  local tag=$1 packages=$2
  shift 2
  local recipe="bookworm minbase +$packages $*"
  if have_image "$tag" && recipe_matches "$tag" "$recipe"; then
    echo "base: $tag present"
    return
  fi
  ensure_debootstrap
  local started=$SECONDS root mirror
  root=$(mktemp -d)
  TEMP_DIRS+=("$root")
  mirror=$(debian_mirror)
  mkdir -p "$DEB_CACHE"
  echo "base: $tag: debootstrap bookworm + $packages"
  debootstrap --variant=minbase --cache-dir="$DEB_CACHE" --include="$packages" bookworm "$root" \
    "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; return 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc \
    "$root"/usr/share/man "$root"/usr/share/info "$root"/usr/share/locale
  mkdir -p "$root"/var/task "$root"/opt
  # Lambda's sandbox user, as in the node base (function containers may run as it).
  grep -q '^sbx_user1051:' "$root/etc/passwd" ||
    echo 'sbx_user1051:x:993:990::/home/sbx_user1051:/sbin/nologin' >>"$root/etc/passwd"
  grep -q '^sbx_user1051:' "$root/etc/group" || echo 'sbx_user1051:x:990:' >>"$root/etc/group"
  local changes=(-c 'ENV LANG=C.UTF-8' -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'WORKDIR /var/task'
    -c "LABEL onpre-lambda.recipe=\"$recipe\"")
  for change in "$@"; do changes+=(-c "$change"); done
  tar -C "$root" -c . | $DOCKER import "${changes[@]}" - "$tag" >/dev/null
  rm -rf "$root" "$root.log"
  echo "base: built $tag in $((SECONDS - started))s ($(image_size "$tag"))"
}

image_size() {
  $DOCKER image inspect -f '{{.Size}}' "$1" | awk '{printf "%d MB", $1 / 1000000}'
}
