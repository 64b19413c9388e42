// A typed event router over a receiver: on("<webhook name>") with the spec's payload type, onAny, onUnknown, onError.
// `receive()` answers one callback already read; web.ts and node.ts read the body and write the answer.
import { ScrmError, ScrmWebhookError, type WebhookFailure } from "../errors.js";
import type { WebhookCryptoMeta, WebhookMeta } from "../meta.js";
import type { JsonValue, OpenedWebhook, QueryInput, WebhookReceiverOptions, WebhookRequest } from "./types.js";

/** What the router needs of a receiver (either style). */
export interface RoutableReceiver {
  readonly vendor: string;
  readonly ack: string | undefined;
  open(request: WebhookRequest): Promise<OpenedWebhook<unknown>>;
  /** Lets the replay guard forget a callback that was not acknowledged (its retry must get through). */
  forget?(opened: OpenedWebhook<unknown>): Promise<void>;
  verifyUrl?(query: QueryInput): Promise<string>;
}

/** A routed callback: `name` is the spec's webhook key, `message` its decrypted payload. */
export interface WebhookEvent<N extends string = string, T = unknown> {
  readonly vendor: string;
  readonly name: N;
  readonly message: T;
  readonly plaintext: string;
  readonly receiveId?: string;
  /** When the vendor signed the callback (epoch ms), from its signed timestamp. */
  readonly signedAt?: number;
}

/** A callback whose type the spec does not list: acknowledged, handed over raw. */
export interface UnknownWebhookEvent {
  readonly vendor: string;
  readonly name: undefined;
  /** The value at the spec's typeField, when there is one. */
  readonly type: string | undefined;
  readonly message: unknown;
  readonly plaintext: string;
}

export type AnyWebhookEvent<P> = { [N in keyof P & string]: WebhookEvent<N, P[N]> }[keyof P & string];

/** What to answer: status, body and content type. */
export interface WebhookReply {
  status: number;
  body: string;
  contentType: string;
}

export interface WebhookRouterOptions extends Pick<WebhookReceiverOptions, "maxBodyBytes" | "readTimeoutMs"> {
  /** The body of a successful answer when the spec documents none (e.g. Tanma's echo of `noise`). */
  reply?: (event: AnyWebhookEvent<Record<string, unknown>> | UnknownWebhookEvent) => string;
}

type Handler<E> = (event: E) => unknown;

export interface WebhookRouter<P> {
  readonly vendor: string;
  on<N extends keyof P & string>(name: N | readonly N[], handler: Handler<WebhookEvent<N, P[N]>>): this;
  onAny(handler: Handler<AnyWebhookEvent<P>>): this;
  /** Callbacks of a type the spec does not list; they are acknowledged whether or not a handler is set. */
  onUnknown(handler: Handler<UnknownWebhookEvent>): this;
  /** Every rejected callback (ScrmWebhookError) and every handler failure ("handler-failed", cause: what it threw). */
  onError(handler: (error: ScrmError) => unknown): this;
  /** Verifies, decrypts and routes one callback already read; never throws. */
  receive(request: WebhookRequest & { method?: string }): Promise<WebhookReply>;
  /** Reports an error met outside receive() (reading the body) and answers it. */
  reject(error: unknown): Promise<WebhookReply>;
  readonly options: Readonly<WebhookRouterOptions>;
}

