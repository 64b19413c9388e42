// One separate Node process: a client of a fake vendor, optionally sharing tokens and budgets through Redis, making N
// concurrent calls when told to. Plain JS on the built packages, so a process starts in a fraction of a second.
import { ScrmApiError, ScrmError } from "@scrm-openapi/core";
import { createLimiter, createVendorClient, tokenAuth } from "@scrm-openapi/core/vendor";

const config = JSON.parse(process.argv[2] ?? "{}");
const redis = { host: "127.0.0.1", port: config.redisPort };
// The stores (and ioredis, ~0.25 CPU-s to load) only where the process shares through Redis: the controls do not.
const stores = config.sharedTokens || config.sharedLimits ? await import("../dist/index.js") : undefined;
const tokenStore = config.sharedTokens ? new stores.RedisTokenStore({ redis }) : undefined;
const rateStore = config.sharedLimits ? new stores.RedisRateLimitStore({ redis }) : undefined;
const client = createVendorClient(
  config.meta,
  {
    baseUrl: config.baseUrl,
    credentials: config.credentials,
    retry: false,
    ...(config.deadlineMs ? { deadlineMs: config.deadlineMs } : {}),
    ...(tokenStore ? { tokenStore } : {}),
    rateLimit: config.rateLimit === false ? false : { ...config.rateLimit, ...(rateStore ? { store: rateStore } : {}) },
  },
  { auth: tokenAuth, limiter: createLimiter },
);

const send = (message) => new Promise((resolve) => process.send?.(message, () => resolve()));

process.on("message", async (message) => {
  if (message.type !== "go") return;
  const settled = await Promise.allSettled(
    Array.from({ length: config.calls }, (_, n) => client.GET("/things", { params: { query: { n } } })),
  );
  const result = { ok: 0, errors: {} };
  for (const s of settled) {
    if (s.status === "fulfilled") result.ok++;
    else {
      const e = s.reason;
      const key =
        e instanceof ScrmApiError ? String(e.code) : e instanceof ScrmError ? `${e.name}:${e.reason ?? ""}` : String(e);
      result.errors[key] = (result.errors[key] ?? 0) + 1;
    }
  }
  await client.close();
  await tokenStore?.close();
  await rateStore?.close();
  await send({ type: "done", result });
  process.disconnect();
});

await send({ type: "ready" });
