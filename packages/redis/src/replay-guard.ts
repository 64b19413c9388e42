import type { ReplayGuard } from "@scrm-openapi/core/webhooks";
import { type RedisConnection, RedisLink } from "./connection.js";

/** Remembers callbacks in Redis (SET NX PX), so that a replay is caught by whichever process receives it. */
export class RedisReplayGuard implements ReplayGuard {
  readonly #link: RedisLink;

  constructor(options: { redis: RedisConnection }) {
    this.#link = new RedisLink("RedisReplayGuard", options.redis);
  }

  async seen(id: string, ttlMs: number): Promise<boolean> {
    const set = await this.#link.run((r) => r.set(id, "1", "PX", Math.max(1, Math.ceil(ttlMs)), "NX"));
    return set !== "OK";
  }

  /** Drops a callback that was not acknowledged, so the vendor's retry is not taken for a replay. */
  async forget(id: string): Promise<void> {
    await this.#link.run((r) => r.del(id));
  }

  async close(): Promise<void> {
    this.#link.close();
  }
}
