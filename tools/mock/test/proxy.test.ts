// The drift proxy in front of a local fake "vendor" whose answers differ from specs/weiban: each difference is
// reported with its operation, field, expected and actual value (credentials masked); conforming traffic reports
// nothing; a vendor that hangs, truncates or floods is cut off with a 502 naming why. One proxy (one Prism host) for
// the file; the last test kills that host.
import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type LocalServer, listenLocal } from "@scrm-openapi/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Drift, type DriftProxy, startDriftProxy } from "../src/proxy.js";

const TOKEN = "LIVE-token-3f9a0c77e1";
const SECRET = "corp-secret-8c1d2e";
let drifted = false;
let tokenShape: "string-expiry" | "number-token" = "string-expiry";
const sockets = new Set<Socket>();
const hanging: ServerResponse[] = [];
let flood = { written: 0, closed: false };

function vendor(path: string, res: ServerResponse): void {
  const json = (body: unknown) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  if (path === "/open-api/access_token/get") {
    const token = tokenShape === "number-token" ? 1234567890123 : TOKEN;
    const expires = tokenShape === "string-expiry" ? "7200" : 7200;
    json({ errcode: 0, errmsg: "ok", access_token: token, expires_in: expires });
    return;
  }
  if (path === "/open-api/sea/list") {
    // The vendor started sending the sea's id as a string and its name as a number.
    json({
      errcode: 0,
      errmsg: "ok",
      sea_list: drifted ? [{ id: "7", name: 42 }] : [{ id: 7, name: "华东公海" }],
      total: 1,
    });
    return;
  }
  if (path === "/open-api/staff/list") return void hanging.push(res); // never answered
  if (path === "/open-api/staff/get") {
    // Promises 1,000 bytes, sends 10, hangs up.
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"errcode"');
    return void setImmediate(() => res.socket?.destroy());
  }
  if (path === "/open-api/contact/list") {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) });
    return void res.end("{}"); // declares 50 MB
  }
  if (path === "/open-api/external_user/list") {
    flood = { written: 0, closed: false };
    res.once("close", () => {
      flood.closed = true;
    });
    res.writeHead(200, { "content-type": "application/json" }); // chunked, no length: 50 MB streamed
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const more = () => {
      while (flood.written < 50 * 1024 * 1024 && !res.destroyed) {
        flood.written += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", more);
      }
      res.end();
    };
    more();
    return;
  }
  res.writeHead(404).end();
}

let upstream: LocalServer;
let proxy: DriftProxy;
const seen: Drift[] = [];

beforeAll(async () => {
  const server = createServer((req, res) => vendor(new URL(req.url ?? "/", "http://x").pathname, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  upstream = await listenLocal(server);
  // Deadlines past every wait of this file: what ends a call here is its caller, the vendor or a cap (the CLI test
  // covers --timeout).
  const limits = { deadlineMs: 120_000, idleMs: 120_000 };
  proxy = await startDriftProxy({
    vendor: "weiban",
    upstream: upstream.url,
    port: 0,
    limits,
    onDrift: (d) => seen.push(d),
  });
}, 60_000);
afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

describe("pnpm proxy", () => {
  it("reports a drifted answer: operation, field, expected and actual; a conforming one adds nothing", async () => {
    const list = () => fetch(`${proxy.url}/open-api/sea/list?access_token=token-from-upstream`);
    expect((await list()).status).toBe(200);
    expect(proxy.drifts).toEqual([]);
    drifted = true;
    // The caller still gets the vendor's answer: drift is reported, not enforced.
    expect(await (await list()).json()).toMatchObject({ sea_list: [{ id: "7", name: 42 }] });
    expect(proxy.drifts).toContainEqual({
      operationId: "listSeas",
      method: "GET",
      path: "/open-api/sea/list",
      field: "response.body.sea_list.0.name",
      expected: "Response body property sea_list.0.name must be string",
      actual: "42",
    });
    expect(proxy.drifts.find((d) => d.field === "response.body.sea_list.0.id")?.actual).toBe('"7"');
    expect(seen).toEqual(proxy.drifts);
  });

  it("masks the credentials of a token exchange in every drift (it used to print the live token)", async () => {
    const before = proxy.drifts.length;
    const getToken = () =>
      fetch(`${proxy.url}/open-api/access_token/get`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ corp_id: "ww0123456789abcdef", secret: SECRET }),
      });
    expect(await (await getToken()).json()).toMatchObject({ access_token: TOKEN }); // the caller gets it, of course
    tokenShape = "number-token";
    expect((await getToken()).status).toBe(200);
    const drifts = proxy.drifts.slice(before);
    expect(drifts.length).toBeGreaterThan(0);
    expect(drifts.some((d) => d.actual?.includes("[redacted]"))).toBe(true);
    const printed = JSON.stringify(drifts);
    for (const secret of [TOKEN, SECRET, "1234567890123"]) expect(printed).not.toContain(secret);
  });

  it("a caller that leaves takes its vendor connection with it", async () => {
    const abort = new AbortController();
    const call = fetch(`${proxy.url}/open-api/staff/list?access_token=x`, { signal: abort.signal });
    await expect.poll(() => hanging.length, { timeout: 20_000 }).toBe(1);
    expect(sockets.size).toBeGreaterThan(0);
    abort.abort();
    await expect(call).rejects.toThrow();
    await expect.poll(() => sockets.size, { timeout: 20_000 }).toBe(0);
  });

  it("a truncated answer is a 502 at once, naming it", async () => {
    const response = await fetch(`${proxy.url}/open-api/staff/get?access_token=x&staff_id=1`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe(
      "drift proxy: the vendor closed the connection after 10 of 1000 bytes of its answer",
    );
  });

  it("a 50 MB answer is a 502 naming the cap, declared or streamed; the stream is cut, not read", async () => {
    const declared = await fetch(`${proxy.url}/open-api/contact/list?access_token=x`);
    expect(declared.status).toBe(502);
    expect(await declared.text()).toBe(
      "drift proxy: the vendor's answer is 52428800 bytes, over the proxy's cap of 8388608 bytes",
    );
    const streamed = await fetch(`${proxy.url}/open-api/external_user/list?access_token=x`);
    expect(streamed.status).toBe(502);
    expect(await streamed.text()).toMatch(
      /^drift proxy: the vendor's answer is over \d+ bytes so far, over the proxy's cap of 8388608 bytes$/,
    );
    await expect.poll(() => flood.closed, { timeout: 20_000 }).toBe(true);
    expect(flood.written).toBeLessThan(50 * 1024 * 1024);
  });

  it("refuses a request body over 1 MiB with 413 before Prism or the vendor sees it", async () => {
    const response = await fetch(`${proxy.url}/open-api/access_token/get`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ corp_id: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });
});

describe("pnpm proxy without its Prism host", () => {
  it("stops (ended says why) instead of answering 502 for ever", async () => {
    process.kill(proxy.hostPid, "SIGKILL");
    expect(await proxy.ended).toBe(`its Prism host (pid ${proxy.hostPid}) ended (killed by SIGKILL)`);
    await expect(fetch(`${proxy.url}/open-api/sea/list?access_token=x`)).rejects.toThrow();
  });
});
