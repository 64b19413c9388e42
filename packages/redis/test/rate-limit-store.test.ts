// RedisRateLimitStore against a real redis-server: several processes share one budget, and the limiter recovers
// from a Redis crash, a restart, a flush and expired keys. Every figure is a count.

import { ScrmStoreError } from "@scrm-openapi/core";
import { createLimiter, createVendorClient, tokenAuth } from "@scrm-openapi/core/vendor";
import { CORP_ID, SECRET, startRedisServer } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { type FakePaths, limitedMeta } from "../../core/test/metas.js";
import { RedisRateLimitStore } from "../src/index.js";
import { sharedRedis, vendorServer } from "./helpers.js";
import { runWorkers } from "./workers.js";

const { options: redisOptions, client: admin } = sharedRedis();

/** 40/min less 5% headroom: 38 calls per minute per API, shared by every process of the account. */
const FORTY_PER_MINUTE = { limits: { rate: [{ class: "read", perMinute: 40, scope: "operation" }] } };

describe("processes share one budget", () => {
  const run = async (sharedLimits: boolean, processes: number) => {
    const vendor = await vendorServer();
    try {
      const results = await runWorkers(processes, {
        baseUrl: vendor.url,
        redisPort: redisOptions.port,
        meta: limitedMeta,
        credentials: { corpId: CORP_ID, secret: SECRET },
        calls: 20,
        sharedLimits,
        rateLimit: FORTY_PER_MINUTE,
        // A call that would have to wait for the next minute fails at once (wait-exceeds-deadline) instead.
        deadlineMs: 5000,
      });
      return { vendor, results };
    } finally {
      await vendor.close();
    }
  };

  it("4 processes × 20 calls on a Redis-shared budget of 38/min: exactly 38 reach the vendor", async () => {
    const { vendor, results } = await run(true, 4);
    expect(vendor.count("/things")).toBe(38);
    expect(results.reduce((n, r) => n + r.ok, 0)).toBe(38);
    expect(results.reduce((n, r) => n + (r.errors["ScrmRateLimitError:wait-exceeds-deadline"] ?? 0), 0)).toBe(42);
  });

  // Two processes are enough to tell: a shared budget would let 38 through, two budgets of their own send 2 × 20.
  it("control: 2 processes with in-memory budgets send 2 × 20 = 40", async () => {
    const { vendor } = await run(false, 2);
    expect(vendor.count("/things")).toBe(40);
  });
});

describe("concurrency slots shared through Redis", () => {
  it("two clients (as two processes would) never have more than 5 calls in flight together", async () => {
    const vendor = await vendorServer();
    const stores = [new RedisRateLimitStore({ redis: redisOptions }), new RedisRateLimitStore({ redis: redisOptions })];
    try {
      const clients = stores.map((store) =>
        createVendorClient<FakePaths>(
          limitedMeta,
          { baseUrl: vendor.url, credentials: { corpId: CORP_ID, secret: SECRET }, rateLimit: { store } },
          { auth: tokenAuth, limiter: createLimiter },
        ),
      );
      await Promise.all(clients.map((c) => c.GET("/others")));
      vendor.route = () => "hold";
      const calls = clients.flatMap((c) => Array.from({ length: 6 }, () => c.GET("/things")));
      let done = 0;
      for (const call of calls) call.then(() => done++);
      while (done < calls.length) {
        for (let turn = 0; vendor.held < Math.min(5, calls.length - done) && turn < 100_000; turn++) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect(vendor.inFlight).toBeLessThanOrEqual(5);
        const before = done;
        vendor.release(1);
        for (let turn = 0; done === before && turn < 100_000; turn++) await new Promise((r) => setImmediate(r));
      }
      expect(vendor.maxInFlight).toBe(5);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await vendor.close();
    }
  });
});

describe("recovery", () => {
  const setup = async (port: number) => {
    const vendor = await vendorServer();
    const store = new RedisRateLimitStore({ redis: { host: "127.0.0.1", port } });
    const client = createVendorClient<FakePaths>(
      limitedMeta,
      { baseUrl: vendor.url, credentials: { corpId: CORP_ID, secret: SECRET }, rateLimit: { store }, retry: false },
      { auth: tokenAuth, limiter: createLimiter },
    );
    return { vendor, store, client };
  };

  it("Redis killed: typed errors at once, no hang; restarted: calls succeed again, on the same client", async () => {
    const own = await startRedisServer();
    const { vendor, store, client } = await setup(own.port);
    try {
      await client.GET("/things");
      await own.stop("SIGKILL");
      const error = await client.GET("/things").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScrmStoreError);
      expect(error).toMatchObject({ store: "RedisRateLimitStore", vendor: "fakeban", operationId: "listThings" });
      await own.start();
      // The script is gone with the restart (NOSCRIPT) and the connection is re-established in the background.
      let attempts = 0;
      for (;;) {
        attempts++;
        const result = await client.GET("/things").catch((e: unknown) => e);
        if (!(result instanceof Error)) break;
        expect(result).toBeInstanceOf(ScrmStoreError);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(attempts).toBeLessThan(100);
    } finally {
      await store.close();
      await vendor.close();
      await own.stop();
    }
  });

  it("a flush (or every key expiring) only resets budgets: the next call works", async () => {
    const { vendor, store, client } = await setup(redisOptions.port);
    try {
      await client.GET("/things");
      // Every key carries its own expiry, so an idle account leaves nothing behind. Listed and read in one script: a
      // short window's key may expire between two separate commands on a loaded machine, never inside one script.
      const ttls = (await admin().eval(
        "local t = {} for _, k in ipairs(redis.call('KEYS', ARGV[1])) do t[#t + 1] = redis.call('PTTL', k) end return t",
        0,
        "scrm-openapi:limit:*",
      )) as number[];
      expect(ttls.length).toBeGreaterThan(0);
      for (const ttl of ttls) expect(ttl).toBeGreaterThan(0);
      await admin().flushall();
      await expect(client.GET("/things")).resolves.toBeTruthy();
      await admin().del(...(await admin().keys("scrm-openapi:limit:*")));
      await expect(client.GET("/things")).resolves.toBeTruthy();
      expect(vendor.count("/things")).toBe(3);
    } finally {
      await store.close();
      await vendor.close();
    }
  });
});
