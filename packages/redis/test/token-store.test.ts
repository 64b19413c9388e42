// RedisTokenStore against a real redis-server: one token for many processes, a self-healing value, a lock that
// survives a dead holder, and typed errors (never a hang) when Redis is down.

import { ScrmStoreError } from "@scrm-openapi/core";
import { createVendorClient, tokenAuth } from "@scrm-openapi/core/vendor";
import { CORP_ID, SECRET, startRedisServer } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { type FakePaths, limitedMeta } from "../../core/test/metas.js";
import { RedisTokenStore } from "../src/index.js";
import { sharedRedis, vendorServer } from "./helpers.js";
import { runWorkers } from "./workers.js";

const { options: redisOptions, client: admin } = sharedRedis();

const client = (vendor: { url: string }, tokenStore: RedisTokenStore) =>
  createVendorClient<FakePaths>(
    limitedMeta,
    { baseUrl: vendor.url, credentials: { corpId: CORP_ID, secret: SECRET }, tokenStore, rateLimit: false },
    { auth: tokenAuth },
  );

describe("one token for many processes", () => {
  it("1,000 concurrent calls from 4 worker processes sharing a RedisTokenStore → exactly 1 token request", async () => {
    const vendor = await vendorServer();
    try {
      const results = await runWorkers(4, {
        baseUrl: vendor.url,
        redisPort: redisOptions.port,
        meta: limitedMeta,
        credentials: { corpId: CORP_ID, secret: SECRET },
        calls: 250,
        sharedTokens: true,
        rateLimit: false,
      });
      expect(results.reduce((n, r) => n + r.ok, 0)).toBe(1000);
      expect(vendor.tokenRequests).toBe(1);
      expect(vendor.count("/things")).toBe(1000);
    } finally {
      await vendor.close();
    }
  });

  // Two processes are enough to tell: a shared store would fetch one token, two processes on their own fetch two.
  it("control: without the shared store each process fetches its own token", async () => {
    const vendor = await vendorServer();
    try {
      await runWorkers(2, {
        baseUrl: vendor.url,
        redisPort: redisOptions.port,
        meta: limitedMeta,
        credentials: { corpId: CORP_ID, secret: SECRET },
        calls: 10,
        rateLimit: false,
      });
      expect(vendor.tokenRequests).toBe(2);
    } finally {
      await vendor.close();
    }
  });
});

describe("stored values", () => {
  it("a corrupt value is dropped and replaced by a fresh token; the call succeeds", async () => {
    const vendor = await vendorServer();
    const corrupt: string[] = [];
    const store = new RedisTokenStore({ redis: redisOptions, onCorrupt: (key) => corrupt.push(key) });
    try {
      const weiban = client(vendor, store);
      await weiban.GET("/things");
      const [key] = await admin().keys("scrm-openapi:token:*");
      expect(key).toBeDefined();
      await admin().set(key as string, "{not json");
      await expect(weiban.GET("/things")).resolves.toBeTruthy();
      expect(corrupt).toEqual([key]);
      expect(vendor.tokenRequests).toBe(2);
      expect(JSON.parse((await admin().get(key as string)) ?? "{}")).toMatchObject({
        value: expect.stringMatching(/^tok-/),
      });
    } finally {
      await store.close();
      await vendor.close();
    }
  });

  it("delete(key, value) removes the entry only while it still holds that token", async () => {
    const store = new RedisTokenStore({ redis: redisOptions });
    try {
      await store.set("k", { value: "tok-new" });
      await store.delete("k", "tok-old");
      expect(await store.get("k")).toEqual({ value: "tok-new" });
      await store.delete("k", "tok-new");
      expect(await store.get("k")).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("waits for a lock held by a dead process until its TTL, then refreshes", async () => {
    const store = new RedisTokenStore({ redis: redisOptions, lockTtlMs: 300, lockPollMs: 20 });
    try {
      await admin().set("k:refresh-lock", "someone-who-died", "PX", 300);
      let fetched = 0;
      const token = await store.withRefreshLock("k", async () => {
        fetched++;
        return { value: "tok-after-lock" };
      });
      expect(token.value).toBe("tok-after-lock");
      expect(fetched).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe("Redis down", () => {
  it("a call fails fast with a ScrmStoreError naming the store, the vendor, the operation and the address", async () => {
    const own = await startRedisServer();
    const vendor = await vendorServer();
    // Never reached: the first connection is waited for up to connectTimeout (2 s by default; shortened here).
    const store = new RedisTokenStore({ redis: { host: "127.0.0.1", port: own.port, connectTimeout: 200 } });
    try {
      await own.stop("SIGKILL");
      const error = await client(vendor, store)
        .GET("/things")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScrmStoreError);
      expect(error).toMatchObject({ store: "RedisTokenStore", vendor: "fakeban", operationId: "listThings" });
      expect((error as Error).message).toContain(`127.0.0.1:${own.port}`);
      expect(vendor.count("/things")).toBe(0);
    } finally {
      await store.close();
      await vendor.close();
      await own.stop();
    }
  });
});
