import { FakeVendor, redisPort } from "@scrm-openapi/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { limitedMeta } from "../../core/test/metas.js";

/** The run's redis-server (redis-setup.ts), emptied before each test of the file that calls this. */
export function sharedRedis(): { options: { host: string; port: number }; client: () => Redis } {
  const options = { host: "127.0.0.1", port: redisPort() };
  let client: Redis;
  beforeAll(() => {
    client = new Redis(options);
  });
  afterAll(() => client.disconnect());
  beforeEach(async () => {
    await client.flushall();
  });
  return { options, client: () => client };
}

/** A FakeVendor on a loopback HTTP server (the worker processes reach it over HTTP). */
export async function vendorServer() {
  const vendor = new FakeVendor(limitedMeta, { payload: { items: [] } });
  const server = await vendor.listen();
  return Object.assign(vendor, { url: server.url, close: server.close });
}
