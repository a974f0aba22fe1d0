#!/usr/bin/env bash
# Start-up benchmark of an installed layout (target/dist): the median wall time over RUNS runs
# (default 15, after 2 warm-ups) of
#   1. java -version                                   the JVM alone
#   2. chat --version
#   3. chat --help
#   4. chat create … --dry-run                          parse, validate, print; no network
#   5. chat create …                                    a full create with a token, over TLS through a
#                                                       proxy to a stand-in for Graph in another process
#   6. bench/BarePost                                  the floor: that same POST with the JDK client, no more
# and the ratios the targets are about (4 ÷ 1: at most 3; 5 ÷ 6: under 1, aiming at 0.6; 2 and 3, chat's
# cheapest paths, quicker than 4), plus each one's peak memory. The commands run in turn, round
# after round, so that drift hits them alike.
#
#   mvn -q -DskipTests package && bench/startup.sh [RUNS]
# JAVA_HOME picks the runtime of all six.
set -euo pipefail

runs=${1:-15}
# shellcheck source=bench/stand-in.sh
source "$(dirname "$0")/stand-in.sh"
java=$(CHAT_LAUNCHER_PRINT=command "$dist/bin/chat" | cut -d' ' -f1)
javac=$(dirname "$(readlink -f "$java")")/javac
[ -x "$javac" ] || javac=javac
"$javac" -d "$work/floor" "$root/bench/BarePost.java"
members="-m jacob@contoso.com -m alex@contoso.com"

names=("java -version" "chat --version" "chat --help" "chat create --dry-run" "chat create" "floor (BarePost)")
commands=(
  "$java -version"
  "$dist/bin/chat --version"
  "$dist/bin/chat --help"
  "$dist/bin/chat create --one-on-one $members --dry-run"
  "$dist/bin/chat create --one-on-one $members"
  "$java $trust -cp $work/floor BarePost"
)

now_ms() { date +%s%N | cut -b1-13; }
for i in "${!commands[@]}"; do
  : > "$work/times.$i"
done
for round in $(seq $((runs + 2))); do
  for i in "${!commands[@]}"; do
    start=$(now_ms)
    # shellcheck disable=SC2086 # each command is a list of words
    ${commands[$i]} >/dev/null 2>&1 || { echo "startup.sh: '${names[$i]}' failed" >&2; exit 1; }
    end=$(now_ms)
    [ "$round" -gt 2 ] && echo $((end - start)) >> "$work/times.$i"
  done
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
peak_mib() {
  if [ -x /usr/bin/time ]; then
    # shellcheck disable=SC2086
    /usr/bin/time -f %M ${commands[$1]} 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.0f", $1 / 1024}'
  else
    echo "?"
  fi
}

"$java" -version 2>&1 | head -n 1
printf '%-24s %10s %10s\n' "command" "median ms" "peak MiB"
declare -a medians
for i in "${!commands[@]}"; do
  medians[i]=$(median "$work/times.$i")
  printf '%-24s %10s %10s\n' "${names[$i]}" "${medians[$i]}" "$(peak_mib "$i")"
done
awk -v java="${medians[0]}" -v version="${medians[1]}" -v help="${medians[2]}" -v dry="${medians[3]}" \
  -v create="${medians[4]}" -v floor="${medians[5]}" 'BEGIN {
  printf "--version / java -version %.2f  (aim: below the dry run)\n", version / java
  printf "--help / java -version    %.2f  (aim: below the dry run)\n", help / java
  printf "dry run / java -version   %.2f  (target: at most 3)\n", dry / java
  printf "create / floor            %.2f  (target: under 1, aim 0.6)\n", create / floor
}'
echo "($runs runs each, medians; $(nproc) cores)"
