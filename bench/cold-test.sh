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
      t.sort((a, b) => b[1] - a[1]).filter(([, d]) => d >= 3)
        .map(([id, d]) => id.replace("@scrm-openapi/", "") + " " + d.toFixed(1)).join(", "));
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
  echo "$round $2 $wall $(echo "$user + $sys" | bc)" >>"$work/runs"
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

# The rounds together: mean, median and least of each side, and the ratio new/base of each, of the pairs' ratios
# (rounds where both ran) and of the least (the machine's noise only ever adds time).
[ -s "$work/runs" ] || exit 1
node -e '
  const rows = require("node:fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split(" "));
  const side = (name, col) => rows.filter((r) => r[1] === name).map((r) => Number(r[col]));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const f = (x) => x.toFixed(1), r = (x) => x.toFixed(2) + "×";
  for (const [what, col] of [["wall", 2], ["CPU", 3]]) {
    const b = side("base", col), n = side("new", col);
    const pairs = [...new Set(rows.map((x) => x[0]))].flatMap((round) => {
      const get = (name) => rows.find((x) => x[0] === round && x[1] === name)?.[col];
      const [x, y] = [get("base"), get("new")];
      return x && y ? [Number(y) / Number(x)] : [];
    });
    if (b.length === 0 || n.length === 0) continue;
    const sides = (xs) => `mean ${f(mean(xs))}, median ${f(median(xs))}, least ${f(Math.min(...xs))} s`;
    console.log(`${what}: base ${sides(b)}; new ${sides(n)}; new/base: mean ${r(mean(n) / mean(b))}, ` +
      `median of ${pairs.length} pairs ${r(median(pairs))}, least ${r(Math.min(...n) / Math.min(...b))}`);
  }
' "$work/runs"
