#!/usr/bin/env bash
# Lays out target/dist as every package installs it, from target/chat.jar (run by `mvn package`):
#   bin/chat                    the launcher
#   lib/chat.jar, lib/chat.jsa, lib/chat.aot   the program and its class-data archives
#   lib/train, lib/fake-graph{,.jar}          what remakes the archives where it is installed
#   share/man/man1/*.1          man pages
#   share/{bash-completion,zsh,fish}/…        shell completions
#   share/doc/chat/             README and LICENSE
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
target=${1:-$root/target}
dist=$target/dist
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

rm -rf "$dist"
mkdir -p "$dist/bin" "$dist/lib" "$dist/share/man/man1" "$dist/share/bash-completion/completions" \
  "$dist/share/zsh/site-functions" "$dist/share/fish/vendor_completions.d" "$dist/share/doc/chat"

install -m 755 "$root/packaging/chat" "$dist/bin/chat"
install -m 644 "$target/chat.jar" "$dist/lib/chat.jar"
install -m 755 "$root/packaging/train" "$root/packaging/fake-graph" "$dist/lib/"
# The stand-in's limiter models are the ones the pacer's tests hold it against.
"$javac" -d "$target/fake-graph" "$root/tools/FakeGraphServer.java" "$root/src/test/java/chat/testing/RateLimiter.java"
(cd "$target/fake-graph" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --file "$dist/lib/fake-graph.jar" .)

"$java" -cp "$dist/lib/chat.jar" chat.cli.Docs man "$dist/share/man/man1"
install -m 644 "$root/completions/chat.bash" "$dist/share/bash-completion/completions/chat"
install -m 644 "$root/completions/_chat" "$dist/share/zsh/site-functions/_chat"
install -m 644 "$root/completions/chat.fish" "$dist/share/fish/vendor_completions.d/chat.fish"
install -m 644 "$root/README.md" "$root/LICENSE" "$dist/share/doc/chat/"

if ! "$dist/lib/train"; then
  echo "build-dist: WARNING: the class-data archives could not be made; chat runs without them, more slowly" >&2
fi
"$dist/bin/chat" --version >/dev/null