export function createWebhookRouter<P>(
  receiver: RoutableReceiver,
  webhooks: readonly WebhookMeta[],
  crypto: WebhookCryptoMeta | undefined,
  options: WebhookRouterOptions = {},
): WebhookRouter<P> {
  const named = new Map<string, Handler<WebhookEvent>[]>();
  const any: Handler<WebhookEvent>[] = [];
  const unknown: Handler<UnknownWebhookEvent>[] = [];
  const errors: ((error: ScrmError) => unknown)[] = [];
  const route = routeOf(webhooks, crypto?.typeField);
  const vendor = receiver.vendor;

  async function report(error: unknown): Promise<WebhookReply> {
    const typed = error instanceof ScrmError ? error : failure(vendor, "receive", error);
    for (const handler of errors) {
      try {
        await handler(typed);
      } catch {
        // An error handler that fails must not turn an answer into a crash.
      }
    }
    return replyFor(typed);
  }

  async function dispatch(opened: OpenedWebhook<unknown>): Promise<WebhookReply> {
    const { name, type } = route(opened.message);
    const event =
      name === undefined
        ? ({ vendor, name, type, message: opened.message, plaintext: opened.plaintext } satisfies UnknownWebhookEvent)
        : ({ vendor, name, ...opened } as WebhookEvent);
    try {
      if (event.name === undefined) for (const handler of unknown) await handler(event as UnknownWebhookEvent);
      else for (const handler of [...(named.get(event.name) ?? []), ...any]) await handler(event as WebhookEvent);
    } catch (error) {
      // Not acknowledged, so the vendor retries: the replay guard must let that retry in.
      await receiver.forget?.(opened).catch(report);
      return report(failure(vendor, event.name ?? "unknown", error));
    }
    const body = receiver.ack ?? options.reply?.(event as AnyWebhookEvent<Record<string, unknown>>) ?? "";
    return { status: 200, body, contentType: body.startsWith("{") ? "application/json" : "text/plain;charset=UTF-8" };
  }

  const router: WebhookRouter<P> = {
    vendor,
    options,
    on(name, handler) {
      for (const one of typeof name === "string" ? [name] : name) {
        named.set(one, [...(named.get(one) ?? []), handler as Handler<WebhookEvent>]);
      }
      return router;
    },
    onAny(handler) {
      any.push(handler as Handler<WebhookEvent>);
      return router;
    },
    onUnknown(handler) {
      unknown.push(handler);
      return router;
    },
    onError(handler) {
      errors.push(handler);
      return router;
    },
    async receive(request) {
      try {
        if (request.method === "GET" && receiver.verifyUrl) {
          const echo = await receiver.verifyUrl(request.query ?? "");
          return { status: 200, body: echo, contentType: "text/plain;charset=UTF-8" };
        }
        return await dispatch(await receiver.open(request));
      } catch (error) {
        return report(error);
      }
    },
    reject: report,
  };
  return router;
}

/** Finds the webhook name of a message: by the spec's typeField and x-message-type, or the one webhook there is. */
function routeOf(
  webhooks: readonly WebhookMeta[],
  typeField: string | undefined,
): (message: unknown) => { name: string | undefined; type: string | undefined } {
  if (typeField === undefined) {
    const only = webhooks.length === 1 ? webhooks[0]?.name : undefined;
    return () => ({ name: only, type: undefined });
  }
  const byType = new Map(webhooks.flatMap((w) => (w.messageType === undefined ? [] : [[w.messageType, w.name]])));
  const path = typeField.split(".");
  return (message) => {
    let value: unknown = message;
    for (const key of path) {
      value =
        value !== null && typeof value === "object" && Object.hasOwn(value, key)
          ? (value as JsonObject)[key]
          : undefined;
    }
    const type = typeof value === "string" ? value : undefined;
    return { name: type === undefined ? undefined : byType.get(type), type };
  };
}

type JsonObject = Record<string, JsonValue>;

function failure(vendor: string, step: string, cause: unknown): ScrmWebhookError {
  return new ScrmWebhookError(vendor, step, "handler-failed", "an event handler threw: not acknowledged", { cause });
}

const STATUS: Record<WebhookFailure | "store", number> = {
  "signature-mismatch": 401,
  "receive-id-mismatch": 401,
  malformed: 400,
  "decrypt-failed": 400,
  stale: 400,
  replayed: 409,
  "read-timeout": 408,
  "too-large": 413,
  "body-consumed": 500,
  "handler-failed": 500,
  store: 503,
};

/** The status a vendor sees: 2xx only for an acknowledged callback; a reason, never a secret, in the body. */
function replyFor(error: ScrmError): WebhookReply {
  const reason = error instanceof ScrmWebhookError ? error.reason : "store";
  return { status: STATUS[reason], body: reason, contentType: "text/plain;charset=UTF-8" };
}
