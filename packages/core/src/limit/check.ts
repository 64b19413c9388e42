import { checkObject, msOption, numberOption } from "../checks.js";
import { ScrmConfigError } from "../errors.js";
import type { RateLimitOptions } from "./types.js";

/**
 * The limiter's options, checked when the client is created (whether or not the spec declares limits): a NaN
 * headroom or rate, or a concurrency of 0, would make every call wait forever.
 */
export function checkRateLimit(vendor: string, options: RateLimitOptions | false | undefined): void {
  if (options === undefined || options === false) return;
  if (typeof options !== "object" || options === null) {
    throw new ScrmConfigError(vendor, "rateLimit", "must be false or an object of rate-limit options");
  }
  checkObject(vendor, "rateLimit.store", options.store, ["tryAcquire", "block"]);
  numberOption(vendor, "rateLimit.headroom", options.headroom, 0, 0, 0.99);
  numberOption(vendor, "rateLimit.maxQueue", options.maxQueue, 0, 0, 1e9);
  msOption(vendor, "rateLimit.pollMs", options.pollMs, 1, 25);
  const limits = options.limits;
  if (limits === undefined) return;
  if (typeof limits !== "object" || limits === null) {
    throw new ScrmConfigError(vendor, "rateLimit.limits", "must be an object like the spec's x-limits");
  }
  if (limits.concurrency !== undefined) {
    const max = limits.concurrency?.max;
    if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
      throw new ScrmConfigError(vendor, "rateLimit.limits.concurrency.max", "must be a whole number ≥ 1");
    }
  }
  for (const [i, rate] of (limits.rate ?? []).entries()) {
    for (const field of ["perMinute", "perHour"] as const) {
      const value = rate?.[field];
      if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
        throw new ScrmConfigError(vendor, `rateLimit.limits.rate[${i}].${field}`, "must be a finite number > 0");
      }
    }
  }
}
