#!/usr/bin/env bash
# Bulk throughput benchmark: CHATS chats (default 1000; a third one-on-one, the rest group chats)
# created by `chat create --from`, through a proxy over TLS, against a stand-in for Graph in another
# process that allows RATE creations a second (default 30) and throttles the rest as MODEL says:
#   sliding   a sliding one-second window, Retry-After in whole seconds (until a slot frees, rounded up)
#   fixed     fixed one-second windows, Retry-After until the next, in whole seconds
#   bucket    a token bucket (a tenth of a second's burst), Retry-After fractional
#   changing  sliding, with the limit at a third from 10 s after the first create to 30 s after it
# Prints what the stand-in saw, the rate it sustained from its first create to its last (and its share
# of the limit, time-weighted for `changing`; target: at least 90%, 80% for `changing`), the rate over
# the whole run with the JVM's start included, throttled requests and duplicates (target: 0), and the
# CPU time chat took.
#
#   mvn -q -DskipTests package && bench/bulk.sh [MODEL] [RATE] [CHATS]      # BULK_ROW=1: one table row
set -euo pipefail

model=${1:-sliding}
rate=${2:-30}
chats=${3:-1000}
# shellcheck source=bench/stand-in.sh
source "$(dirname "$0")/stand-in.sh" "$rate" "$model"

# The input, in the form `chat create … --dry-run -o json` writes: one body a line.
member() {
  printf '{"@odata.type":"#microsoft.graph.aadUserConversationMember","roles":["owner"],"user@odata.bind":"https://graph.microsoft.com/v1.0/users('"'"'%s'"'"')"}' "$1"
}
for i in $(seq "$chats"); do
  if [ $((i % 3)) -eq 0 ]; then
    printf '{"chatType":"oneOnOne","members":[%s,%s]}\n' "$(member lead@contoso.com)" "$(member "hire$i@contoso.com")"
  else
    printf '{"chatType":"group","topic":"Welcome %s","members":[%s,%s,%s]}\n' "$i" "$(member "hire$i@contoso.com")" \
      "$(member "buddy$i@contoso.com")" "$(member lead@contoso.com)"
  fi
done > "$work/chats.jsonl"

start=$(date +%s%N)
status=0
TIMEFORMAT='%U %S' # the CPU time chat took, user and system
{ time "$dist/bin/chat" create --from "$work/chats.jsonl" ${BULK_OPTS:-} \
  >"$work/results.jsonl" 2>"$work/stderr" || status=$?; } 2>"$work/cpu"
end=$(date +%s%N)
read -r cpu_user cpu_system < "$work/cpu"

stats=$(curl -sS --proxy "$HTTPS_PROXY" --cacert "$work/graph.pem" https://graph.microsoft.com/stats)
reported=$(grep -c '"status":"created"' "$work/results.jsonl" || true)
field() { printf '%s' "$stats" | sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
awk -v model="$model" -v chats="$chats" -v rate="$rate" -v ns=$((end - start)) -v reported="$reported" \
    -v status="$status" -v created="$(field created)" -v throttled="$(field throttled)" \
    -v duplicates="$(field duplicates)" -v first="$(field first)" -v last="$(field last)" \
    -v allowed="$(field allowed)" -v row="${BULK_ROW:-}" -v cpu_user="$cpu_user" -v cpu_system="$cpu_system" 'BEGIN {
  wall = ns / 1e9
  span = (last - first) / 1000
  sustained = span > 0 ? (created - 1) / span : 0
  share = allowed > 0 ? (created - 1) / allowed : 0
  # the whole run: what the limit allowed in the span, and at the rate before and after it
  whole = created / (allowed + rate * (wall - span))
  if (row) {
    printf "| %s | %d a second | %.1f s | %.1f a second | %.0f%% | %.0f%% | %d | %d |\n", model, rate, wall, sustained, \
      100 * share, 100 * whole, throttled, duplicates
    exit
  }
  printf "%d chats, %s limiter at %d a second: %d reported created in %.1f s (exit %d)\n", chats, model, rate, reported, wall, status
  printf "sustained from the first create to the last: %.1f a second = %.0f%% of the limit%s (target: at least %d%%)\n", \
    sustained, 100 * share, model == "changing" ? " (time-weighted)" : "", model == "changing" ? 80 : 90
  printf "over the whole run, the JVM'"'"'s start included: %.0f%% of the limit\n", 100 * whole
  printf "the stand-in saw: %d created, %d throttled, %d duplicates (target: 0)\n", created, throttled, duplicates
  printf "chat took %.1f s of CPU time\n", cpu_user + cpu_system
}'
[ -n "${BULK_ROW:-}" ] || tail -n 1 "$work/stderr"
