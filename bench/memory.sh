#!/usr/bin/env bash
# Peak memory of a large bulk run: LINES chats (default 50,000; a third one-on-one) created by
# `chat create --from … --journal …` against a stand-in for Graph with no limit, through a proxy over
# TLS. Prints the peak resident set size of the chat process (GNU time's %M; target: under 256 MiB).
#
#   mvn -q -DskipTests package && bench/memory.sh [LINES]
set -euo pipefail

lines=${1:-50000}
[ -x /usr/bin/time ] || { echo "memory.sh: needs GNU time (/usr/bin/time; Debian: apt install time)" >&2; exit 2; }
# shellcheck source=bench/stand-in.sh
source "$(dirname "$0")/stand-in.sh" 0

awk -v lines="$lines" 'BEGIN {
  m = "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users(%s)\"}"
  for (i = 1; i <= lines; i++) {
    hire = sprintf(m, "'"'"'hire" i "@contoso.com'"'"'"); lead = sprintf(m, "'"'"'lead@contoso.com'"'"'")
    if (i % 3 == 0) printf "{\"chatType\":\"oneOnOne\",\"members\":[%s,%s]}\n", lead, hire
    else printf "{\"chatType\":\"group\",\"topic\":\"Welcome %d\",\"members\":[%s,%s,%s]}\n", i, hire, sprintf(m, "'"'"'buddy" i "@contoso.com'"'"'"), lead
  }
}' > "$work/chats.jsonl"

start=$(date +%s%N)
status=0
/usr/bin/time -f "%M" -o "$work/peak" "$dist/bin/chat" create --from "$work/chats.jsonl" --journal "$work/journal" \
  >"$work/results.jsonl" 2>"$work/stderr" || status=$?
end=$(date +%s%N)
created=$(grep -c '"status":"created"' "$work/results.jsonl" || true)
printf '%d lines (%d MiB of input, a journal of %d MiB): %d created in %.1f s (exit %d)\n' "$lines" \
  $(( $(stat -c %s "$work/chats.jsonl") / 1048576 )) $(( $(stat -c %s "$work/journal") / 1048576 )) "$created" \
  "$(echo "$start $end" | awk '{print ($2 - $1) / 1e9}')" "$status"
printf 'peak resident memory of chat: %d MiB (target: under 256 MiB)\n' $(( $(tail -n 1 "$work/peak") / 1024 ))
tail -n 1 "$work/stderr"
