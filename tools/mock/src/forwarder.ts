// The drift proxy's leg to the real vendor. Prism (in proxy mode) forwards each request here rather than to the vendor
// itself, because Prism's own upstream call has no deadline and no size cap: a hung vendor connection was never
// closed, a truncated answer held the caller for its whole timeout, and a 50 MB answer grew each process by ~500 MB
// for good. Here every call has a deadline and an idle timeout, an answer is capped while it streams in (and
// checked for nesting before Prism parses it), and a caller that leaves takes its upstream connection with it.
// A failure is answered with `x-drift-proxy-error`, which the tap turns into a 502 naming the reason (no drift).
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { depthBeyond } from "./body-limits.js";

export const ERROR_HEADER = "x-drift-proxy-error";
/** Set by the tap on each call, passed through by Prism, removed here: lets the tap cancel a call whose caller left
 * (Prism does not drop its upstream call when its own caller goes). */
export const CALL_HEADER = "x-drift-proxy-call";

export interface UpstreamLimits {
  /** Whole call, request sent to answer read (default 30 s). */
  deadlineMs: number;
  /** No byte from the vendor for this long ends the call (default 10 s). */
  idleMs: number;
  /** Largest answer passed on to Prism (default 8 MiB). */
  maxAnswerBytes: number;
  /** Deepest JSON nesting passed on to Prism (default 64). */
  maxDepth: number;
}

export const DEFAULT_UPSTREAM_LIMITS: UpstreamLimits = {
  deadlineMs: 30_000,
  idleMs: 10_000,
  maxAnswerBytes: 8 * 1024 * 1024,
  maxDepth: 64,
};

export interface Forwarder {
  /** Where Prism sends its upstream calls: this server, with the vendor URL's base path. */
  url: string;
  /** Ends the vendor call tagged `id` (CALL_HEADER), if it is still running. */
  cancel(id: string): void;
  close(): Promise<void>;
}

/** A loopback server relaying each request to `upstream` within `limits`. */
export async function startForwarder(upstream: URL, limits: UpstreamLimits): Promise<Forwarder> {
  const running = new Map<string, (reason: string) => void>();
  const server: Server = createServer((req, res) => {
    const id = req.headers[CALL_HEADER];
    delete req.headers[CALL_HEADER];
    const fail = relay(req, res, upstream, limits);
    if (typeof id !== "string") return;
    running.set(id, fail);
    res.once("close", () => running.delete(id));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = upstream.pathname.replace(/\/$/, "");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`,
    cancel: (id) => running.get(id)?.("the caller left"),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Relays one call; returns the function that ends it early with a reason. */
function relay(req: IncomingMessage, res: ServerResponse, upstream: URL, limits: UpstreamLimits) {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.once("end", () => call(Buffer.concat(chunks)));
  let out: ReturnType<typeof httpRequest> | undefined;
  let settled = false;
  const fail = (reason: string) => {
    if (settled) return;
    settled = true;
    out?.destroy();
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", [ERROR_HEADER]: reason });
    res.end(reason);
  };
  // Prism (and so the client) gone: the vendor connection goes too.
  res.once("close", () => {
    if (!res.writableFinished) fail("the caller left");
  });
  const deadline = setTimeout(() => fail(`no complete answer within ${limits.deadlineMs} ms`), limits.deadlineMs);
  res.once("close", () => clearTimeout(deadline));

  function call(body: Buffer) {
    if (settled) return;
    const headers = { ...req.headers, host: upstream.host };
    delete headers.connection;
    const send = upstream.protocol === "https:" ? httpsRequest : httpRequest;
    // `agent: false`: one connection per call, closed with it — nothing left open for a vendor that stops answering.
    out = send(new URL(req.url ?? "/", upstream.origin), { method: req.method, headers, agent: false });
    out.setTimeout(limits.idleMs, () => fail(`no byte from the vendor for ${limits.idleMs} ms`));
    out.once("error", (error) => fail(`the vendor connection failed: ${error.message}`));
    out.once("response", (answer) => receive(answer));
    out.end(body);
  }

  function receive(answer: IncomingMessage) {
    const declared = Number(answer.headers["content-length"]);
    if (declared > limits.maxAnswerBytes) return fail(tooLarge(`${declared} bytes`, limits));
    const parts: Buffer[] = [];
    let size = 0;
    answer.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxAnswerBytes) fail(tooLarge(`over ${size} bytes so far`, limits));
      else parts.push(chunk);
    });
    answer.once("aborted", () => fail(truncated(size, declared)));
    answer.once("error", () => fail(truncated(size, declared)));
    answer.once("end", () => {
      if (settled) return;
      if (!answer.complete) return fail(truncated(size, declared));
      const text = Buffer.concat(parts);
      const json = /json/i.test(String(answer.headers["content-type"] ?? ""));
      if (json && depthBeyond(text, limits.maxDepth) !== undefined) {
        return fail(`the vendor's answer nests deeper than ${limits.maxDepth} levels`);
      }
      settled = true;
      const headers = { ...answer.headers, "content-length": String(text.length) };
      delete headers["transfer-encoding"];
      delete headers.connection;
      res.writeHead(answer.statusCode ?? 502, headers).end(text);
    });
  }
  return fail;
}

function tooLarge(size: string, limits: UpstreamLimits): string {
  return `the vendor's answer is ${size}, over the proxy's cap of ${limits.maxAnswerBytes} bytes`;
}

function truncated(size: number, declared: number): string {
  const of = Number.isFinite(declared) ? ` of ${declared}` : "";
  return `the vendor closed the connection after ${size}${of} bytes of its answer`;
}
