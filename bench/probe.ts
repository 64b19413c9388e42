// The outside probe's hardening scenarios, rerun against the built clients, real local HTTP servers and a real
// redis-server (`pnpm --filter @scrm-openapi/bench probe`). Each prints what happened and the figure the probe
// reported before the fix; the tests assert the same outcomes as counts, this records the figures.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip } from "node:zlib";
import { createPlanyunClient } from "@scrm-openapi/planyun";
import { RedisTokenStore } from "@scrm-openapi/redis";
import { createTanmaClient } from "@scrm-openapi/tanma";
import { createTanmaWebhookReceiver } from "@scrm-openapi/tanma/webhooks";
import { startRedisServer } from "@scrm-openapi/testing";
import { createWeibanClient, ScrmError } from "@scrm-openapi/weiban";
import { createWeibanWebhookReceiver, MemoryReplayGuard, readRequestBody } from "@scrm-openapi/weiban/webhooks";
import { createWeilingClient, paginate } from "@scrm-openapi/weiling";
import { Redis } from "ioredis";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
async function serve(handler: Handler): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
const send = (res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const WEIBAN_TOKEN = "/open-api/access_token/get";
const SECRET = "probe-weiban-secret-0123456789";
const weibanToken = (res: ServerResponse, token = "probe-token-abcdef123456") =>
  send(res, { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
const weiban = (baseUrl: string, extra: Partial<Parameters<typeof createWeibanClient>[0]> = {}) =>
  createWeibanClient({ corpId: "wwprobe", secret: SECRET, baseUrl, ...extra });
const describe = (e: unknown) =>
  e instanceof ScrmError
    ? `${e.name}${"reason" in e ? ` ${String(e.reason)}` : ""}${"code" in e ? ` ${String(e.code)}` : ""}`
    : `untyped ${String(e)}`;
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
const report = (item: string, before: string, now: string) => {
  console.log(`${item}\n  before: ${before}\n  now:    ${now}`);
};

// 2. A hung getAccessToken() must not wedge the client.
{
  const vendor = await serve((_req, res) => send(res, { code: 0, message: "ok", data: {} }));
  let asked = 0;
  const planyun = createPlanyunClient({
    baseUrl: vendor.url,
    timeoutMs: 1000,
    retry: false,
    getAccessToken: () => (asked++ === 0 ? new Promise<string>(() => {}) : Promise.resolve("probe-bearer-2")),
  });
  const path = "/open-api/customer/wecom/customer/get-customer-info-extend";
  const started = Date.now();
  const first = await settle(planyun.GET(path, { params: { query: {} } } as never));
  const failedAfter = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the shared failure back-off
  const second = await settle(planyun.GET(path, { params: { query: {} } } as never));
  report(
    "2 hung getAccessToken()",
    "every later call waits on the same promise forever",
    `first call ${first.ok ? "resolved" : describe(first.error)} after ${failedAfter} ms (timeoutMs 1000); the next call ${second.ok ? "succeeds" : describe(second.error)} on refresh #${asked}`,
  );
  await vendor.close();
}

// 3. Credentials never follow a redirect to another origin.
{
  const other = await serve((_req, res) => send(res, { errcode: 0, code: 0 }));
  const redirecting = await serve((req, res) =>
    res.writeHead(307, { location: `${other.url}${req.url ?? "/"}` }).end(),
  );
  const w = await settle(weiban(redirecting.url, { retry: false }).GET("/open-api/sea/list"));
  const t = await settle(
    createTanmaClient({
      appId: "probe-app",
      appKey: "probe-app-key-secret",
      baseUrl: redirecting.url,
      retry: false,
    }).POST("/api/v3/clue/get", { body: {} } as never),
  );
  report(
    "3 redirect to another origin",
    "Tanma's appKey header and Weiban's {corp_id, secret} body went along on 307/308",
    `Weiban token POST: ${w.ok ? "resolved" : describe(w.error)}; Tanma call: ${t.ok ? "resolved" : describe(t.error)}; requests reaching the other origin: ${other.hits()}`,
  );
  await Promise.all([other.close(), redirecting.close()]);
}

// 4. 1,000 callers against a failing token endpoint.
{
  const tokenTimes: number[] = [];
  const started = Date.now();
  const vendor = await serve((req, res) => {
    if (req.url?.startsWith(WEIBAN_TOKEN)) {
      tokenTimes.push(Date.now() - started);
      return res.writeHead(500, { "content-type": "text/html" }).end("<html>oops</html>");
    }
    send(res, { errcode: 0, errmsg: "ok", sea_list: [] });
  });
  const client = weiban(vendor.url);
  const results = await Promise.all(Array.from({ length: 1000 }, () => settle(client.GET("/open-api/sea/list"))));
  const failed = results.filter((r) => !r.ok).length;
  report(
    "4 herd on a failing token endpoint",
    "69–120 token requests in 1.6 s",
    `${tokenTimes.filter((t) => t <= 1600).length} token requests in the first 1.6 s, ${tokenTimes.length} in all (${Date.now() - started} ms, default retries); ${failed} of 1000 calls failed typed, ${vendor.hits() - tokenTimes.length} API requests sent`,
  );
  await vendor.close();
}

// 5. A limit code with Retry-After: 60 s of wait does not fit a 5 s deadline.
{
  const vendor = await serve((req, res) =>
    req.url?.startsWith(WEIBAN_TOKEN)
      ? weibanToken(res)
      : send(res, { errcode: 10053, errmsg: "超过频率限制" }, 200, { "retry-after": "60" }),
  );
  const started = Date.now();
  const r = await settle(weiban(vendor.url, { deadlineMs: 5000 }).GET("/open-api/sea/list"));
  const wait = !r.ok && r.error instanceof ScrmError && "retryAfterMs" in r.error ? r.error.retryAfterMs : undefined;
  report(
    "5 Retry-After and limit retries",
    "Retry-After ignored; retries at 0.5–1 s into a 60 s block",
    `${r.ok ? "resolved" : describe(r.error)} after ${Date.now() - started} ms with retryAfterMs ${String(wait)}; ${vendor.hits() - 1} API request(s)`,
  );
  await vendor.close();
}

// 6. Untyped errors: status 999, a CR/LF token, a corrupt token in Redis.
{
  const vendor = await serve((req, res) =>
    req.url?.startsWith(WEIBAN_TOKEN) ? weibanToken(res) : res.writeHead(999).end("?"),
  );
  const s999 = await settle(weiban(vendor.url, { retry: false }).GET("/open-api/sea/list"));
  await vendor.close();
  const crlfToken = "probe-crlf-token-987654\r\nX-Injected: 1";
  const crlf = await serve((req, res) =>
    req.url?.startsWith(WEIBAN_TOKEN) ? weibanToken(res, crlfToken) : send(res, { errcode: 0 }),
  );
  const c = await settle(weiban(crlf.url, { retry: false }).GET("/open-api/sea/list"));
  const leaked = !c.ok && String((c.error as Error).message).includes("probe-crlf-token-987654");
  await crlf.close();

  const redisServer = await startRedisServer();
  const redis = new Redis({ host: "127.0.0.1", port: redisServer.port, lazyConnect: true });
  let tokens = 0;
  const good = await serve((req, res) => {
    if (!req.url?.startsWith(WEIBAN_TOKEN)) return send(res, { errcode: 0, errmsg: "ok", sea_list: [] });
    tokens++;
    weibanToken(res, `probe-redis-token-${tokens}-abcdef`);
  });
  const store = new RedisTokenStore({ redis: { host: "127.0.0.1", port: redisServer.port } });
  await weiban(good.url, { tokenStore: store, rateLimit: false }).GET("/open-api/sea/list");
  const keys = await redis.keys("*");
  for (const key of keys) await redis.set(key, "{not json");
  const healed = await settle(weiban(good.url, { tokenStore: store, rateLimit: false }).GET("/open-api/sea/list"));
  const after = await Promise.all(keys.map((k) => redis.get(k)));
  report(
    "6 untyped errors",
    "RangeError (status 999); SyntaxError on every call (corrupt Redis value); TypeError carrying the token (CR/LF)",
    `status 999 → ${s999.ok ? "resolved" : describe(s999.error)}; CR/LF token → ${c.ok ? "resolved" : describe(c.error)}, token in message: ${leaked}; corrupt Redis value → call ${healed.ok ? "succeeds" : describe(healed.error)}, value replaced: ${after.every((v) => v?.startsWith("{") && v !== "{not json")} (${tokens} token requests)`,
  );
  redis.disconnect();
  await store.close();
  await good.close();
  await redisServer.stop();
}

// 7. An abort while a token fetch hangs leaves no timer: a child process exits as soon as its work is done.
{
  const hung = await serve(() => {});
  const script = `
    import { createWeibanClient } from "@scrm-openapi/weiban";
    const client = createWeibanClient({ corpId: "c", secret: "s", baseUrl: ${JSON.stringify(hung.url)} });
    const controller = new AbortController();
    const call = client.GET("/open-api/sea/list", { signal: controller.signal }).catch((e) => e.name);
    setTimeout(() => controller.abort(), 100);
    console.log(await call, Date.now());`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: import.meta.dirname });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  const [name, at] = out.trim().split(" ");
  report(
    "7 timer left after an abort",
    "the process stayed alive 29 s",
    `${name}; the process exited ${Date.now() - Number(at)} ms after the abort settled`,
  );
  await hung.close();
}

// 8. Redaction: the secret and its encodings echoed, cut across the snippet edge; the x-request-id; rotations.
{
  const token = "probe-rotating-token-000000";
  const echo = `${"x".repeat(190)}${SECRET} ${encodeURIComponent(SECRET)} ${Buffer.from(SECRET).toString("base64")} ${token}`;
  const vendor = await serve((req, res) =>
    req.url?.startsWith(WEIBAN_TOKEN)
      ? weibanToken(res, token)
      : res.writeHead(502, { "content-type": "text/plain", "x-request-id": `req-${token}` }).end(echo),
  );
  const r = await settle(weiban(vendor.url, { retry: false }).GET("/open-api/sea/list"));
  const texts = JSON.stringify(r.ok ? r.value : { ...(r.error as object), message: (r.error as Error).message });
  const fragments = [
    SECRET,
    SECRET.slice(0, 12),
    encodeURIComponent(SECRET),
    Buffer.from(SECRET).toString("base64"),
    token,
  ];
  await vendor.close();

  // 20,000 rotations (token rejected → refreshed → replayed), in process; then the cost of a call.
  let n = 0;
  let rejectNext = false;
  let logLines = 0;
  let leakedTokens = 0;
  const fetch = async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.includes(WEIBAN_TOKEN))
      return Response.json({ errcode: 0, errmsg: "ok", access_token: `rotated-token-${++n}-abcdef`, expires_in: 7200 });
    if (rejectNext) {
      rejectNext = false;
      return Response.json({ errcode: 10001, errmsg: "access_token 过期" });
    }
    return Response.json({ errcode: 0, errmsg: "ok", sea_list: [] });
  };
  const client = weiban("http://weiban.test", {
    fetch,
    rateLimit: false,
    logger: {
      debug: (line) => {
        logLines++;
        if (/rotated-token-\d+/.test(line)) leakedTokens++;
      },
    },
  });
  const timeCalls = async (count: number) => {
    const started = performance.now();
    for (let i = 0; i < count; i++) await client.GET("/open-api/sea/list");
    return (performance.now() - started) / count;
  };
  await timeCalls(5000); // warm-up
  const fresh = await timeCalls(2000);
  for (let i = 0; i < 20_000; i++) {
    rejectNext = true;
    await client.GET("/open-api/sea/list");
  }
  const rotated = await timeCalls(2000);
  report(
    "8 redaction",
    "snippet cut before masking; URL-encoded and Base64 forms, x-request-id and an issued token shown; 0.0002 → 0.27 ms per log line after 20,000 rotations",
    `fragments of the secret, its encodings or the token in the error: ${fragments.filter((f) => texts.includes(f)).length} of ${fragments.length}; per call with debug logging ${fresh.toFixed(4)} ms fresh, ${rotated.toFixed(4)} ms after ${n - 1} rotations; log lines holding a token: ${leakedTokens} of ${logLines}`,
  );
}

