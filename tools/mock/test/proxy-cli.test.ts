// `pnpm proxy` as a user runs it (pnpm → sh → node → Prism host), against a local fake vendor: drift lines never
// show a credential, in either output form; --timeout cuts a vendor that never answers and closes its connection;
// the proxy ends with pnpm (SIGTERM used to leave it bound to its port) and with its Prism host (exit 1, saying why;
// it used to answer 502 for ever). Two process trees, side by side.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { Socket } from "node:net";
import { type LocalServer, listenLocal } from "@scrm-openapi/testing";
import { afterAll, beforeAll, describe, it } from "vitest";
import { alive, descendants, pnpmScript, refused } from "./processes.js";

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
  const [, url] = await run.waitFor(/proxy weiban: (http:\/\/127\.0\.0\.1:\d+) →/, 60_000);
  return { run, url: url! };
}

describe("pnpm proxy, the process", () => {
  it.concurrent("masks credentials in DRIFT lines, cuts a silent vendor at --timeout, and ends with pnpm on SIGTERM", {
    timeout: 120_000,
  }, async ({ expect, onTestFinished }) => {
    const { run, url } = await startProxy(["--timeout", "1"]);
    onTestFinished(run.killGroup);
    expect((await getToken(url)).status).toBe(200);
    await expect.poll(run.output).toMatch(/DRIFT getAccessToken POST \/open-api\/access_token\/get response\.body: /);
    expect(run.output()).toContain('"access_token":"[redacted]"');
    for (const secret of [TOKEN, SECRET]) expect(run.output()).not.toContain(secret);

    const silent = await fetch(`${url}/open-api/staff/list?access_token=x`);
    expect(silent.status).toBe(502);
    expect(await silent.text()).toBe("drift proxy: no complete answer within 1000 ms");
    await expect.poll(() => sockets.size, { timeout: 20_000 }).toBe(0);

    const tree = descendants(run.pid);
    process.kill(run.pid, "SIGTERM");
    await expect.poll(() => tree.filter(alive), { timeout: 20_000 }).toEqual([]);
    expect(await refused(url)).toBe(true);
  });

  it.concurrent("--json lines are masked too; the proxy exits 1 when its Prism host dies", {
    timeout: 120_000,
  }, async ({ expect, onTestFinished }) => {
    const { run, url } = await startProxy(["--json"]);
    onTestFinished(run.killGroup);
    await getToken(url);
    await expect.poll(run.output).toMatch(/^\{"operationId":"getAccessToken".*"field":"response\.body"/m);
    for (const secret of [TOKEN, SECRET]) expect(run.output()).not.toContain(secret);

    const tree = descendants(run.pid);
    const host = tree.find((pid) =>
      /scrm-openapi-mock\/host-/.test(execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" })),
    );
    expect(host).toBeDefined();
    const exited = new Promise<number | null>((resolve) => run.child.once("exit", (code) => resolve(code)));
    process.kill(host!, "SIGKILL");
    expect(await exited).not.toBe(0);
    expect(run.output()).toContain(`proxy weiban: stopped, its Prism host (pid ${host}) ended (killed by SIGKILL)`);
    await expect.poll(() => tree.filter(alive), { timeout: 20_000 }).toEqual([]);
    expect(await refused(url)).toBe(true);
  });
});
