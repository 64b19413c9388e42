import { redisPort as injectRedisPort, unusedPort } from "@scrm-openapi/testing";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type CommonClientOptions,
  createVendorClient,
  RedisTokenStore,
  ScrmApiError,
  ScrmStoreError,
  StoreError,
} from "../src/index.js";
import { CORP_ID, type FakeVendor, json, ok, SECRET, startFakeVendor } from "./fake-vendor.js";
import { type FakePaths, limitedMeta } from "./metas.js";
import { runWorkers } from "./workers.js";

const redisPort = injectRedisPort();
const redisOptions = { port: redisPort, host: "127.0.0.1" };
let redis: Redis;
let fake: FakeVendor;
const stores: RedisTokenStore[] = [];

beforeAll(() => {
  redis = new Redis(redisOptions);
});
afterAll(() => {
  redis.disconnect();
});
beforeEach(async () => {
  await redis.flushall();
  fake = await startFakeVendor({ tokenDelayMs: 50 });
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await fake.close();
});

const client = (extra: CommonClientOptions = {}) =>
  createVendorClient<FakePaths>(limitedMeta, {
    baseUrl: fake.url,
    credentials: { corpId: CORP_ID, secret: SECRET },
    // These tests are about tokens; the limiter has its own tests and would only slow 1,000 calls down.
    rateLimit: false,
    ...extra,
  });

const redisStore = (options: Partial<ConstructorParameters<typeof RedisTokenStore>[0]> = {}) => {
  const store = new RedisTokenStore({ redis: redisOptions, ...options });
  stores.push(store);
  return store;
};

describe("one token for many concurrent calls", () => {
  it("1,000 concurrent calls on a cold cache → exactly 1 token request (one process)", async () => {
    const vendor = client();
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, n) => vendor.GET("/things", { params: { query: { n } } })),
    );
    expect(results.every((r) => r.data?.errcode === 0)).toBe(true);
    expect(fake.tokenRequests).toBe(1);
    expect(fake.requests).toHaveLength(1000);
    expect(new Set(fake.requests.map((r) => r.query.get("access_token")))).toEqual(
      new Set([`tok-1-${"x".repeat(24)}`]),
    );
  });

  it("1,000 concurrent calls from 4 worker processes sharing a RedisTokenStore → exactly 1 token request", async () => {
    const results = await runWorkers(4, {
      baseUrl: fake.url,
      calls: 250,
      rateLimit: false,
      tokenStoreRedisPort: redisPort,
    });
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ ok: 250, errors: {} })));
    expect(fake.tokenRequests).toBe(1);
    expect(fake.requests).toHaveLength(1000);
    // One cached token, and no refresh lock left behind.
    const keys = await redis.keys("scrm-openapi:token:*");
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^scrm-openapi:token:fakeban:[0-9a-f]{16}$/);
    expect(await redis.get(keys[0] ?? "")).not.toContain(SECRET);
  }, 60_000);

  it("two clients (as two processes would) on one RedisTokenStore share the token", async () => {
    await client({ tokenStore: redisStore() }).GET("/things");
    await client({ tokenStore: redisStore() }).GET("/things");
    expect(fake.tokenRequests).toBe(1);
  });
});

describe("a token invalidated mid-flight", () => {
  it("50 calls in flight when the vendor drops the token → 1 refresh, each call replayed once", async () => {
    const vendor = client();
    await vendor.GET("/others"); // warm: tok-1
    const held: (() => void)[] = [];
    fake.handle = (req, res) => {
      if (req.query.get("access_token")?.startsWith("tok-1-")) {
        // Hold the first wave until all 50 are in flight, then reject them all as the vendor would after revoking.
        held.push(() => json(res, { errcode: 10001, errmsg: "access_token expired" }));
        if (held.length === 50) {
          fake.revokeTokens();
          for (const answer of held) answer();
        }
        return;
      }
      ok(res, { n: req.query.get("n") });
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, n) => vendor.GET("/things", { params: { query: { n } } })),
    );
    expect(results.map((r) => r.data?.n)).toEqual(Array.from({ length: 50 }, (_, n) => String(n)));
    expect(fake.tokenRequests).toBe(2);
    const perCall = new Map<string, number>();
    for (const r of fake.requests.filter((r) => r.path === "/things")) {
      const n = r.query.get("n") ?? "";
      perCall.set(n, (perCall.get(n) ?? 0) + 1);
    }
    expect([...perCall.values()]).toEqual(Array.from({ length: 50 }, () => 2));
  });

  it("the same across two clients on one RedisTokenStore: the second finds the refreshed token", async () => {
    const a = client({ tokenStore: redisStore() });
    const b = client({ tokenStore: redisStore() });
    await a.GET("/things");
    fake.revokeTokens();
    await a.GET("/things"); // 10001 → refresh to tok-2 → replay
    await b.GET("/things"); // reads tok-2 from Redis
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requests.map((r) => r.query.get("access_token")?.slice(0, 5))).toEqual([
      "tok-1",
      "tok-1",
      "tok-2",
      "tok-2",
    ]);
  });

  it("a token read from the shared store is masked in errors like one fetched here", async () => {
    await client({ tokenStore: redisStore() }).GET("/things");
    fake.handle = (req, res) =>
      json(res, { errcode: 22201, errmsg: `no such thing for ${req.query.get("access_token")}` });
    const error = await client({ tokenStore: redisStore() })
      .GET("/things")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmApiError);
    expect((error as ScrmApiError).vendorMessage).toBe("no such thing for [redacted]");
  });
});

