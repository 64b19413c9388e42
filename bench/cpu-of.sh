#!/usr/bin/env bash
# The wall time and the machine's busy CPU time (user + nice + system + irq + softirq + steal, from /proc/stat) over one
# command: unlike /usr/bin/time it counts processes that were not waited for (Chromium's renderers, reparented). So the
# machine must be otherwise quiet. Usage: bash bench/cpu-of.sh <command> [args…]; prints one line on stderr.
set -uo pipefail
busy() {
  read -r _ user nice system _ _ irq softirq steal _ </proc/stat
  echo $((user + nice + system + irq + softirq + steal))
}
ticks="$(getconf CLK_TCK)"
b0="$(busy)"
t0="$(date +%s%N)"
"$@"
rc=$?
b1="$(busy)"
t1="$(date +%s%N)"
awk -v w="$((t1 - t0))" -v c="$((b1 - b0))" -v hz="$ticks" -v rc="$rc" \
  'BEGIN { printf "cpu-of: exit %d, wall %.2f s, CPU %.2f s\n", rc, w / 1e9, c / hz }' >&2
exit "$rc"
