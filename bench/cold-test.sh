#!/usr/bin/env bash
# Cold `npm test` of two revisions on this machine, one after the other: each in a fresh clone, `npm run setup` first
# (not timed), then `npm test` timed (wall, and the CPU of the whole process tree that was waited for), then the
# per-task durations; which revision goes first alternates by round.
# Usage: bash bench/cold-test.sh <base-rev> [<new-rev>=HEAD] [rounds=1]
# A quiet machine is assumed: another process holding a core shows up as wall time, not CPU time, so compare both.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:?usage: bench/cold-test.sh <base-rev> [<new-rev>] [rounds]}"
new="${2:-HEAD}"
rounds="${3:-1}"
export CI=true REDOCLY_TELEMETRY=off TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false DO_NOT_TRACK=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tasks() {
  # scripts/run-tasks.mjs's results where the revision has it, turbo's run summary before it.
  node -e '
    const fs = require("node:fs"), root = process.argv[1], own = root + "/.turbo/scrm-tasks.json";
    let t, total = "";
    if (fs.existsSync(own)) t = JSON.parse(fs.readFileSync(own, "utf8")).map((r) => [r.id, r.seconds]);
    else {
      const dir = root + "/.turbo/runs";
      const s = JSON.parse(fs.readFileSync(dir + "/" + fs.readdirSync(dir).sort().at(-1), "utf8"));
      t = s.tasks.map((t) => [t.taskId, (t.execution.endTime - t.execution.startTime) / 1000]);
      total = "turbo " + ((s.execution.endTime - s.execution.startTime) / 1000).toFixed(1) + " s; ";
    }
    console.log("  " + total + "tasks: " +
      t.sort((a, b) => b[1] - a[1]).filter(([, d]) => d >= 3).map(([id, d]) => id.replace("@scrm-openapi/", "") + " " + d.toFixed(1)).join(", "));
  ' "$1"
}

run() {
  local rev="$1" dir="$work/$2"
  rm -rf "$dir"
  git clone -q "$repo" "$dir" && git -C "$dir" checkout -q "$rev"
  # Deadlines: a hung setup or test run ends the round instead of the bench.
  (cd "$dir" && timeout 1200 npm run setup >/dev/null 2>&1) || { echo "$rev: setup failed"; return; }
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S" -o "$work/time" timeout 1800 bash -c "cd '$dir' && npm test" >"$work/out" 2>&1
  read -r wall user sys < <(tail -1 "$work/time") # the first line may say the command failed
  printf '%s (%s): wall %.1f s, CPU %.1f s (user %.1f + sys %.1f), load at start %s; %s\n' \
    "$2" "$(git -C "$dir" rev-parse --short HEAD)" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$load" \
    "$(tail -1 "$work/out")"
  tasks "$dir"
  # What failed, from the summary's per-package lines.
  grep -E "did not report|failed \(exit|[1-9][0-9]* failed$" "$work/out" | grep -v "^[0-9]* passed" | sed 's/^/  /'
}

# Odd rounds run the base first, even rounds the new revision: neither always gets the machine just after a setup.
for round in $(seq "$rounds"); do
  echo "round $round"
  if ((round % 2)); then
    run "$base" base
    run "$new" new
  else
    run "$new" new
    run "$base" base
  fi
done
