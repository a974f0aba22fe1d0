#!/usr/bin/env bash
# A chat of PEOPLE people (default 231) from one group, end to end: `chat create --members-of`, against
# a stand-in for Graph in another process, through a proxy over TLS. The group is read (100 a page),
# the chat is made with 200 and the others are added one by one, each add retried like any request.
# Prints the wall time of the whole command, the JVM's start included, RUNS times (default 5).
#
#   mvn -q -DskipTests package && bench/big-chat.sh [PEOPLE] [RUNS]
set -euo pipefail

people=${1:-231}
runs=${2:-5}
# shellcheck source=bench/stand-in.sh
source "$(dirname "$0")/stand-in.sh" 0 bucket   # no limit

for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  id=$("$dist/bin/chat" create --group --topic "Welcome, cohort" --members-of "cohort-$people@contoso.com" 2>"$work/stderr") \
    || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s%N)
  members=$(curl -sS --proxy "$HTTPS_PROXY" --cacert "$work/graph.pem" \
    "https://graph.microsoft.com/v1.0/chats/$id/members" | grep -o '"userId"' | wc -l)
  awk -v ns=$((end - start)) -v people="$people" -v members="$members" \
    'BEGIN { printf "a chat of %d people from a group: %.2f s, %d members in it\n", people, ns / 1e9, members }'
done
