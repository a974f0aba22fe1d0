#!/usr/bin/env bash
# Bulk throughput benchmark: CHATS chats (default 1000; a third one-on-one, the rest group chats)
# created by `chat create --from`, through a proxy over TLS, against a stand-in for Graph in another
# process that allows RATE creations a second (default 50) and answers the rest 429 with Retry-After.
# Prints the rate sustained over the whole run (the JVM's start included), its share of RATE (target:
# at least 90%), and what the stand-in counted: chats made, requests throttled, duplicates (target: 0).
#
#   mvn -q -DskipTests package && bench/bulk.sh [RATE] [CHATS]
set -euo pipefail

rate=${1:-50}
chats=${2:-1000}
# shellcheck source=bench/stand-in.sh
source "$(dirname "$0")/stand-in.sh" "$rate"

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
"$dist/bin/chat" create --from "$work/chats.jsonl" ${BULK_OPTS:-} \
  >"$work/results.jsonl" 2>"$work/stderr" || status=$?
end=$(date +%s%N)

stats=$(curl -sS --proxy "$HTTPS_PROXY" --cacert "$work/graph.pem" https://graph.microsoft.com/stats)
reported=$(grep -c '"status":"created"' "$work/results.jsonl" || true)
awk -v chats="$chats" -v rate="$rate" -v ns=$((end - start)) -v reported="$reported" -v stats="$stats" -v status="$status" 'BEGIN {
  seconds = ns / 1e9
  printf "%d chats at a limit of %d a second: %d reported created in %.1f s (exit %d)\n", chats, rate, reported, seconds, status
  printf "sustained: %.1f a second = %.0f%% of the limit (target: at least 90%%)\n", reported / seconds, 100 * reported / seconds / rate
  printf "the stand-in saw: %s (target: 0 duplicates)\n", stats
}'
tail -n 1 "$work/stderr"
