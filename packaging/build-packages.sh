#!/usr/bin/env bash
# Builds the packages from target/dist and checks that each installs and runs `chat --version`:
#   target/packages/chat-VERSION.tar.gz     the installed layout, to unpack anywhere
#   target/packages/chat_VERSION_all.deb    Debian and Ubuntu: chat on PATH, man pages, completions
#   target/packages/chat.rb                 a Homebrew formula for that tarball
#
#   mvn -q -DskipTests package && packaging/build-packages.sh
# RELEASE_URL sets the formula's download URL (default: the local tarball, for `brew install ./chat.rb`),
# PROJECT_HOMEPAGE its homepage (default: where the tarball is) and, when set, the .deb's Homepage.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
dist=$root/target/dist
out=$root/target/packages
[ -x "$dist/bin/chat" ] || { echo "build-packages: no $dist: run mvn -q -DskipTests package first" >&2; exit 2; }
version=$(sed -n 's/^chat \([^ ]*\).*/\1/p' <("$dist/bin/chat" --version) | head -n 1)
[ -n "$version" ] || { echo "build-packages: cannot tell the version from chat --version" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The archives in dist fit its own path and this machine's Java only: packages make their own.
stage() {
  mkdir -p "$1"
  (cd "$dist" && tar --exclude='lib/chat.jsa*' --exclude='lib/chat.aot*' -cf - .) | (cd "$1" && tar -xf -)
}

# Tarball
stage "$work/chat-$version"
tar -C "$work" --owner=0 --group=0 -czf "$out/chat-$version.tar.gz" "chat-$version"

# Debian package. chat is architecture-independent: the launcher, jars and training in /usr/share/chat.
# The class-data archives fit one runtime build, so postinst makes them, in /var/lib/chat: /usr is
# not for files made after installation, and may be read-only.
deb=$work/deb
stage "$deb/usr/share/chat"
share=$deb/usr/share
mkdir -p "$deb/usr/bin" "$share/man/man1" "$share/bash-completion/completions" "$share/zsh/vendor-completions" \
  "$share/fish/vendor_completions.d" "$share/doc/chat" "$deb/DEBIAN"
ln -s ../share/chat/bin/chat "$deb/usr/bin/chat"
launcher=$share/chat/bin/chat
sed -i 's|^archives=[$]home/lib$|archives=/var/lib/chat|' "$launcher"
grep -qx 'archives=/var/lib/chat' "$launcher" || { echo "build-packages: deb: the launcher has no archives= line to set" >&2; exit 1; }
for page in "$dist"/share/man/man1/*.1; do
  gzip -9n < "$page" > "$share/man/man1/$(basename "$page").gz"
done
# Completions are sourced, not run: no #! line.
sed '1{/^#!/d}' "$dist/share/bash-completion/completions/chat" > "$share/bash-completion/completions/chat"
mv "$share/chat/share/zsh/site-functions/_chat" "$share/zsh/vendor-completions/_chat"
mv "$share/chat/share/fish/vendor_completions.d/chat.fish" "$share/fish/vendor_completions.d/chat.fish"
gzip -9n < "$share/chat/share/doc/chat/README.md" > "$share/doc/chat/README.md.gz"
mkdir -p "$share/doc/chat/docs"
for page in "$share/chat/share/doc/chat/docs"/*.md; do
  gzip -9n < "$page" > "$share/doc/chat/docs/$(basename "$page").gz"
done
rm -rf "$share/chat/share"
install -m 644 "$root/packaging/deb/copyright" "$share/doc/chat/copyright"
# Every library bundled in the jar is named in the copyright file.
for bundled in $(unzip -Z1 "$share/chat/lib/chat.jar" 'META-INF/maven/*/pom.properties' | cut -d/ -f3,4); do
  case $bundled in dev.chat/*) continue ;; esac
  { grep -q "${bundled%/*}:" "$root/packaging/deb/copyright" && grep -qw -- "${bundled#*/}" "$root/packaging/deb/copyright"; } ||
    { echo "build-packages: deb: copyright does not name ${bundled/\//:}, which chat.jar bundles" >&2; exit 1; }
done
changed=$(sed -n '1s/^chat (\([^)]*\)).*/\1/p' "$root/packaging/deb/changelog")
[ "$changed" = "$version" ] ||
  { echo "build-packages: deb: packaging/deb/changelog is of $changed, not $version: add its entry" >&2; exit 1; }
gzip -9n < "$root/packaging/deb/changelog" > "$share/doc/chat/changelog.gz"
size=$(du -sk "$deb/usr" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$root/packaging/deb/control" > "$deb/DEBIAN/control"
[ -n "${PROJECT_HOMEPAGE:-}" ] && echo "Homepage: $PROJECT_HOMEPAGE" >> "$deb/DEBIAN/control"
install -m 755 "$root/packaging/deb/postinst" "$root/packaging/deb/prerm" "$root/packaging/deb/postrm" "$deb/DEBIAN/"
install -m 644 "$root/packaging/deb/triggers" "$deb/DEBIAN/"
(cd "$deb" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$deb/DEBIAN/md5sums"
fakeroot dpkg-deb --build -Zxz "$deb" "$out/chat_${version}_all.deb" >/dev/null

# Homebrew formula
sha=$(sha256sum "$out/chat-$version.tar.gz" | cut -d' ' -f1)
url=${RELEASE_URL:-file://$out/chat-$version.tar.gz}
homepage=${PROJECT_HOMEPAGE:-${url%/*}}
sed -e "s|@URL@|$url|" -e "s|@HOMEPAGE@|$homepage|" -e "s/@SHA256@/$sha/" -e "s/@VERSION@/$version/" \
  "$root/packaging/homebrew/chat.rb.in" > "$out/chat.rb"

# Each package installs and runs.
check() { # NAME COMMAND...
  local name=$1
  shift
  local said
  said=$("$@" --version 2>&1) || { echo "build-packages: $name: chat --version failed: $said" >&2; exit 1; }
  case $said in
    "chat $version "*) echo "build-packages: $name: $(head -n 1 <<<"$said")" ;;
    *) echo "build-packages: $name: unexpected: $said" >&2; exit 1 ;;
  esac
}
mkdir -p "$work/unpacked" "$work/installed"
tar -C "$work/unpacked" -xzf "$out/chat-$version.tar.gz"
check tarball "$work/unpacked/chat-$version/bin/chat"
dpkg-deb -x "$out/chat_${version}_all.deb" "$work/installed"
check deb "$work/installed/usr/bin/chat"
[ -s "$work/installed/usr/share/man/man1/chat-create.1.gz" ] || { echo "build-packages: deb: no man page" >&2; exit 1; }
kept=$(CHAT_LAUNCHER_PRINT=archives "$work/installed/usr/bin/chat")
[ "$kept" = /var/lib/chat ] || { echo "build-packages: deb: the launcher looks for archives in $kept" >&2; exit 1; }
dpkg-deb --field "$out/chat_${version}_all.deb" Package Version Depends | sed 's/^/build-packages: deb: /'
if command -v ruby >/dev/null 2>&1; then
  ruby -c "$out/chat.rb" >/dev/null && echo "build-packages: chat.rb: ruby -c ok"
fi
ls -l "$out"
