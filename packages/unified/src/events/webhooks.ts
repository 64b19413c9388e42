// withNormalizedEvents(router, events): the vendor's typed router, plus `onNormalized("customer.created", …)` and
// `normalize(event)`. It listens with the router's own onAny, so what a normalized handler throws is what any handler
// throws: the callback is not acknowledged (the vendor retries) and onError hears of it.
import { ScrmConfigError } from "@scrm-openapi/core";
import type { WebhookRouter } from "@scrm-openapi/core/webhooks";
import { createNormalizer } from "./normalize.js";
import type { NormalizedEvent, NormalizedEventType, RoutedEvent, VendorEvents } from "./types.js";

type Handler<T extends NormalizedEventType> = (event: NormalizedEvent<T>) => unknown;

export interface NormalizedEvents {
  /** Runs `handler` for each callback that normalizes to `type` (or one of the types). */
  onNormalized<T extends NormalizedEventType>(type: T | readonly T[], handler: Handler<T>): this;
  /** Runs `handler` for every normalized callback, whatever its type. */
  onAnyNormalized(handler: Handler<NormalizedEventType>): this;
  /** The normalized event of a routed one; undefined when the spec maps none for it. */
  normalize(event: RoutedEvent): NormalizedEvent | undefined;
}

/**
 * Adds normalized events to a vendor's router: `withNormalizedEvents(createWeilingWebhooks(…), events)`, `events`
 * imported from `@scrm-openapi/<vendor>/unified`. The router is returned (extended), so its on/onAny/onUnknown/onError
 * and its handlers keep working.
 */
export function withNormalizedEvents<P>(
  router: WebhookRouter<P>,
  events: VendorEvents,
): WebhookRouter<P> & NormalizedEvents {
  if (router.vendor !== events.vendor) {
    throw new ScrmConfigError(
      router.vendor,
      "events",
      `are the ${events.vendor} events; pass the ones of ${router.vendor}`,
    );
  }
  const normalize = createNormalizer(events);
  const byType = new Map<string, Handler<NormalizedEventType>[]>();
  const any: Handler<NormalizedEventType>[] = [];
  router.onAny(async (event) => {
    if (byType.size === 0 && any.length === 0) return;
    const normalized = normalize(event as RoutedEvent);
    if (!normalized) return;
    for (const handler of [...(byType.get(normalized.type) ?? []), ...any]) await handler(normalized);
  });
  const extended = Object.assign(router, {
    normalize,
    onNormalized<T extends NormalizedEventType>(type: T | readonly T[], handler: Handler<T>) {
      for (const one of typeof type === "string" ? [type] : type) {
        byType.set(one, [...(byType.get(one) ?? []), handler as unknown as Handler<NormalizedEventType>]);
      }
      return extended;
    },
    onAnyNormalized(handler: Handler<NormalizedEventType>) {
      any.push(handler);
      return extended;
    },
  });
  return extended;
}
