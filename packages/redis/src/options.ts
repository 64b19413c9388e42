import { ScrmConfigError } from "@scrm-openapi/core";

/** Longest delay a timer takes (2^31 − 1 ms); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A store's ms option: its default when absent, else a finite number in [min, 2^31 − 1] (ScrmConfigError naming it). */
export function msOption(store: string, name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > MAX_TIMER_MS) {
    throw new ScrmConfigError(store, name, `must be a finite number of ms from ${min} to ${MAX_TIMER_MS}`);
  }
  return value;
}

/** `redis` must be an ioredis client or its connection options. */
export function checkConnection(store: string, redis: unknown): void {
  if (typeof redis !== "object" || redis === null) {
    throw new ScrmConfigError(store, "redis", "must be an ioredis client or its connection options");
  }
}
