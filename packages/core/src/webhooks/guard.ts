// What bounds a receiver once a request is in hand: the body size, the signed timestamp's window, and replays.
import { ScrmStoreError, ScrmWebhookError } from "../errors.js";
import type { ReplayGuard, WebhookReceiverOptions } from "./types.js";

/** A replay guard for one process. Use `RedisReplayGuard` (@scrm-openapi/redis) when several processes receive. */
export class MemoryReplayGuard implements ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  forget(id: string): void {
    this.#seen.delete(id);
  }

  seen(id: string, ttlMs: number): boolean {
    const now = this.#now();
    // Expired entries go as new ones come, so memory stays bounded by the window's traffic.
    for (const [key, until] of this.#seen) {
      if (until > now) break;
      this.#seen.delete(key);
    }
    const until = this.#seen.get(id);
    if (until !== undefined && until > now) return true;
    this.#seen.delete(id);
    this.#seen.set(id, now + ttlMs);
    return false;
  }
}

/** The checks every style shares once the signature holds: body size, timestamp window, replay. */
export interface Guard {
  size(step: string, body: string | Uint8Array | undefined): void;
  fresh(step: string, timestamp: string, unit: "s" | "ms"): void;
  /** Records the callback `id` opened as `opened`; a replay is rejected. `id` is computed only when a guard is set. */
  once(step: string, id: string | (() => Promise<string>), opened: object): Promise<void>;
  /** Forgets what `once` recorded for `opened` (a handler threw: the vendor will retry it). */
  forget(opened: object): Promise<void>;
}

const encoder = new TextEncoder();

export function createGuard(vendor: string, options: WebhookReceiverOptions): Guard {
  const maxBytes = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const { maxAgeSeconds, replayGuard } = options;
  const windowMs = (options.replayWindowSeconds ?? (maxAgeSeconds ? maxAgeSeconds * 2 : 600)) * 1000;
  // Which key each opened callback was recorded under; weak, so an opened message is not kept alive by the guard.
  const keys = new WeakMap<object, string>();
  return {
    size(step, body) {
      const bytes = body === undefined ? 0 : typeof body === "string" ? encoder.encode(body).length : body.byteLength;
      if (bytes > maxBytes) {
        throw new ScrmWebhookError(
          vendor,
          step,
          "too-large",
          `body of ${bytes} bytes is over maxBodyBytes (${maxBytes})`,
        );
      }
    },
    fresh(step, timestamp, unit) {
      if (maxAgeSeconds === undefined) return;
      const at = Number(timestamp) * (unit === "s" ? 1000 : 1);
      const skew = Math.abs(now() - at);
      if (!Number.isFinite(at) || skew > maxAgeSeconds * 1000) {
        throw new ScrmWebhookError(
          vendor,
          step,
          "stale",
          `signed timestamp is ${Math.round(skew / 1000)} s away from now (maxAgeSeconds ${maxAgeSeconds})`,
        );
      }
    },
    async once(step, id, opened) {
      if (!replayGuard) return;
      const key = `scrm-openapi:webhook:${vendor}:${typeof id === "string" ? id : await id()}`;
      const replayed = await store(() => replayGuard.seen(key, windowMs));
      if (replayed) throw new ScrmWebhookError(vendor, step, "replayed", "this callback was already received");
      keys.set(opened, key);
    },
    async forget(opened) {
      const key = keys.get(opened);
      if (!replayGuard?.forget || key === undefined) return;
      keys.delete(opened);
      await store(() => replayGuard.forget?.(key));
    },
  };
}

/** A replay guard's answer; its failure becomes a ScrmStoreError. */
async function store<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof ScrmStoreError ? error : new ScrmStoreError("replay guard", String(error), { cause: error });
  }
}