// 9. Size bounds: a 20 MB vendor message, a gzip bomb (0.6 MB → 600 MB), a 5 MB webhook body.
{
  const huge = `{"errcode":40001,"errmsg":"${"错".repeat((20 * 1024 * 1024) / 3)}"}`;
  // Compressed in 1 MiB steps, so the probe itself never holds the 600 MB it inflates to.
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => parts.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 600; i++) if (!gzip.write(zeros)) await once(gzip, "drain");
  gzip.end();
  await once(gzip, "end");
  const bomb = Buffer.concat(parts);
  let answer: "huge" | "bomb" = "bomb";
  const vendor = await serve((req, res) => {
    if (req.url?.startsWith(WEIBAN_TOKEN)) return weibanToken(res);
    if (answer === "huge") return res.writeHead(200, { "content-type": "application/json" }).end(huge);
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
  });
  // The bomb first, at the default maxResponseBytes (10 MiB), while the process is still small.
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const b = await settle(weiban(vendor.url, { retry: false }).GET("/open-api/sea/list"));
  clearInterval(sampler);
  answer = "huge";
  const h = await settle(
    weiban(vendor.url, { retry: false, maxResponseBytes: 32 * 1024 * 1024 }).GET("/open-api/sea/list"),
  );
  await vendor.close();

  const webhook = await serve(async (req, res) => {
    try {
      await readRequestBody(req);
      res.end("read");
    } catch (e) {
      res.writeHead(413).end(describe(e));
    }
  });
  const posted = await fetch(webhook.url, { method: "POST", body: Buffer.alloc(5 * 1024 * 1024, 0x61) });
  await webhook.close();
  report(
    "9 size bounds",
    "a 21-million-character error.message; 600 MB inflated, 1.3 GB peak; unbounded webhook bodies",
    `20 MB message → ${describe(h.ok ? undefined : h.error)}, message ${h.ok ? "-" : (h.error as Error).message.length} characters; gzip bomb (${(bomb.length / 1e6).toFixed(2)} MB) → ${b.ok ? "resolved" : describe(b.error)}, RSS ${(rssBefore / 1e6).toFixed(0)} → ${(peak / 1e6).toFixed(0)} MB at peak; 5 MB webhook body → HTTP ${posted.status} ${await posted.text()}`,
  );
}

