// pnpm proxy <vendor> --upstream <url>: Prism as a validating proxy in front of a real vendor, with a tap in front of
// Prism that turns each `sl-violations` header into a drift report — operation, field, expected, actual.
//
//   client → tap (this file) → Prism host (validates) → forwarder (forwarder.ts: deadline, size cap) → vendor
//
// The tap caps request bodies like the mock does, drops Prism's leg when its caller leaves, and stops — settling
// `ended` — when its Prism host dies, instead of answering 502 for ever.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_LIMITS, readLimitedBody, sendProblem } from "./body-limits.js";
import { type Drift, driftsOf, routesOf } from "./drift.js";
import {
  CALL_HEADER,
  DEFAULT_UPSTREAM_LIMITS,
  ERROR_HEADER,
  type Forwarder,
  startForwarder,
  type UpstreamLimits,
} from "./forwarder.js";
import { findVendor, type MockHost, startHost } from "./index.js";

export type { Drift } from "./drift.js";
export { DEFAULT_UPSTREAM_LIMITS } from "./forwarder.js";

export interface DriftProxy {
  url: string;
  /** Every distinct drift seen so far. */
  drifts: Drift[];
  /** The Prism host's pid (it validates every exchange). */
  hostPid: number;
  /** Settles with the reason when the proxy stops by itself (its Prism host died); never after stop(). */
  ended: Promise<string>;
  stop(): Promise<void>;
}

export interface DriftProxyOptions {
  vendor: string;
  upstream: string;
  /** Where the proxy listens; 0 picks a free port. Default: the vendor's mock port + 100. */
  port?: number;
  host?: string;
  /** Called for every new drift (the CLI prints it). */
  onDrift?: (drift: Drift) => void;
  /** Deadline, idle timeout and size cap of the vendor's answers (default DEFAULT_UPSTREAM_LIMITS). */
  limits?: Partial<UpstreamLimits>;
}

export async function startDriftProxy(options: DriftProxyOptions): Promise<DriftProxy> {
  const info = await findVendor(options.vendor);
  const host = options.host ?? "127.0.0.1";
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") {
    throw new Error(`proxy ${info.id}: --upstream must be an http(s) URL, got ${upstream.protocol}`);
  }
  const limits = { ...DEFAULT_UPSTREAM_LIMITS, ...options.limits };
  const forwarder = await startForwarder(upstream, limits);
  const prism = await startHost([
    { vendor: info, id: info.id, root: info.root, host, port: 0, upstream: forwarder.url },
  ]).catch(async (error: unknown) => {
    await forwarder.close();
    throw error;
  });
  const prismPort = prism.servers[0]?.port;
  // The operations as the host's Prism parsed them: no second parse of the spec here.
  const parsed = prism.routes.get(info.id);
  if (prismPort === undefined || !parsed) {
    await prism.stop();
    await forwarder.close();
    throw new Error(`proxy ${info.id}: its Prism host started no server`);
  }
  const routes = routesOf(parsed);
  const tap = new Tap(`http://${host}:${prismPort}`, forwarder, routes, limits, options.onDrift);
  const server: Server = createServer((req, res) => void tap.serve(req, res));
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await forwarder.close();
  };
  const port = options.port === 0 ? 0 : (options.port ?? info.mockPort + 100);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  }).catch(async (error: unknown) => {
    await prism.stop();
    await forwarder.close();
    throw error;
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    drifts: tap.drifts,
    hostPid: prism.pid,
    ended: endedWith(prism, close),
    async stop() {
      await close();
      await prism.stop();
    },
  };
}

/** Settles once the host ends by itself, after closing the tap: a proxy without its validator is no proxy. */
async function endedWith(prism: MockHost, close: () => Promise<void>): Promise<string> {
  const exit = await prism.exited;
  if (exit.stopped) return new Promise(() => {});
  await close();
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return `its Prism host (pid ${prism.pid}) ended (${how})`;
}

class Tap {
  readonly drifts: Drift[] = [];
  readonly #seen = new Set<string>();
  #calls = 0;

  constructor(
    readonly prismUrl: string,
    readonly forwarder: Forwarder,
    readonly routes: (method: string, path: string) => string,
    readonly limits: UpstreamLimits,
    readonly onDrift: ((drift: Drift) => void) | undefined,
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readLimitedBody(req, DEFAULT_LIMITS).catch(() => undefined);
    if (!read) return void res.destroy();
    if ("problem" in read) return sendProblem(res, read.problem);
    const url = new URL(req.url ?? "/", "http://proxy");
    const method = (req.method ?? "GET").toUpperCase();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    }
    // The caller leaving ends the Prism leg and (tagged, since Prism would not) the vendor call; the deadline is
    // a last resort, the forwarder answers first.
    const id = String(++this.#calls);
    headers.set(CALL_HEADER, id);
    const abort = new AbortController();
    res.once("close", () => {
      if (res.writableFinished) return;
      abort.abort();
      this.forwarder.cancel(id);
    });
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(this.limits.deadlineMs + 5_000)]);
    try {
      const answer = await fetch(`${this.prismUrl}${url.pathname}${url.search}`, {
        method,
        headers,
        ...(read.body.length > 0 ? { body: new Uint8Array(read.body) } : {}),
        redirect: "manual",
        signal,
      });
      const text = await answer.text();
      const failure = answer.headers.get(ERROR_HEADER);
      if (failure) return void res.writeHead(502, { "content-type": "text/plain" }).end(`drift proxy: ${failure}`);
      this.#report(
        { method, url, requestHeaders: req.headers, requestBody: read.body.toString("utf8"), responseBody: text },
        answer.headers.get("sl-violations"),
      );
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection") out[name] = value;
      });
      res.writeHead(answer.status, out).end(text);
    } catch (error) {
      if (res.destroyed) return;
      res.writeHead(502, { "content-type": "text/plain" }).end(`drift proxy: ${(error as Error).message}`);
    }
  }

  #report(exchange: Omit<Parameters<typeof driftsOf>[0], "violationsHeader">, header: string | null): void {
    if (!header) return;
    const operationId = this.routes(exchange.method, exchange.url.pathname);
    for (const drift of driftsOf({ ...exchange, violationsHeader: header }, operationId)) {
      const key = `${drift.method} ${drift.path} ${drift.field} ${drift.expected}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.drifts.push(drift);
      this.onDrift?.(drift);
    }
  }
}
