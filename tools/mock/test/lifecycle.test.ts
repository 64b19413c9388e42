// `pnpm mock` and `pnpm proxy` as a user runs them: pnpm → sh → node launcher → Prism host, against a local fake
// vendor for the proxy. A signal to the pnpm process never reaches the launcher (after SIGTERM pnpm and sh end and the
// launcher is reparented; after SIGKILL or SIGHUP, sh stays), yet nothing may keep a port; a host that dies is
// reported (exit 1); drift lines never show a credential. Every test has its own process tree and they all run side
// by side (the file's wall time is one start-up, not four). States only, never durations.
import { createServer } from "node:http";
import type { Socket } from "node:net";
import { type LocalServer, listenLocal } from "@scrm-openapi/testing";
import { afterAll, beforeAll, describe, it } from "vitest";
import { alive, argsOf, descendants, pnpmScript, refused, type Script } from "./processes.js";

/** Start-ups run side by side on a shared machine: deadlines with room. */
const slow = { timeout: 120_000 };
const hostOf = (tree: number[]) => tree.find((pid) => /scrm-openapi-mock\/host-/.test(argsOf(pid)));
const exitOf = (run: Script) =>
  new Promise<number | null>((resolve) => run.child.once("exit", (code) => resolve(code)));

const TOKEN = "LIVE-token-77c0ffee42";
const SECRET = "corp-secret-51a7b9";
const sockets = new Set<Socket>();
let upstream: LocalServer;

beforeAll(async () => {
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/open-api/staff/list")) return; // never answered
    // The token answer drifts (expires_in as a string): its drift lines quote the body the token is in.
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ errcode: 0, errmsg: "ok", access_token: TOKEN, expires_in: "7200" }));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  upstream = await listenLocal(server);
});
afterAll(() => upstream?.close());

const getToken = (url: string) =>
  fetch(`${url}/open-api/access_token/get`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ corp_id: "ww0123456789abcdef", secret: SECRET }),
  });

async function startProxy(args: string[]) {
  const run = pnpmScript(["proxy", "weiban", "--upstream", upstream.url, "--port", "0", ...args]);
  const [, url] = await run.waitFor(/proxy weiban: (http:\/\/127\.0\.0\.1:\d+) →/, 90_000);
  return { run, url: url ?? "" };
}

// One concurrent suite: the four trees start side by side.
describe.concurrent("process trees", () => {
  describe("pnpm mock, the process tree", () => {
    // SIGTERM: pnpm ends its shell too, and the launcher sees its parent gone. SIGKILL: the shell stays, and the
    // launcher sees its package manager gone (lineage.ts). SIGHUP takes that second path as well — pnpm has no handler
    // for it and ends as on SIGKILL, the shell left (`--verbose` prints "its package manager … ended") — so it gets no
    // tree of its own.
    it.for(["SIGTERM", "SIGKILL"] as const)(
      "%s to pnpm ends the launcher and the Prism host, and frees the port",
      slow,
      async (signal, { expect, onTestFinished }) => {
        const run = pnpmScript(["mock", "planyun", "--free-ports", "--verbose"]);
        onTestFinished(run.killGroup);
        const [, url] = await run.waitFor(/planyun\s+(http:\/\/127\.0\.0\.1:\d+)/, 90_000);
        const host = Number((await run.waitFor(/Prism host pid (\d+)/))[1]);
        const tree = descendants(run.pid);
        expect(tree).toContain(host);
        expect(await refused(url ?? "")).toBe(false);
        process.kill(run.pid, signal);
        await expect.poll(() => tree.filter(alive), { timeout: 20_000 }).toEqual([]);
        expect(await refused(url ?? "")).toBe(true);
      },
    );

    it(
      "a host that ends by itself is reported, and pnpm mock fails (it used to exit 0, silent)",
      slow,
      async ({ expect, onTestFinished }) => {
        const run = pnpmScript(["mock", "planyun", "--free-ports", "--verbose"]);
        onTestFinished(run.killGroup);
        await run.waitFor(/planyun\s+http:\/\/127\.0\.0\.1:\d+/, 90_000);
        const host = Number((await run.waitFor(/Prism host pid (\d+)/))[1]);
        const exited = exitOf(run);
        process.kill(host, "SIGKILL");
        expect(await exited).toBe(1);
        expect(run.output()).toContain(`mock: the Prism host (pid ${host}) ended unexpectedly (killed by SIGKILL)`);
      },
    );
  });

  describe("pnpm proxy, the process tree", () => {
    // One tree for the CLI: JSON lines masked, a silent vendor cut at --timeout, the end of pnpm ending it. The text
    // lines' masking and a proxy whose Prism host dies are proxy.test.ts's, in process.
    it(
      "--json lines are masked, a silent vendor is cut at --timeout, and it ends with pnpm on SIGTERM",
      slow,
      async ({ expect, onTestFinished }) => {
        const { run, url } = await startProxy(["--json", "--timeout", "1"]);
        onTestFinished(run.killGroup);
        expect((await getToken(url)).status).toBe(200);
        await expect.poll(run.output).toMatch(/^\{"operationId":"getAccessToken".*"field":"response\.body"/m);
        expect(run.output()).toContain("[redacted]");
        for (const secret of [TOKEN, SECRET]) expect(run.output()).not.toContain(secret);

        const silent = await fetch(`${url}/open-api/staff/list?access_token=x`);
        expect(silent.status).toBe(502);
        expect(await silent.text()).toBe("drift proxy: no complete answer within 1000 ms");
        await expect.poll(() => sockets.size, { timeout: 20_000 }).toBe(0);

        const tree = descendants(run.pid);
        expect(hostOf(tree)).toBeDefined();
        process.kill(run.pid, "SIGTERM");
        await expect.poll(() => tree.filter(alive), { timeout: 20_000 }).toEqual([]);
        expect(await refused(url)).toBe(true);
      },
    );
  });
});
