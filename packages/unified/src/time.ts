// Times between the vendors' units and ISO 8601. Formatting a Unix time is arithmetic on its day number (the civil
// calendar from days, H. Hinnant's algorithm), which gives Date#toISOString's text at a fraction of its cost; times
// outside years 0000–9999 or between milliseconds go through Date.
import type { TimeUnit } from "./mapping.js";

const DAY = 86_400_000;
const LAST = 253_402_300_800_000; // 10000-01-01T00:00:00Z
// Character codes: "0", "-", "T", ":", ".", "Z".
const D = 48;
const DASH = 45;
const T = 84;
const COLON = 58;
const DOT = 46;
const Z = 90;
/** A Unix time in milliseconds as `yyyy-MM-ddTHH:mm:ss.SSSZ`, exactly as Date#toISOString writes it. */
export function isoFromMs(ms: number): string | undefined {
  if (!(ms >= 0 && ms < LAST && Number.isInteger(ms))) {
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const z = days + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // One string from its character codes: no intermediate strings to allocate and join.
  return String.fromCharCode(
    D + Math.floor(year / 1000),
    D + (Math.floor(year / 100) % 10),
    D + (Math.floor(year / 10) % 10),
    D + (year % 10),
    DASH,
    D + Math.floor(month / 10),
    D + (month % 10),
    DASH,
    D + Math.floor(day / 10),
    D + (day % 10),
    T,
    D + Math.floor(hours / 10),
    D + (hours % 10),
    COLON,
    D + Math.floor(minutes / 10),
    D + (minutes % 10),
    COLON,
    D + Math.floor(seconds / 10),
    D + (seconds % 10),
    DOT,
    D + Math.floor(millis / 100),
    D + (Math.floor(millis / 10) % 10),
    D + (millis % 10),
    Z,
  );
}

/** A time as ISO 8601 from the unit the spec states; undefined when the value is not a time in that unit. */
export function toIso(value: unknown, unit: TimeUnit): string | undefined {
  if (unit === "date") return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  if (unit === "iso") {
    const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const n =
    typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) return undefined;
  return isoFromMs(unit === "s" ? n * 1000 : n);
}

/** An ISO time (or Date) in the unit a parameter takes. A date is the day before, in UTC: a lower bound never misses. */
export function fromIso(value: string | Date, unit: TimeUnit): number | string | undefined {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  if (unit === "s") return Math.floor(ms / 1000);
  if (unit === "ms") return ms;
  if (unit === "date") return new Date(ms - 86_400_000).toISOString().slice(0, 10);
  return new Date(ms).toISOString();
}
