/**
 * `@scrm-openapi/core/webhooks/node`: the router on node:http and the shapes Express, Fastify and Koa hand you, and
 * `nodeCrypto`, the receivers' crypto on node:crypto (the `crypto` option; Web Crypto stays the default).
 *
 * A body parser mounted before the receiver (express.json()) has read the stream already: its raw bytes (a Buffer or
 * string, as express.raw() or express.text() leave them) are used, a parsed object is refused with "body-consumed",
 * which says what to do. Reading has a size cap and a deadline, so a receiver never hangs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ScrmWebhookError } from "../errors.js";
import { readRequestBody } from "./read-body.js";
import type { WebhookReply, WebhookRouter } from "./router.js";
import { type BodyLimits, limitsOf } from "./web.js";

export { nodeCrypto } from "./node-crypto.js";
export { readRequestBody } from "./read-body.js";

/** node:http, Express and Connect: `app.post("/callback", createNodeMiddleware(router))`. */
export function createNodeMiddleware<P>(
  router: WebhookRouter<P>,
): (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => Promise<void> {
  const limits = limitsOf(router);
  return async (req, res) => {
    const reply = await answer(router, req, req.body, limits);
    res.writeHead(reply.status, { "content-type": reply.contentType }).end(reply.body);
  };
}

/** Fastify: register a content-type parser with `parseAs: "buffer"` (or none) and route to this handler. */
export function createFastifyHandler<P>(
  router: WebhookRouter<P>,
): (request: { raw: IncomingMessage; body?: unknown }, reply: FastifyReplyLike) => Promise<void> {
  const limits = limitsOf(router);
  return async (request, reply) => {
    const out = await answer(router, request.raw, request.body, limits);
    await reply.code(out.status).header("content-type", out.contentType).send(out.body);
  };
}

/** Koa: `router.post("/callback", createKoaMiddleware(webhooks))`; koa-bodyparser's parsed body is refused. */
export function createKoaMiddleware<P>(
  router: WebhookRouter<P>,
): (ctx: KoaContextLike, next?: () => Promise<unknown>) => Promise<void> {
  const limits = limitsOf(router);
  return async (ctx) => {
    const out = await answer(router, ctx.req, ctx.request.rawBody ?? ctx.request.body, limits);
    ctx.status = out.status;
    ctx.type = out.contentType;
    ctx.body = out.body;
  };
}

export interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: string): unknown;
}

export interface KoaContextLike {
  req: IncomingMessage;
  request: { body?: unknown; rawBody?: unknown };
  status: number;
  type: string;
  body: unknown;
}

async function answer<P>(
  router: WebhookRouter<P>,
  req: IncomingMessage,
  parsed: unknown,
  limits: BodyLimits,
): Promise<WebhookReply> {
  try {
    const method = req.method ?? "POST";
    const body = method === "GET" ? undefined : await bodyOf(router.vendor, req, parsed, limits);
    return await router.receive({
      method,
      query: req.url ?? "",
      headers: req.headers,
      ...(body === undefined ? {} : { body }),
    });
  } catch (error) {
    return router.reject(error);
  }
}

/** The raw body: what a raw/text parser left, else the stream; never an object a JSON parser made of it. */
function bodyOf(
  vendor: string,
  req: IncomingMessage,
  parsed: unknown,
  limits: BodyLimits,
): Promise<Uint8Array | string> {
  if (typeof parsed === "string" || parsed instanceof Uint8Array) return Promise.resolve(parsed);
  const consumed = parsed !== undefined || req.readableEnded || (req as { _body?: unknown })._body === true;
  if (consumed) {
    return Promise.reject(
      new ScrmWebhookError(
        vendor,
        "read",
        "body-consumed",
        'a body parser (express.json(), bodyParser) read the request first: mount the receiver before it, or pass the raw body (express.raw({ type: "*/*" }))',
      ),
    );
  }
  return readRequestBody(req, { vendor, maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs });
}
