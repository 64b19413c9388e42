// The outside probe's hardening scenarios, rerun against the built clients, real local HTTP servers and a real
// redis-server (`pnpm --filter @scrm-openapi/bench probe`). Each prints what happened and the figure the probe
// reported before the fix; the tests assert the same outcomes as counts, this records the figures.
// Each part runs its scenarios when imported, in order.
await import("./probe/auth.js");
await import("./probe/payloads.js");
