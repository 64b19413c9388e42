// Normalized events: what a vendor's webhook means in the unified model, as `<family>.<action>` with the record (or
// what the payload carries of it), who did it, when, and the raw message. The rules are data a vendor's spec declares
// (x-unified-event), generated into `events` of `@scrm-openapi/<vendor>/unified`.
import type { Entities } from "../entities.js";
import type { FieldRule, IdRule, TimeUnit } from "../mapping.js";

/** The entities webhooks are normalized to; `followRelation` events are named `follow.*`. */
export type EventEntity = "customer" | "followRelation" | "tag" | "opportunity" | "groupChat";
export type EventAction = "created" | "updated" | "deleted";

interface Families {
  customer: "customer";
  followRelation: "follow";
  tag: "tag";
  opportunity: "opportunity";
  groupChat: "groupChat";
}
type EntityOf<F extends string> = { [E in EventEntity]: Families[E] extends F ? E : never }[EventEntity];

/** `customer.created`, `follow.deleted`, `groupChat.updated`… */
export type NormalizedEventType = { [E in EventEntity]: `${Families[E]}.${EventAction}` }[EventEntity];
/** The entity an event type is about (`follow.created` → followRelation). */
export type EntityOfType<T extends NormalizedEventType> = EntityOf<T extends `${infer F}.${string}` ? F : never>;

/** A webhook as the router hands it over (or any object of that shape). */
export interface RoutedEvent {
  /** The spec's webhook name. */
  readonly name: string;
  /** The decrypted message. */
  readonly message: unknown;
  /** When the vendor signed the callback (epoch ms). */
  readonly signedAt?: number;
}

/** What a get of the entity answers (the `UnifiedClient` of the same vendor has it). */
export type RecordFetcher<E extends EventEntity> = {
  readonly [K in E]: { get(id: string): Promise<Entities[K]> };
};

export interface NormalizedEvent<T extends NormalizedEventType = NormalizedEventType> {
  readonly type: T;
  readonly entity: EntityOfType<T>;
  readonly action: EventAction;
  readonly vendor: string;
  /** The record's unified id (`<vendor>:<entity>:<remote id>`). */
  readonly id: string;
  /** The record as far as the payload states it: only the fields the spec maps for this webhook. */
  readonly record: Entities[EntityOfType<T>];
  /** True when the vendor's read mapping gives fields this payload lacks: `fetch` gets the whole record. */
  readonly partial: boolean;
  /** Who made the change, where the payload says so: a unified staff id. */
  readonly actor?: { readonly staffId: string };
  /** ISO 8601: when it happened (as the payload states, in its unit), else when the vendor signed the callback. */
  readonly time?: string;
  /** The vendor's webhook name. */
  readonly webhook: string;
  /** The decrypted message as received. */
  readonly raw: unknown;
  /** The whole record, by the unified client of the same vendor (`client[entity].get(id)`). */
  fetch(client: RecordFetcher<EntityOfType<T>>): Promise<Entities[EntityOfType<T>]>;
}

/** One webhook's rules (x-unified-event, completed by codegen). Paths run from the message root, id and fields from the record. */
export interface EventMapping {
  readonly entity: EventEntity;
  readonly action: EventAction | { readonly path: string; readonly values: Readonly<Record<string, EventAction>> };
  readonly when?: { readonly path: string; readonly equals: string };
  readonly records: string;
  readonly id: IdRule;
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly actor?: string;
  readonly time?: { readonly path: string; readonly time: TimeUnit };
  readonly partial: boolean;
}

/** A vendor's `events` (generated into packages/<vendor>/src/generated/unified.ts). */
export interface VendorEvents {
  readonly vendor: string;
  /** Every webhook the spec has, mapped or not. */
  readonly webhooks: readonly string[];
  readonly mappings: Readonly<Record<string, EventMapping>>;
}