describe("RedisTokenStore lock", () => {
  it("waits for a lock held by a dead process until its TTL, then refreshes", async () => {
    const store = redisStore({ lockPollMs: 10 });
    const key = "scrm-openapi:token:test:dead-holder";
    await redis.set(`${key}:refresh-lock`, "someone-else", "PX", 150);
    let fetched = 0;
    const token = await store.withRefreshLock(key, async () => {
      fetched++;
      return { value: "fresh-token-value" };
    });
    expect(token.value).toBe("fresh-token-value");
    expect(fetched).toBe(1);
    expect(await redis.exists(`${key}:refresh-lock`)).toBe(0);
  });

  it("releases only its own lock: a holder that outlived its TTL leaves the next holder's lock alone", async () => {
    const slow = redisStore({ lockTtlMs: 100 });
    const next = redisStore({ lockPollMs: 10 });
    const key = "scrm-openapi:token:test:overrun";
    let nextHolds: (() => void) | undefined;
    const first = slow.withRefreshLock(key, async () => {
      await new Promise((r) => setTimeout(r, 250)); // outlives its 100 ms lock
      return { value: "from-slow" };
    });
    await new Promise((r) => setTimeout(r, 20));
    const second = next.withRefreshLock(key, async () => {
      await new Promise<void>((r) => {
        nextHolds = r;
      });
      return { value: "from-next" };
    });
    await first;
    // The slow holder has finished (and tried to release); the second holder's lock must still be there.
    await expect.poll(() => nextHolds !== undefined).toBe(true);
    expect(await redis.get(`${key}:refresh-lock`)).not.toBeNull();
    nextHolds?.();
    expect((await second).value).toBe("from-next");
    expect(await redis.exists(`${key}:refresh-lock`)).toBe(0);
  });

  it("delete(key, value) removes the entry only while it still holds that token", async () => {
    const store = redisStore();
    await store.set("k", { value: "token-two-value" });
    await store.delete("k", "token-one-value");
    expect(await store.get("k")).toEqual({ value: "token-two-value" });
    await store.delete("k", "token-two-value");
    expect(await store.get("k")).toBeUndefined();
  });
});

describe("Redis down or unreachable", () => {
  it("a call fails fast with a clear error naming the store and the address", async () => {
    const port = await unusedPort();
    const store = new RedisTokenStore({ redis: { port, host: "127.0.0.1" } });
    stores.push(store);
    const error = await client({ tokenStore: store })
      .GET("/things")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmStoreError);
    expect(error).toMatchObject({ vendor: "fakeban", operationId: "listThings", store: "RedisTokenStore" });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^\\[fakeban\\] listThings: RedisTokenStore: cannot reach redis at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`,
      ),
    );
    expect((error as Error).cause).toBeInstanceOf(StoreError);
    expect((error as Error).message).not.toContain(SECRET);
    expect(fake.requests).toHaveLength(0);
  });

  it("the store alone throws a StoreError, not a hang", async () => {
    const port = await unusedPort();
    const store = new RedisTokenStore({ redis: { port, host: "127.0.0.1" } });
    stores.push(store);
    await expect(store.get("k")).rejects.toThrow(`RedisTokenStore: cannot reach redis at 127.0.0.1:${port}`);
  });
});
