#!/usr/bin/env bash
# The table of bulk throughput in docs/performance.md: bench/bulk.sh for each limiter model at 5, 20,
# 30 and 100 a second (the changing limit at 30), CHATS chats each (default 1000). About 20 minutes.
#
#   mvn -q -DskipTests package && bench/bulk-table.sh [CHATS]
set -euo pipefail
chats=${1:-1000}
here=$(dirname "$0")
echo "| limiter | limit | time | sustained | share of the limit | whole run | throttled | duplicates |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for model in sliding fixed bucket; do
  for rate in 5 20 30 100; do
    BULK_ROW=1 "$here/bulk.sh" "$model" "$rate" "$chats"
  done
done
BULK_ROW=1 "$here/bulk.sh" changing 30 "$chats"
