// Shape checks of options: each failure is a ScrmConfigError naming the vendor and the option, never its value.
import { MAX_TIMER_MS } from "./abort.js";
import { ScrmConfigError } from "./errors.js";

/** A number option: its default when absent, else a finite number in [min, max]. */
export function numberOption(
  vendor: string,
  name: string,
  value: unknown,
  min: number,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `≥ ${min} and ≤ ${max}`;
    throw new ScrmConfigError(vendor, name, `must be a finite number ${range}`);
  }
  return value;
}

/** A delay in ms that a timer will wait for: at most 2^31 − 1. */
export const msOption = (vendor: string, name: string, value: unknown, min: number, fallback: number) =>
  numberOption(vendor, name, value, min, fallback, MAX_TIMER_MS);

export function checkFunction(vendor: string, name: string, value: unknown, shape: string): void {
  if (value !== undefined && typeof value !== "function") throw new ScrmConfigError(vendor, name, `must be ${shape}`);
}

/** An object whose `methods` are functions (a logger, a store). */
export function checkObject(vendor: string, name: string, value: unknown, methods: readonly string[]): void {
  if (value === undefined) return;
  const ok =
    typeof value === "object" &&
    value !== null &&
    methods.every((m) => typeof (value as Record<string, unknown>)[m] === "function");
  if (!ok) throw new ScrmConfigError(vendor, name, `must be an object with ${methods.join(", ")} methods`);
}

/** An AbortSignal (or one from another realm: checked by shape). */
export function checkSignal(vendor: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const s = value as Partial<AbortSignal>;
  if (typeof s !== "object" || typeof s.aborted !== "boolean" || typeof s.addEventListener !== "function") {
    throw new ScrmConfigError(vendor, "signal", "must be an AbortSignal");
  }
}