// 10. A non-2xx status with code 0. 11. A cursor cycle. 12. Webhook replay and freshness.
{
  const vendor = await serve((req, res) =>
    req.url?.startsWith(WEIBAN_TOKEN) ? weibanToken(res) : send(res, { errcode: 0, errmsg: "ok" }, 500),
  );
  const r = await settle(weiban(vendor.url, { retry: false }).GET("/open-api/sea/list"));
  await vendor.close();
  report("10 success on a failure status", "HTTP 500 with errcode 0 resolved", r.ok ? "resolved" : describe(r.error));

  let pages = 0;
  const cycle = await serve((req, res) => {
    if (req.url?.startsWith("/openapi/auth/access_token/get"))
      return send(res, { code: 0, msg: "success", data: { access_token: "probe-wl-token" } });
    pages++;
    const cursor = new URL(req.url ?? "/", "http://x").searchParams.get("cursor");
    send(res, {
      code: 0,
      msg: "success",
      data: { cursor: cursor === "A" ? "B" : "A", clue_list: [{ clue_id: `c${pages}` }] },
    });
  });
  const wl = createWeilingClient({
    appId: "probe",
    appSecret: "probe-wl-secret",
    baseUrl: cycle.url,
    rateLimit: false,
  });
  let items = 0;
  const walked = await settle(
    (async () => {
      for await (const _ of paginate(wl, "/openapi/clue/list", { params: { query: { owner_id: "u1" } } } as never))
        items++;
    })(),
  );
  await cycle.close();
  report(
    "11 cursor cycle A → B → A",
    "paginate() followed it forever",
    `${walked.ok ? "ended" : describe(walked.error)} after ${pages} pages (${items} items)`,
  );

  const now = Date.now();
  const cb = createWeibanWebhookReceiver({
    token: "probe-cb-token",
    encodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    corpId: "wwprobe",
    replayGuard: new MemoryReplayGuard(),
    maxAgeSeconds: 300,
  });
  const sealed = await cb.seal({ event: "probe" }, { timestamp: String(Math.floor(now / 1000)), nonce: "n1" });
  const request = { query: sealed.query, headers: {}, body: sealed.body ?? "" };
  const once = await settle(cb.open(request));
  const twice = await settle(cb.open(request));
  const old = await cb.seal({ event: "probe" }, { timestamp: String(Math.floor(now / 1000) - 600), nonce: "n2" });
  const stale = await settle(cb.open({ query: old.query, headers: {}, body: old.body ?? "" }));

  const tanma = createTanmaWebhookReceiver({ appId: "ww51046ddc4f4df510_probe", appKey: "probe-tanma-app-key-0123" });
  const message = { type: "tag_info", opportunityId: "100001" };
  const push = await tanma.seal(message, { timestamp: String(now), version: "1" });
  // CTR without a body signature: flip the bit under the last digit of opportunityId.
  const bytes = Buffer.from(push.body, "base64");
  const at = Buffer.from(JSON.stringify(message)).indexOf("100001") + 5;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  const flipped = await settle(tanma.open({ headers: push.headers, body: bytes.toString("base64") }));
  report(
    "12 webhook replay and freshness",
    "no replay or freshness protection",
    `Weiban callback: first ${once.ok ? "accepted" : describe(once.error)}, replay ${twice.ok ? "accepted" : describe(twice.error)}, 10 min old ${stale.ok ? "accepted" : describe(stale.error)}; Tanma push with one ciphertext bit flipped: ${flipped.ok ? `accepted (${JSON.stringify(flipped.value.message)}) — the scheme signs no body, documented` : describe(flipped.error)}`,
  );
}
