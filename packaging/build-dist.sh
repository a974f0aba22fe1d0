#!/usr/bin/env bash
# Lays out target/dist, the installed layout the packages are made from, from target/chat.jar (run by
# `mvn package`); the .deb moves it to /usr/share/chat and its archives to /var/lib/chat:
#   bin/chat                    the launcher
#   lib/chat.jar, lib/chat.jsa, lib/chat.aot   the program and its class-data archives
#   training/train              what remakes the archives where chat is installed, with the runs it
#   training/training.jar         trains them on and a stand-in for Graph that they send to
#   training/fake-graph           (which starts it): never on chat's own class path
#   share/man/man1/*.1          man pages
#   share/{bash-completion,zsh,fish}/…        shell completions
#   share/doc/chat/             README, LICENSE and docs/, the pages the README links to
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
target=${1:-$root/target}
dist=$target/dist
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

rm -rf "$dist" "$target/training"
mkdir -p "$dist/bin" "$dist/lib" "$dist/training" "$dist/share/man/man1" "$dist/share/bash-completion/completions" \
  "$dist/share/zsh/site-functions" "$dist/share/fish/vendor_completions.d" "$dist/share/doc/chat/docs"

install -m 755 "$root/packaging/chat" "$dist/bin/chat"
install -m 644 "$target/chat.jar" "$dist/lib/chat.jar"
install -m 755 "$root/packaging/train" "$root/packaging/fake-graph" "$dist/training/"
# The stand-in's limiter models are the ones the pacer's tests hold it against. It reads HTTP/2's
# headers with the JDK's own HPACK decoder, which --release would not let it name: the API it uses is
# the same in Java 17 and 25.
"$javac" --release 17 -d "$target/training" -cp "$target/chat.jar" "$root/tools/TrainingRuns.java"
"$javac" -source 17 -target 17 -Xlint:-options --add-exports java.net.http/jdk.internal.net.http.hpack=ALL-UNNAMED \
  -d "$target/training" "$root/tools/FakeGraphServer.java" "$root/tools/Http2Server.java" \
  "$root/src/test/java/chat/testing/RateLimiter.java"
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --file "$dist/training/training.jar" -C "$target/training" .

"$java" -cp "$dist/lib/chat.jar" chat.cli.Docs man "$dist/share/man/man1"
install -m 644 "$root/completions/chat.bash" "$dist/share/bash-completion/completions/chat"
install -m 644 "$root/completions/_chat" "$dist/share/zsh/site-functions/_chat"
install -m 644 "$root/completions/chat.fish" "$dist/share/fish/vendor_completions.d/chat.fish"
install -m 644 "$root/README.md" "$root/LICENSE" "$dist/share/doc/chat/"
install -m 644 "$root"/docs/*.md "$dist/share/doc/chat/docs/"

if ! "$dist/training/train"; then
  echo "build-dist: WARNING: the class-data archives could not be made; chat runs without them, more slowly" >&2
fi
"$dist/bin/chat" --version >/dev/null
