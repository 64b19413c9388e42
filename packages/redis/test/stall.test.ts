// A stalled Redis (redis-server frozen with SIGSTOP: connections open, commands unanswered) under the shared stores:
// every wait on it ends with the call's deadline or abort, a slot taken for a call that left is given back, and calls
// succeed again as soon as Redis resumes.

import { createHash } from "node:crypto";
import { ScrmAbortError, ScrmConfigError, ScrmTimeoutError } from "@scrm-openapi/core";
import { refreshLockKey, tokenKey } from "@scrm-openapi/core/stores";
import { createLimiter, createVendorClient, tokenAuth } from "@scrm-openapi/core/vendor";
import { CORP_ID, type RedisServer, SECRET, startRedisServer } from "@scrm-openapi/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakePaths, limitedMeta } from "../../core/test/metas.js";
import { RedisRateLimitStore, RedisTokenStore } from "../src/index.js";
import { vendorServer } from "./helpers.js";

let own: RedisServer;
let admin: Redis;
beforeAll(async () => {
  own = await startRedisServer();
  admin = new Redis({ port: own.port });
});
beforeEach(async () => {
  own.resume();
  await admin.flushall();
});
afterAll(async () => {
  admin.disconnect();
  await own.stop();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Polls `check` (no timing asserted: it only waits for Redis to catch up), failing after 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await check()).toBe(true);
}

const clientOf = (url: string, options: { tokenStore?: RedisTokenStore; store: RedisRateLimitStore }) =>
  createVendorClient<FakePaths>(
    limitedMeta,
    {
      baseUrl: url,
      credentials: { corpId: CORP_ID, secret: SECRET },
      ...(options.tokenStore ? { tokenStore: options.tokenStore } : {}),
      rateLimit: { store: options.store },
      retry: false,
    },
    { auth: tokenAuth, limiter: createLimiter },
  );

