// How long calls take to succeed again after Redis comes back, for the shared limiter and token store: kill a real
// redis-server, restart it, flush it, and time the first successful call after each (pnpm bench:redis).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { RedisRateLimitStore, RedisTokenStore } from "@scrm-openapi/redis";
import { startRedisServer } from "@scrm-openapi/testing";
import { createWeibanClient } from "@scrm-openapi/weiban";

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    req.url?.startsWith("/open-api/access_token/get")
      ? JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "recovery-token", expires_in: 7200 })
      : JSON.stringify({ errcode: 0, errmsg: "ok", sea_list: [] }),
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const redisServer = await startRedisServer();
const redis = { host: "127.0.0.1", port: redisServer.port };
const tokenStore = new RedisTokenStore({ redis });
const store = new RedisRateLimitStore({ redis });
const weiban = createWeibanClient({
  corpId: "c",
  secret: "s",
  baseUrl,
  tokenStore,
  rateLimit: { store },
  retry: false,
});

/** Calls until one succeeds; returns ms from `since` and the number of typed failures on the way. */
async function recover(since: number): Promise<{ ms: number; failures: number; kinds: Set<string> }> {
  let failures = 0;
  const kinds = new Set<string>();
  for (;;) {
    try {
      await weiban.GET("/open-api/sea/list");
      return { ms: Date.now() - since, failures, kinds };
    } catch (error) {
      failures++;
      kinds.add((error as Error).name);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

await weiban.GET("/open-api/sea/list");
const rows: string[] = [];
await redisServer.stop("SIGKILL");
const down = await weiban.GET("/open-api/sea/list").then(
  () => "succeeded?!",
  (e: Error) => e.name,
);
let at = Date.now();
await redisServer.start();
const restart = await recover(at);
rows.push(
  `| killed (SIGKILL), then restarted empty | ${down} at once | ${restart.ms} ms | ${restart.failures} (${[...restart.kinds].join(", ") || "—"}) |`,
);
const { Redis } = await import("ioredis");
const admin = new Redis(redis);
await admin.flushall();
at = Date.now();
const flushed = await recover(at);
rows.push(`| FLUSHALL | — | ${flushed.ms} ms | ${flushed.failures} |`);
await admin.eval("for _, k in ipairs(redis.call('KEYS', 'scrm-openapi:*')) do redis.call('DEL', k) end", 0);
at = Date.now();
const expired = await recover(at);
rows.push(`| every key gone (as after expiry or eviction) | — | ${expired.ms} ms | ${expired.failures} |`);
admin.disconnect();

console.log("| scenario | while down | first success after Redis is back | failed calls meanwhile |");
console.log("|---|---|---:|---:|");
for (const row of rows) console.log(row);
await Promise.all([tokenStore.close(), store.close(), weiban.close()]);
await redisServer.stop();
server.close();
