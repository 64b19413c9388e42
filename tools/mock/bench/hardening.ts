// Before/after figures for the dev tools' hardening (docs/BENCHMARKS.md), measured through the commands a user runs:
// `pnpm mock` and `pnpm proxy` as real process trees, a local fake vendor, real signals.
//   node --import tsx tools/mock/bench/hardening.ts [mock|signals|proxy]…   (all three when none is named)
// Durations here are observations for the record, not assertions.
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { listenLocal } from "@scrm-openapi/testing";
import { alive, argsOf, descendants, pnpmScript, refused, type Script } from "../test/processes.js";

const line = (what: string, figure: string) => console.log(`| ${what} | ${figure} |`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);
/** Waits until `done()` or `limitMs`; returns the time taken, or undefined at the limit. */
async function until(done: () => boolean | Promise<boolean>, limitMs: number): Promise<number | undefined> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if (await done()) return Math.round(performance.now() - start);
    await sleep(50);
  }
  return undefined;
}
const exitCode = (run: Script) =>
  new Promise<number | null>((resolve) => {
    if (run.child.exitCode !== null) resolve(run.child.exitCode);
    else run.child.once("exit", (code) => resolve(code));
  });

async function mock(): Promise<void> {
  const run = pnpmScript(["mock", "--free-ports", "--timeout", "120"]);
  try {
    await run.waitFor(/planyun\s+http/, 150_000);
    const url = (id: string) => new RegExp(`${id}\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(run.output())?.[1] ?? "";
    const readme = { appId: "dev", timestamp: String(Date.now()), sign: "dev" };
    const tanma = await fetch(`${url("tanma")}/api/v3/clue/get`, {
      method: "POST",
      headers: { "content-type": "application/json", ...readme },
      body: '{"customerId":8}',
    });
    line("Tanma curl, README headers: status, title", `${tanma.status} ${(await tanma.json()).title}`);
    const nested = await fetch(`${url("weiban")}/open-api/sea/list?access_token=x`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "[".repeat(10_000) + "]".repeat(10_000),
    }).then(
      (r) => String(r.status),
      (e: Error) => `no answer (${e.message})`,
    );
    line("20 KB of 10,000 nested arrays to Weiban: answer", nested);
    const serving: string[] = [];
    for (const id of ["weiling", "weiban", "tanma", "planyun"]) if (!(await refused(url(id)))) serving.push(id);
    line("vendors still served afterwards", `${serving.length} of 4`);
    const ended = await until(() => run.child.exitCode !== null, 3_000);
    line("`pnpm mock` afterwards", ended === undefined ? "running" : `exited ${run.child.exitCode}`);
    line("its output after the table", JSON.stringify(run.output().split("Ctrl-C stops.")[1]?.trim().slice(0, 80)));
  } finally {
    run.killGroup();
  }
}

async function signals(): Promise<void> {
  for (const signal of ["SIGTERM", "SIGKILL", "SIGHUP"] as const) {
    const run = pnpmScript(["mock", "planyun", "--free-ports", "--verbose", "--timeout", "120"]);
    try {
      const [, url] = await run.waitFor(/planyun\s+(http:\/\/127\.0\.0\.1:\d+)/, 150_000);
      await run.waitFor(/Prism host pid \d+/);
      const tree = descendants(run.pid);
      process.kill(run.pid, signal);
      const took = await until(async () => tree.every((pid) => !alive(pid)) && (await refused(url ?? "")), 10_000);
      line(`${signal} to pnpm: launcher + host gone, port free`, took === undefined ? "not after 10 s" : `${took} ms`);
    } finally {
      run.killGroup();
    }
  }
}

async function proxy(): Promise<void> {
  const TOKEN = "LIVE-token-77c0ffee42";
  const sockets = new Set<Socket>();
  const vendor = createServer((req, res) => routes(req.url ?? "/", res, TOKEN));
  vendor.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  const upstream = await listenLocal(vendor);
  const run = pnpmScript(["proxy", "weiban", "--upstream", upstream.url, "--port", "0"]);
  try {
    const [, url] = await run.waitFor(/proxy weiban: (http:\/\/127\.0\.0\.1:\d+) →/, 150_000);
    await fetch(`${url}/open-api/access_token/get`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ corp_id: "ww0123456789abcdef", secret: "corp-secret-51a7b9" }),
    });
    await sleep(500);
    line("live token in the DRIFT lines (occurrences)", String(run.output().split(TOKEN).length - 1));
    const tree = () => descendants(run.pid).filter((pid) => /node/.test(argsOf(pid)) && !/^sh /.test(argsOf(pid)));
    const before = rssMb(tree());
    const t0 = performance.now();
    const big = await fetch(`${url}/open-api/external_user/list?access_token=x`).then(
      async (r) => `${r.status} after ${Math.round(performance.now() - t0)} ms`,
      (e: Error) => e.message,
    );
    await sleep(3_000);
    line("50 MB answer: status to the client", big);
    line("50 MB answer: RSS of the proxy's node processes", `${before.toFixed(0)} → ${rssMb(tree()).toFixed(0)} MB`);
    for (let i = 0; i < 20; i++) {
      await fetch(`${url}/open-api/staff/list?access_token=x`, { signal: AbortSignal.timeout(1_000) }).catch(() => {});
    }
    await sleep(3_000);
    line("silent vendor: connections still open 3 s after 20 callers gave up", `${sockets.size} of 20`);
    const t1 = performance.now();
    const cut = await fetch(`${url}/open-api/staff/get?access_token=x&staff_id=1`, {
      signal: AbortSignal.timeout(60_000),
    })
      .then(
        (r) => `${r.status}`,
        (e: Error) => e.name,
      )
      .then((how) => `${how} after ${Math.round(performance.now() - t1)} ms`);
    line("truncated answer (10 of 1,000 bytes, then hang-up): client gets", cut);
    await hostDeath(run, url ?? "");
  } finally {
    run.killGroup();
    await upstream.close();
  }
  await proxyParent();
}

function routes(url: string, res: ServerResponse, token: string): void {
  if (url.startsWith("/open-api/staff/list")) return; // never answers
  if (url.startsWith("/open-api/staff/get")) {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" }).write('{"errcode"');
    return void setImmediate(() => res.socket?.destroy());
  }
  if (url.startsWith("/open-api/external_user/list")) {
    res.writeHead(200, { "content-type": "application/json" });
    const item = JSON.stringify({
      external_user_id: "wmXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
      name: "张三",
      remark: "x".repeat(200),
    });
    let written = 0;
    res.write('{"errcode":0,"errmsg":"ok","external_user_list":[');
    const more = () => {
      while (written < 50 * 1024 * 1024 && !res.destroyed) {
        const chunk = (written === 0 ? item : `,${item}`) + `,${item}`.repeat(999);
        written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", more);
      }
      res.end("]}");
    };
    more();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ errcode: 0, errmsg: "ok", access_token: token, expires_in: "7200" }));
}

async function hostDeath(run: Script, url: string): Promise<void> {
  const host = descendants(run.pid).find((pid) => /scrm-openapi-mock\/host-/.test(argsOf(pid)));
  if (!host) return line("proxy host", "not found");
  process.kill(host, "SIGKILL");
  await sleep(1_000);
  const status = await fetch(`${url}/open-api/sea/list?access_token=x`).then(
    (r) => String(r.status),
    () => "refused",
  );
  const exited = await until(() => run.child.exitCode !== null, 5_000);
  line("Prism host killed: the proxy answers", status);
  line(
    "Prism host killed: `pnpm proxy`",
    exited === undefined ? "still running after 5 s" : `exited ${await exitCode(run)}`,
  );
}

async function proxyParent(): Promise<void> {
  const upstream = await listenLocal(createServer((_req, res) => res.end("{}")));
  const run = pnpmScript(["proxy", "weiban", "--upstream", upstream.url, "--port", "0"]);
  try {
    const [, url] = await run.waitFor(/proxy weiban: (http:\/\/127\.0\.0\.1:\d+) →/, 150_000);
    const tree = descendants(run.pid);
    process.kill(run.pid, "SIGTERM");
    const took = await until(async () => tree.every((pid) => !alive(pid)) && (await refused(url ?? "")), 10_000);
    line("SIGTERM to `pnpm proxy`: all gone, port free", took === undefined ? "still bound after 10 s" : `${took} ms`);
  } finally {
    run.killGroup();
    await upstream.close();
  }
}

const chosen = process.argv.slice(2);
const all = { mock, signals, proxy } as const;
console.log("| what | figure |\n| --- | --- |");
for (const [name, run] of Object.entries(all)) if (chosen.length === 0 || chosen.includes(name)) await run();
