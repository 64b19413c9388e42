// normalize(event): one routed webhook → its normalized event, by the vendor's generated rules. A message the rules do
// not cover (no mapping, another kind of record, an action value the page does not list, no record id) gives
// undefined: it stays an ordinary routed event and is never thrown.
import { UnifiedDataError } from "../errors.js";
import { formatId } from "../id.js";
import { read } from "../path.js";
import { shapeRunner, text } from "../read.js";
import type { EventAction, EventEntity, EventMapping, NormalizedEvent, RoutedEvent, VendorEvents } from "./types.js";

/** Any entity's get, as the unified client has it (the event's type says which record it answers). */
type Fetchers = Record<EventEntity, { get(id: string): Promise<never> }>;

const FAMILY = {
  customer: "customer",
  followRelation: "follow",
  tag: "tag",
  opportunity: "opportunity",
  groupChat: "groupChat",
};

/** Epoch seconds or milliseconds (a number or digits), an ISO text or a date, as ISO 8601. */
function iso(value: unknown, unit: string): string | undefined {
  if (unit === "date") return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  const ms =
    unit === "iso"
      ? typeof value === "string"
        ? Date.parse(value)
        : Number.NaN
      : (typeof value === "number" || (typeof value === "string" && /^\d+(\.\d+)?$/.test(value))
          ? Number(value)
          : Number.NaN) * (unit === "s" ? 1000 : 1);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}

function actionOf(mapping: EventMapping, message: unknown): EventAction | undefined {
  if (typeof mapping.action === "string") return mapping.action;
  const value = text(read(message, mapping.action.path));
  return value === undefined || !Object.hasOwn(mapping.action.values, value) ? undefined : mapping.action.values[value];
}

function one(vendor: string, webhook: string, mapping: EventMapping, event: RoutedEvent): NormalizedEvent | undefined {
  const message = event.message;
  if (mapping.when && text(read(message, mapping.when.path)) !== mapping.when.equals) return undefined;
  const action = actionOf(mapping, message);
  if (action === undefined) return undefined;
  let record: Record<string, unknown>;
  try {
    // The mapping object itself is the shape: its compiled readers are cached per mapping.
    record = shapeRunner(vendor, mapping)(read(message, mapping.records), message, false, webhook);
  } catch (error) {
    // A message without the record's id cannot name its record: it stays unnormalized.
    if (error instanceof UnifiedDataError) return undefined;
    throw error;
  }
  const staff = mapping.actor === undefined ? undefined : text(read(message, mapping.actor));
  const time = mapping.time
    ? iso(read(message, mapping.time.path), mapping.time.time)
    : event.signedAt === undefined
      ? undefined
      : new Date(event.signedAt).toISOString();
  const id = String(record.id);
  const entity = mapping.entity;
  return {
    type: `${FAMILY[entity]}.${action}` as NormalizedEvent["type"],
    entity,
    action,
    vendor,
    id,
    record: record as unknown as NormalizedEvent["record"],
    partial: mapping.partial,
    ...(staff ? { actor: { staffId: formatId(vendor, "staff", staff) } } : {}),
    ...(time ? { time } : {}),
    webhook,
    raw: message,
    fetch: (client) => (client as unknown as Fetchers)[entity].get(id),
  };
}

/** A normalizer over a vendor's `events`: `normalize(event)` is the normalized event, or undefined when unmapped. */
export function createNormalizer(events: VendorEvents): (event: RoutedEvent) => NormalizedEvent | undefined {
  return (event) => {
    const mapping = Object.hasOwn(events.mappings, event.name) ? events.mappings[event.name] : undefined;
    return mapping ? one(events.vendor, event.name, mapping, event) : undefined;
  };
}
