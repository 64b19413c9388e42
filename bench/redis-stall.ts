// A stalled Redis (redis-server frozen with SIGSTOP, connections open) under a Weiban client sharing its limiter and
// token store: how far calls overshoot their deadline or abort while Redis is frozen, and how long after it resumes
// the first call succeeds (pnpm --filter @scrm-openapi/bench bench:stall).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { RedisRateLimitStore, RedisTokenStore } from "@scrm-openapi/redis";
import { startRedisServer } from "@scrm-openapi/testing";
import { createWeibanClient } from "@scrm-openapi/weiban";
import { Redis } from "ioredis";

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    req.url?.startsWith("/open-api/access_token/get")
      ? JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "stall-token-123", expires_in: 7200 })
      : JSON.stringify({ errcode: 0, errmsg: "ok", sea_list: [] }),
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const redisServer = await startRedisServer();
const STALL_MS = Number(process.env.STALL_MS ?? 6000);
const CAP_MS = 15_000;

function client(redis: Redis | { host: string; port: number }, sharedToken = true) {
  const tokenStore = sharedToken ? new RedisTokenStore({ redis }) : undefined;
  const store = new RedisRateLimitStore({ redis });
  const weiban = createWeibanClient({
    corpId: "c",
    secret: "s",
    baseUrl,
    ...(tokenStore ? { tokenStore } : {}),
    rateLimit: { store },
    retry: false,
  });
  return { weiban, close: () => Promise.all([tokenStore?.close(), store.close(), weiban.close()]) };
}
const sea = "/open-api/sea/list" as const;

/** ms until the call settles, and what it settled with. */
async function timed(run: () => Promise<unknown>): Promise<string> {
  const start = Date.now();
  const outcome = await run().then(
    () => "ok",
    (e: Error) => e.name,
  );
  return `${Date.now() - start} ms (${outcome})`;
}

async function overshoot(label: string, redis: Redis | { host: string; port: number }): Promise<string[]> {
  const { weiban, close } = client(redis);
  await weiban.GET(sea);
  // Frozen for at most CAP_MS: a call still waiting then is waiting for Redis, whatever its deadline.
  const frozen = async <T>(run: () => Promise<T>): Promise<T> => {
    redisServer.pause();
    const thaw = setTimeout(() => redisServer.resume(), CAP_MS);
    try {
      return await run();
    } finally {
      clearTimeout(thaw);
      redisServer.resume();
    }
  };
  const deadline = await frozen(() => timed(() => weiban.GET(sea, { deadlineMs: 500 })));
  const abort = await frozen(() => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    return timed(() => weiban.GET(sea, { signal: controller.signal }));
  });
  await close();
  return [`| ${label}: deadlineMs 500 | ${deadline} |`, `| ${label}: abort at 200 ms | ${abort} |`];
}

/** Calls every 10 ms through a stall of STALL_MS; then ms from resume to the first success (cap 60 s). */
async function recovery(): Promise<string> {
  // The token in memory, so that every call reaches the shared limiter.
  const { weiban, close } = client({ host: "127.0.0.1", port: redisServer.port }, false);
  await weiban.GET(sea);
  redisServer.pause();
  const pending: Promise<unknown>[] = [];
  const resumeAt = Date.now() + STALL_MS;
  // Calls with a 1 s deadline until 1 s before Redis resumes: all have given up by then, so whatever holds a slot
  // after the resume is a leak, not a caller.
  while (Date.now() < resumeAt - 1000) {
    pending.push(weiban.GET(sea, { deadlineMs: 1000 }).catch(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(pending);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, resumeAt - Date.now())));
  redisServer.resume();
  const resumed = Date.now();
  let failures = 0;
  const kinds = new Set<string>();
  for (;;) {
    const ok = await weiban.GET(sea, { deadlineMs: 1000 }).then(
      () => true,
      (e: Error) => {
        kinds.add(`${e.name}: ${e.message}`);
        return false;
      },
    );
    if (ok) break;
    failures++;
    if (Date.now() - resumed > 60_000) break;
  }
  const ms = Date.now() - resumed;
  await close();
  return `| recovery after a ${STALL_MS / 1000} s stall (${pending.length} calls during it) | first success ${ms} ms after resume, ${failures} failed calls ${[...kinds].join("; ")} |`;
}

const rows = [
  ...(await overshoot("store's own connection", { host: "127.0.0.1", port: redisServer.port })),
  ...(await overshoot("your ioredis client", new Redis({ port: redisServer.port }))),
  await recovery(),
];
console.log("| scenario (Redis frozen with SIGSTOP) | call settles after |");
console.log("|---|---|");
for (const row of rows) console.log(row);
await redisServer.stop();
server.close();
process.exit(0);
