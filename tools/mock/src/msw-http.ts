// MSW handlers over plain HTTP (`pnpm mock --msw`), for frontends that cannot run a service worker or are not
// JavaScript: a node:http server hands each request to msw's getResponse, rewritten onto the origin the handlers
// answer on. The same handlers, store and scenarios as in the browser; no Prism, so it starts in well under a second.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RequestHandler } from "msw";
import { type BodyLimits, readLimitedBody, sendProblem } from "./body-limits.js";
import type { MockServer } from "./index.js";
import { chooseVendors, repoRoot } from "./vendors.js";

interface MswHttpOptions {
  /** The origin the handlers answer on (a mock's `baseUrl`; `"*"` for any). */
  baseUrl: string;
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** One line per request (`--verbose`). */
  onLog?: (line: string) => void;
  /** Prefix of the log lines. */
  name?: string;
  /** Body size and nesting limits (the mocks' own `limits`). */
  limits: BodyLimits;
}

interface MswHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `handlers` on host:port. A request no handler answers gets a 404 naming it. CORS is open, as in Prism. */
async function serveHandlers(handlers: readonly RequestHandler[], options: MswHttpOptions): Promise<MswHttpServer> {
  const host = options.host ?? "127.0.0.1";
  // Loaded here, not at the top: the launcher bundles this module, and a Prism-only `pnpm mock` never needs msw.
  const { getResponse } = await import("msw");
  const server: Server = createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`msw mock: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const origin = () => `http://${host}:${(server.address() as AddressInfo).port}`;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = {
      "access-control-allow-origin": req.headers.origin ?? "*",
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "*",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      });
      res.end();
      return;
    }
    // The same limits and answers as in front of Prism; the handlers' own guard would answer alike, but only after
    // the whole body is in memory.
    const read = await readLimitedBody(req, options.limits);
    if ("problem" in read) return sendProblem(res, read.problem, cors);
    const body = read.body;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === "host" || name === "connection") continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const target = new URL(req.url ?? "/", options.baseUrl === "*" ? origin() : options.baseUrl);
    if (options.baseUrl !== "*") {
      // Keep the base URL's own path prefix in front of the request's path.
      target.pathname = `${new URL(options.baseUrl).pathname.replace(/\/$/, "")}${new URL(req.url ?? "/", "http://x").pathname}`;
    }
    const method = req.method ?? "GET";
    const request = new Request(target, {
      method,
      headers,
      ...(body.length > 0 && method !== "GET" && method !== "HEAD" ? { body: new Uint8Array(body) } : {}),
    });
    const response = await getResponse([...handlers], request);
    const out = response ?? new Response(`no mock for ${method} ${target.pathname}`, { status: 404 });
    options.onLog?.(
      `[${options.name ?? "msw"}] ${method} ${target.pathname} → ${out.status}${response ? "" : " (no handler)"}`,
    );
    const outHeaders: Record<string, string> = { ...cors };
    out.headers.forEach((value, name) => {
      if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection") outHeaders[name] = value;
    });
    res.writeHead(out.status, outHeaders).end(Buffer.from(await out.arrayBuffer()));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `mock ${options.name ?? "msw"}: ${host}:${options.port} is already in use (another \`pnpm mock\` running?)`,
            )
          : error,
      ),
    );
    server.listen(options.port, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a vendor package's `./msw` entry exports, as far as this server needs it. */
interface VendorMocksLike {
  baseUrl: string;
  handlers: RequestHandler[];
  limits: { maxBodyBytes: number; maxJsonDepth: number };
}

/**
 * The vendor's mocks, from its package's src/msw.ts. Imported by path: tools/mock cannot depend on the vendor
 * packages (they depend on it for their contract tests), and tsx or vitest load the TypeScript source directly.
 */
async function loadVendorMocks(vendor: string): Promise<VendorMocksLike> {
  const module = (await import(pathToFileURL(join(repoRoot, "packages", vendor, "src", "msw.ts")).href)) as Record<
    string,
    unknown
  >;
  const factory = Object.entries(module).find(
    ([name, value]) => /^create\w+Mocks$/.test(name) && typeof value === "function",
  );
  if (!factory) throw new Error(`mock --msw: packages/${vendor}/src/msw.ts exports no create…Mocks()`);
  return (factory[1] as () => VendorMocksLike)();
}

/** `pnpm mock --msw`: every chosen vendor's MSW handlers on its fixed port (or a free one with `port: 0`). */
export async function startMswServers(
  vendors: string[],
  options: { host?: string; port?: number; timeoutMs?: number; verbose?: boolean; onLog?: (line: string) => void } = {},
): Promise<{ servers: MockServer[]; stop(): Promise<void> }> {
  const chosen = await chooseVendors(vendors);
  const started: MswHttpServer[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => s.close()));
  };
  // allSettled: a vendor that fails must not leave the others listening.
  const start = Promise.allSettled(
    chosen.map(async (vendor): Promise<MockServer> => {
      const mocks = await loadVendorMocks(vendor.id);
      const server = await serveHandlers(mocks.handlers, {
        baseUrl: mocks.baseUrl,
        limits: { maxBodyBytes: mocks.limits.maxBodyBytes, maxDepth: mocks.limits.maxJsonDepth },
        port: options.port ?? vendor.mockPort,
        name: vendor.id,
        ...(options.host ? { host: options.host } : {}),
        ...(options.verbose && options.onLog ? { onLog: options.onLog } : {}),
      });
      started.push(server);
      return { vendor: vendor.id, name: vendor.name, url: server.url, port: server.port, stop: server.close };
    }),
  ).then((settled) => {
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<MockServer>).value);
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const servers = await Promise.race([
      start,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`mock --msw: not listening after ${timeoutMs} ms (--timeout)`)),
          timeoutMs,
        );
      }),
    ]);
    return { servers, stop };
  } catch (error) {
    // Whatever starts after a timeout is closed as soon as it does.
    void start.then(stop, stop);
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
