#!/usr/bin/env bash
# Installs target/packages/chat_VERSION_all.deb on this machine as apt does, and checks what its
# maintainer scripts do: the class-data archives made in /var/lib/chat and used, made again when a
# Java runtime changes (the trigger), and nothing left after a purge. Needs root; refuses to run
# where chat is installed already, which it would replace and then remove.
#
#   packaging/build-packages.sh && sudo packaging/check-deb-install.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
debs=("$root"/target/packages/chat_*_all.deb)
deb=${debs[0]}
say() { echo "check-deb-install: $*"; }
fail() { echo "check-deb-install: $*" >&2; exit 1; }
[ -f "$deb" ] || fail "no target/packages/chat_*_all.deb: run packaging/build-packages.sh first"
[ "$(id -u)" = 0 ] || fail "needs root, to install the package"
if dpkg-query -W -f '${Status}' chat 2>/dev/null | grep -q installed; then
  fail "chat is installed on this machine already: not replacing it"
fi
trap 'apt-get purge -y -q chat >/dev/null 2>&1 || true' EXIT

timeout 600 apt-get install -y -q "$deb" >/dev/null
said=$(chat --version) || fail "chat --version failed after installing"
say "installed: $(head -n 1 <<<"$said")"
[ -r /var/lib/chat/chat.jsa.id ] || fail "postinst made no /var/lib/chat/chat.jsa"
[[ $(env CHAT_LAUNCHER_PRINT=command chat --version) == *" -XX:SharedArchiveFile=/var/lib/chat/chat.jsa "* ]] ||
  fail "the launcher does not use /var/lib/chat/chat.jsa"
JAVA_OPTS=-Xshare:on chat --version >/dev/null || fail "the JVM refuses /var/lib/chat/chat.jsa"
say "archives: $(cd /var/lib/chat && echo *)"

rm -f /var/lib/chat/chat.*
dpkg-trigger --no-await /usr/lib/jvm
timeout 600 dpkg --triggers-only chat >/dev/null
[ -r /var/lib/chat/chat.jsa.id ] || fail "a change under /usr/lib/jvm did not make the archives again"
say "trigger: archives made again"

timeout 300 apt-get purge -y -q chat >/dev/null
for left in /usr/bin/chat /usr/share/chat /var/lib/chat; do
  [ ! -e "$left" ] || fail "$left is left after a purge"
done
say "purged: nothing left"
