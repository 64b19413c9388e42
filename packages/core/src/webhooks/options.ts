// Receiver options are checked when the receiver is made: a NaN or negative bound would silently disarm a protection
// (NaN maxBodyBytes lifts the size cap, NaN maxAgeSeconds accepts any timestamp, 0 replayWindowSeconds lets replays in).
import { ScrmConfigError } from "../errors.js";
import type { WebhookReceiverOptions } from "./types.js";

/** Longest timer a runtime keeps: a larger delay fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function checkReceiverOptions(vendor: string, options: WebhookReceiverOptions): void {
  if (typeof options !== "object" || options === null) {
    throw new ScrmConfigError(vendor, "options", "must be an object");
  }
  const { maxBodyBytes, maxAgeSeconds, replayWindowSeconds, replayGuard, readTimeoutMs, now } = options;
  positive(vendor, "maxBodyBytes", maxBodyBytes, { integer: true });
  positive(vendor, "maxAgeSeconds", maxAgeSeconds);
  positive(vendor, "readTimeoutMs", readTimeoutMs, { max: MAX_TIMER_MS });
  if (replayGuard !== undefined && typeof (replayGuard as { seen?: unknown } | null)?.seen !== "function") {
    throw new ScrmConfigError(vendor, "replayGuard", "must have a seen(id, ttlMs) method");
  }
  const forget = (replayGuard as { forget?: unknown } | undefined)?.forget;
  if (forget !== undefined && typeof forget !== "function") {
    throw new ScrmConfigError(vendor, "replayGuard", "forget must be a method when given");
  }
  // Without a guard the window is unused, so only a value that is no number at all is refused.
  positive(vendor, "replayWindowSeconds", replayWindowSeconds, { zero: replayGuard === undefined });
  if (now !== undefined && typeof now !== "function") throw new ScrmConfigError(vendor, "now", "must be a function");
  if (options.encryptedField !== undefined && typeof options.encryptedField !== "string") {
    throw new ScrmConfigError(vendor, "encryptedField", "must be a string");
  }
  checkCrypto(vendor, options.crypto);
}

const OPERATIONS = ["digest", "digestHex", "importAes", "cbcDecryptRaw", "cbcEncryptRaw", "ctr"] as const;

/** A crypto set missing an operation would fail on the first callback instead of here. */
function checkCrypto(vendor: string, crypto: unknown): void {
  if (crypto === undefined) return;
  const missing = OPERATIONS.filter((name) => typeof (crypto as Record<string, unknown> | null)?.[name] !== "function");
  if (missing.length > 0) {
    throw new ScrmConfigError(
      vendor,
      "crypto",
      `must be webCrypto, nodeCrypto or a WebhookCrypto with ${OPERATIONS.join(", ")} (missing ${missing.join(", ")})`,
    );
  }
}

function positive(
  vendor: string,
  name: string,
  value: unknown,
  rule: { integer?: boolean; zero?: boolean; max?: number } = {},
): void {
  if (value === undefined) return;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (rule.zero ? value >= 0 : value > 0) &&
    value <= (rule.max ?? Number.MAX_SAFE_INTEGER) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const what = rule.integer ? "a whole number" : "a finite number";
    const range = `${rule.zero ? "0 or more" : "above 0"}${rule.max ? ` and at most ${rule.max}` : ""}`;
    throw new ScrmConfigError(vendor, name, `must be ${what} ${range}`);
  }
}
