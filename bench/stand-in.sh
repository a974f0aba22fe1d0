# Sourced by the benchmarks: checks that target/dist is built, starts the stand-in for Graph (allowing
# $1 creations a second, when given, throttled the way $2 says: sliding, fixed, bucket or changing) in
# a work directory removed on exit, and points chat at it as at graph.microsoft.com: through
# HTTPS_PROXY, trusting the stand-in's certificate, with a token.
# Sets: root, dist, work, trust (the JVM options that trust the stand-in).

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
dist=$root/target/dist
[ -x "$dist/bin/chat" ] || { echo "$(basename "$0"): no $dist: run mvn -q -DskipTests package first" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
read -r server proxy_port < <("$dist/training/fake-graph" "$work" 900 "${1:-0}" "${2:-bucket}")
[ -n "${proxy_port:-}" ] || { echo "$(basename "$0"): the stand-in for Graph did not start" >&2; exit 1; }

export HTTPS_PROXY=http://127.0.0.1:$proxy_port
export CHAT_ACCESS_TOKEN=eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDaGF0LkNyZWF0ZSIsIkdyb3VwTWVtYmVyLlJlYWQuQWxsIiwiQ2hhdE1lbWJlci5SZWFkV3JpdGUuQWxsIl19.
export CHAT_CONFIG_DIR=$work/config
trust="-Djavax.net.ssl.trustStore=$work/trust.p12 -Djavax.net.ssl.trustStorePassword=fake-graph"
export JAVA_OPTS="$trust"
