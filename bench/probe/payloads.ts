import { once } from "node:events";
import { createGzip } from "node:zlib";
import { createTanmaWebhookReceiver } from "@scrm-openapi/tanma/webhooks";
import { createWeibanWebhookReceiver, MemoryReplayGuard, readRequestBody } from "@scrm-openapi/weiban/webhooks";
import { createWeilingClient, paginate } from "@scrm-openapi/weiling";
import { describe, report, SECRET, send, serve, settle, WEIBAN_TOKEN, weiban, weibanToken } from "./kit.js";

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
