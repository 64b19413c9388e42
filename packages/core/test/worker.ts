// A separate Node process: one client (optionally with Redis-shared tokens and limits) making N concurrent calls.
import { createVendorClient, RedisTokenStore, ScrmApiError } from "../src/index.js";
import { CORP_ID, SECRET } from "./fake-vendor.js";
import { type FakePaths, limitedMeta } from "./metas.js";
import type { WorkerConfig, WorkerResult } from "./workers.js";

const config = JSON.parse(process.argv[2] ?? "{}") as WorkerConfig;
const tokenStore =
  config.tokenStoreRedisPort === undefined
    ? undefined
    : new RedisTokenStore({ redis: { port: config.tokenStoreRedisPort, host: "127.0.0.1" } });
const client = createVendorClient<FakePaths>(limitedMeta, {
  baseUrl: config.baseUrl,
  credentials: { corpId: CORP_ID, secret: SECRET },
  ...(tokenStore ? { tokenStore } : {}),
  ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }),
  ...(config.retry === undefined ? {} : { retry: config.retry }),
});

const send = (message: unknown) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));

process.on("message", async (message: { type: string }) => {
  if (message.type !== "go") return;
  const settled = await Promise.allSettled(
    Array.from({ length: config.calls }, (_, n) => client.GET("/things", { params: { query: { n } } })),
  );
  const result: WorkerResult = { ok: 0, errors: {} };
  for (const s of settled) {
    if (s.status === "fulfilled") result.ok++;
    else {
      const key = s.reason instanceof ScrmApiError ? String(s.reason.code) : String((s.reason as Error).name);
      result.errors[key] = (result.errors[key] ?? 0) + 1;
    }
  }
  await client.close();
  await tokenStore?.close();
  await send({ type: "done", result });
  process.disconnect();
});

await send({ type: "ready" });
