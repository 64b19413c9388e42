// Probe scenarios 2–7: tokens, redirects, the herd on a failing token endpoint, Retry-After, untyped errors, timers.
import { spawn } from "node:child_process";
import { createPlanyunClient } from "@scrm-openapi/planyun";
import { RedisTokenStore } from "@scrm-openapi/redis";
import { createTanmaClient } from "@scrm-openapi/tanma";
import { startRedisServer } from "@scrm-openapi/testing";
import { ScrmError } from "@scrm-openapi/weiban";
import { Redis } from "ioredis";
import { describe, report, send, serve, settle, WEIBAN_TOKEN, weiban, weibanToken } from "./kit.js";

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