describe("Redis frozen", () => {
  it("calls end at their deadline, and after Redis resumes every concurrency slot is free again", async () => {
    const vendor = await vendorServer();
    // Commands time out (and fail) while the calls that sent them are already gone, as in a long stall.
    const store = new RedisRateLimitStore({ redis: { host: "127.0.0.1", port: own.port, commandTimeout: 300 } });
    const client = clientOf(vendor.url, { store });
    try {
      await client.GET("/things");
      own.pause();
      const stalled = await Promise.all(
        Array.from({ length: 12 }, () => rejection(client.GET("/things", { deadlineMs: 100 }))),
      );
      for (const error of stalled) expect(error).toMatchObject({ name: "ScrmTimeoutError", phase: "deadline" });
      // Let the stalled commands time out on the client before Redis answers them.
      await new Promise((resolve) => setTimeout(resolve, 400));
      own.resume();
      await until(async () => (await admin.zcard((await admin.keys("*:concurrency"))[0] ?? "none")) === 0);
      // The account's 5 slots are all free: 5 calls go at once, well within a second.
      const results = await Promise.all(Array.from({ length: 5 }, () => client.GET("/things", { deadlineMs: 1000 })));
      expect(results).toHaveLength(5);
      expect(vendor.count("/things")).toBe(6);
    } finally {
      own.resume();
      await store.close();
      await vendor.close();
    }
  });

  it("with your own ioredis client (no command timeout), a deadline and an abort still end the call", async () => {
    const vendor = await vendorServer();
    const redis = new Redis({ port: own.port });
    const tokenStore = new RedisTokenStore({ redis });
    const store = new RedisRateLimitStore({ redis });
    const client = clientOf(vendor.url, { tokenStore, store });
    try {
      await client.GET("/things");
      own.pause();
      const late = await rejection(client.GET("/things", { deadlineMs: 200 }));
      expect(late).toBeInstanceOf(ScrmTimeoutError);
      expect(late).toMatchObject({ phase: "deadline", operationId: "listThings" });
      const controller = new AbortController();
      const call = rejection(client.GET("/things", { signal: controller.signal }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      expect(await call).toBeInstanceOf(ScrmAbortError);
      own.resume();
      await expect(client.GET("/things", { deadlineMs: 1000 })).resolves.toBeTruthy();
    } finally {
      own.resume();
      await Promise.all([tokenStore.close(), store.close()]);
      redis.disconnect();
      await vendor.close();
    }
  });
});

describe("a slot whose holder vanished", () => {
  it("expires after leaseMs (timeoutMs + 10 s: 40 s by default), by the clients' clock", async () => {
    const vendor = await vendorServer();
    vendor.route = (req) => (req.path === "/things" ? "hold" : undefined);
    const store = new RedisRateLimitStore({ redis: { port: own.port } });
    const start = Date.now();
    const at = (offset: number) =>
      createVendorClient<FakePaths>(
        limitedMeta,
        {
          baseUrl: vendor.url,
          credentials: { corpId: CORP_ID, secret: SECRET },
          rateLimit: { store },
          retry: false,
          now: () => start + offset,
        },
        { auth: tokenAuth, limiter: createLimiter },
      );
    try {
      // A process takes all 5 slots and never gives them back (its calls hang, as if it had died).
      const holder = at(0);
      const held = Array.from({ length: 5 }, () => holder.GET("/things").catch(() => {}));
      for (let i = 0; i < 200 && vendor.held < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(vendor.held).toBe(5);
      // 39 s later (by the clock the clients share) the slots are still taken…
      const early = await rejection(at(39_000).GET("/others", { deadlineMs: 100 }));
      expect(early).toBeInstanceOf(ScrmTimeoutError);
      // …and once 40 s have passed they have expired: another process's call goes through.
      await expect(at(40_001).GET("/others", { deadlineMs: 1000 })).resolves.toBeTruthy();
      vendor.release();
      await Promise.all(held);
    } finally {
      await store.close();
      await vendor.close();
    }
  });
});

describe("token lock and values", () => {
  it("an aborted refresh stops polling the Redis lock", async () => {
    const vendor = await vendorServer();
    const tokenStore = new RedisTokenStore({ redis: { port: own.port }, lockPollMs: 5 });
    const store = new RedisRateLimitStore({ redis: { port: own.port } });
    const client = clientOf(vendor.url, { tokenStore, store });
    const evals = async () => {
      const stats = await admin.info("commandstats");
      return Number(/cmdstat_eval:calls=(\d+)/.exec(stats)?.[1] ?? 0);
    };
    try {
      // Another process holds this account's refresh lock for a minute.
      const digest = createHash("sha256")
        .update(JSON.stringify(Object.entries({ corpId: CORP_ID, secret: SECRET }).sort()))
        .digest("hex")
        .slice(0, 16);
      await admin.set(refreshLockKey(tokenKey("fakeban", digest)), "another-process", "PX", 60_000);
      await admin.config("RESETSTAT");
      const controller = new AbortController();
      const first = rejection(client.GET("/things", { signal: controller.signal }));
      await until(async () => (await evals()) >= 3);
      controller.abort();
      expect(await first).toBeInstanceOf(ScrmAbortError);
      const after = await evals();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await evals()).toBe(after);
    } finally {
      await Promise.all([tokenStore.close(), store.close()]);
      await vendor.close();
    }
  });

  it("a token key of the wrong type heals: it is replaced by a fresh token", async () => {
    const vendor = await vendorServer();
    const corrupt: string[] = [];
    const tokenStore = new RedisTokenStore({ redis: { port: own.port }, onCorrupt: (key) => corrupt.push(key) });
    const store = new RedisRateLimitStore({ redis: { port: own.port } });
    const client = clientOf(vendor.url, { tokenStore, store });
    try {
      await client.GET("/things");
      const [key] = await admin.keys("scrm-openapi:token:*");
      await admin.del(key as string);
      await admin.hset(key as string, "value", "not-a-token");
      await expect(client.GET("/things")).resolves.toBeTruthy();
      expect(await admin.type(key as string)).toBe("string");
      expect(corrupt).toEqual([key]);
    } finally {
      await Promise.all([tokenStore.close(), store.close()]);
      await vendor.close();
    }
  });

  it("store options are checked at creation, naming the option", () => {
    const redis = { port: own.port, lazyConnect: true };
    for (const [options, option] of [
      [{ lockPollMs: 0 }, "lockPollMs"],
      [{ lockWaitMs: Number.NaN }, "lockWaitMs"],
      [{ lockTtlMs: 2 ** 31 }, "lockTtlMs"],
      [{ onCorrupt: "log" }, "onCorrupt"],
    ] as const) {
      const error = (() => {
        try {
          new RedisTokenStore({ redis, ...(options as object) });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ScrmConfigError);
      expect(error).toMatchObject({ option });
    }
    expect(() => new RedisRateLimitStore({ redis: undefined as never })).toThrow(ScrmConfigError);
  });
});
