// createClientPool with 100 tenants on one real redis-server: each tenant's client is created from its own
// credentials, keeps its token and its budget under keys naming the tenant, and never uses another tenant's. Each
// tenant's vendor is its own FakeVendor (host-routed, in process) that accepts only that tenant's credentials and the
// tokens it issued itself, so a token crossing tenants would be refused and show in its verdicts.
import { createClientPool } from "@scrm-openapi/core";
import { createLimiter, createVendorClient, tokenAuth } from "@scrm-openapi/core/vendor";
import { FakeVendor } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import { type FakePaths, limitedMeta } from "../../core/test/metas.js";
import { RedisRateLimitStore, RedisTokenStore } from "../src/index.js";
import { sharedRedis } from "./helpers.js";

const { client: admin } = sharedRedis();
const TENANTS = Array.from({ length: 100 }, (_, i) => `corp-${i}`);
const secretOf = (tenant: string) => `secret-of-${tenant}-0123456789`;

describe("a client pool of 100 tenants on one redis-server", () => {
  it("no token or budget is ever shared across tenants", async () => {
    const fakes = new Map(
      TENANTS.map((tenant) => [
        tenant,
        new FakeVendor(limitedMeta, {
          credentials: { corp_id: tenant, secret: secretOf(tenant) },
          tokenPrefix: `tok-${tenant}`,
          payload: { items: [] },
        }),
      ]),
    );
    const fetchByHost: typeof fetch = (input, init) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      const fake = fakes.get(url.hostname.replace(/\.vendor\.test$/, ""));
      if (!fake) throw new Error(`no fake for ${url.hostname}`);
      return fake.fetch(input, init);
    };
    const tokenStore = new RedisTokenStore({ redis: admin() });
    const store = new RedisRateLimitStore({ redis: admin() });
    let lookups = 0;
    const pool = createClientPool(
      (credentials: { corpId: string; secret: string }, tenant) =>
        createVendorClient<FakePaths>(
          limitedMeta,
          {
            baseUrl: `http://${tenant}.vendor.test`,
            credentials,
            tenant,
            fetch: fetchByHost,
            tokenStore,
            rateLimit: { store, pollMs: 5, limits: { concurrency: { max: 1, scope: "corp" } } },
          },
          { auth: tokenAuth, limiter: createLimiter },
        ),
      {
        credentials: async (tenant) => {
          lookups++;
          return { corpId: tenant, secret: secretOf(tenant) };
        },
      },
    );
    try {
      // Every tenant's first call is held at its vendor: all 100 are in flight at once (no shared budget), and
      // each tenant's second call waits for its own slot (its budget is kept).
      for (const fake of fakes.values()) fake.route = (req) => (req.path === "/things" ? "hold" : undefined);
      const calls = TENANTS.flatMap((tenant) => [0, 1].map(async () => (await pool.get(tenant)).GET("/things")));
      await expect.poll(() => [...fakes.values()].filter((f) => f.held === 1).length, { timeout: 15_000 }).toBe(100);
      expect([...fakes.values()].map((f) => f.count("/things"))).toEqual(TENANTS.map(() => 1));
      // While they are held, each tenant's concurrency slot is its own key in Redis.
      const limitKeys = await admin().keys("scrm-openapi:limit:fakeban:*");
      expect(new Set(limitKeys.map((k) => /:tenant=([^:]+):/.exec(k)?.[1]))).toEqual(new Set(TENANTS));
      for (const fake of fakes.values()) fake.release();
      await expect.poll(() => [...fakes.values()].filter((f) => f.held === 1).length, { timeout: 15_000 }).toBe(100);
      for (const fake of fakes.values()) fake.release();
      await Promise.all(calls);

      expect(lookups).toBe(100);
      expect(pool.size).toBe(100);
      for (const [tenant, fake] of fakes) {
        expect(fake.tokenRequests).toBe(1);
        expect(fake.maxInFlight).toBe(1);
        expect(fake.requests.map((r) => r.verdict)).toEqual(["ok", "ok"]);
        expect(fake.requests.every((r) => r.token?.startsWith(`tok-${tenant}-`))).toBe(true);
      }
      const tokenKeys = await admin().keys("scrm-openapi:token:fakeban:*");
      expect(tokenKeys.filter((k) => !k.endsWith(":refresh-lock"))).toHaveLength(100);
      for (const tenant of TENANTS) {
        const key = tokenKeys.find((k) => k.includes(`:tenant=${tenant}:`));
        expect(JSON.parse((await admin().get(key ?? "")) ?? "{}").value).toMatch(new RegExp(`^tok-${tenant}-`));
      }
    } finally {
      await pool.close();
    }
  });

  it("idle clients are evicted and closed by the injected clock; maxIdle keeps the most recently used", async () => {
    let now = 0;
    const closed: string[] = [];
    const pool = createClientPool(
      (credentials: string, tenant) => ({ credentials, close: async () => void closed.push(tenant) }),
      { credentials: (tenant) => `creds:${tenant}`, idleMs: 1000, maxIdle: 2, now: () => now },
    );
    const a = await pool.get("a");
    expect(a.credentials).toBe("creds:a");
    await pool.get("b");
    now = 500;
    await pool.get("a");
    await pool.get("c"); // over maxIdle: b, the least recently used, goes
    expect(closed).toEqual(["b"]);
    expect(await pool.get("a")).toBe(a);
    now = 1600; // c and a were last used at 500
    expect(await pool.evictIdle()).toBe(2);
    expect(closed.sort()).toEqual(["a", "b", "c"]);
    expect(pool.size).toBe(0);
    expect(await pool.get("a")).not.toBe(a);
    await expect(pool.get("")).rejects.toThrow(/option "tenant"/);
  });
});
