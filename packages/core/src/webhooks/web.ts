// The web handler: `(request: Request) => Promise<Response>` for Workers, Deno, Bun and route handlers.
import { ScrmWebhookError } from "../errors.js";
import { concatBytes } from "./codec.js";
import type { WebhookReply, WebhookRouter } from "./router.js";

export const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_READ_TIMEOUT_MS = 10_000;

/** The size cap and read deadline a handler applies to each body. */
export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

export function limitsOf<P>(router: WebhookRouter<P>): BodyLimits {
  return {
    maxBytes: router.options.maxBodyBytes ?? DEFAULT_MAX_BYTES,
    timeoutMs: router.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
  };
}

/** Turns a router into a fetch-style handler; every request gets an answer, none throws. */
export function createWebHandler<P>(router: WebhookRouter<P>): (request: Request) => Promise<Response> {
  const limits = limitsOf(router);
  return async (request) => {
    let reply: WebhookReply;
    try {
      const url = new URL(request.url, "http://localhost");
      const body = request.method === "GET" ? undefined : await readWebBody(router.vendor, request, limits);
      reply = await router.receive({
        method: request.method,
        query: url.searchParams,
        headers: request.headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      reply = await router.reject(error);
    }
    return new Response(reply.body, { status: reply.status, headers: { "content-type": reply.contentType } });
  };
}

/** Reads a web Request's body up to the cap, within the deadline; a body someone else read is a typed error. */
async function readWebBody(vendor: string, request: Request, limits: BodyLimits): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new ScrmWebhookError(
      vendor,
      "read",
      "body-consumed",
      "the request body was already read: hand the request to the receiver before anything parses it",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw new ScrmWebhookError(vendor, "read", "too-large", `content-length ${declared} is over ${limits.maxBytes}`);
  }
  if (!request.body) return new Uint8Array(0);
  return readStream(vendor, request.body.getReader(), limits);
}

async function readStream(
  vendor: string,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limits: BodyLimits,
): Promise<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ScrmWebhookError(vendor, "read", "read-timeout", `no whole body within ${limits.timeoutMs} ms`));
    }, limits.timeoutMs);
  });
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  try {
    while (!done) {
      const next = await Promise.race([reader.read(), deadline]);
      done = next.done;
      if (next.value) {
        total += next.value.length;
        if (total > limits.maxBytes) {
          throw new ScrmWebhookError(vendor, "read", "too-large", `body is over ${limits.maxBytes} bytes`);
        }
        chunks.push(next.value);
      }
    }
    return concatBytes(...chunks);
  } finally {
    clearTimeout(timer);
    if (!done) reader.cancel().catch(() => undefined);
  }
}
