// pnpm proxy <vendor> --upstream <url>: Prism as a validating proxy in front of a real vendor, with a tap in front of
// Prism that turns each `sl-violations` header into a drift report — operation, field, expected, actual.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bundleSpec } from "@scrm-openapi/codegen";
import { findVendor, startHost } from "./index.js";

export interface Drift {
  operationId: string;
  method: string;
  /** The path as called, without its query (tokens travel there). */
  path: string;
  /** Where the spec and the wire differ, e.g. "response.body.sea_list.0.name". */
  field: string;
  /** What the spec says, in Prism's words ("Response body property sea_list.0.name must be string"). */
  expected: string;
  /** The value seen on the wire there (JSON, cut at 80 characters), when the body holds one. */
  actual: string | undefined;
}

export interface DriftProxy {
  url: string;
  /** Every distinct drift seen so far. */
  drifts: Drift[];
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
}

interface Violation {
  location?: string[];
  message?: string;
}

export async function startDriftProxy(options: DriftProxyOptions): Promise<DriftProxy> {
  const info = await findVendor(options.vendor);
  const host = options.host ?? "127.0.0.1";
  const upstream = new URL(options.upstream);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") {
    throw new Error(`proxy ${info.id}: --upstream must be an http(s) URL, got ${options.upstream}`);
  }
  const routes = await operationRoutes(info.root);
  const prism = await startHost([
    { vendor: info, id: info.id, root: info.root, host, port: 0, upstream: upstream.href.replace(/\/$/, "") },
  ]);
  const prismPort = prism.servers[0]!.port;
  const stopPrism = () => prism.stop();
  const drifts: Drift[] = [];
  const seen = new Set<string>();

  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const url = new URL(req.url ?? "/", "http://proxy");
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    }
    try {
      const answer = await fetch(`http://${host}:${prismPort}${url.pathname}${url.search}`, {
        method: req.method ?? "GET",
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        redirect: "manual",
      });
      const text = await answer.text();
      const violations = parseViolations(answer.headers.get("sl-violations"));
      if (violations.length > 0) {
        const method = (req.method ?? "GET").toUpperCase();
        const operationId = routes(method, url.pathname);
        for (const v of violations) {
          const field = (v.location ?? []).join(".");
          const drift: Drift = {
            operationId,
            method,
            path: url.pathname,
            field,
            expected: v.message ?? "",
            actual: actualAt(v.location ?? [], text, body.toString("utf8"), url.searchParams),
          };
          const key = `${method} ${url.pathname} ${field} ${drift.expected}`;
          if (seen.has(key)) continue;
          seen.add(key);
          drifts.push(drift);
          options.onDrift?.(drift);
        }
      }
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "content-length" && name !== "transfer-encoding" && name !== "connection") out[name] = value;
      });
      res.writeHead(answer.status, out).end(text);
    } catch (error) {
      res.writeHead(502, { "content-type": "text/plain" }).end(`drift proxy: ${(error as Error).message}`);
    }
  });
  const port = options.port === 0 ? 0 : (options.port ?? info.mockPort + 100);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  }).catch(async (error: unknown) => {
    await stopPrism();
    throw error;
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    drifts,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopPrism();
    },
  };
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseViolations(header: string | null): Violation[] {
  if (!header) return [];
  try {
    const list = JSON.parse(header) as unknown;
    return Array.isArray(list) ? (list as Violation[]) : [];
  } catch {
    return [];
  }
}

/** The value at a violation's location: response/request body (JSON) or a query parameter. */
function actualAt(location: string[], response: string, request: string, query: URLSearchParams): string | undefined {
  const [side, part, ...rest] = location;
  let value: unknown;
  if (part === "body") {
    try {
      value = JSON.parse(side === "response" ? response : request);
    } catch {
      return undefined;
    }
    for (const key of rest)
      value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  } else if (side === "request" && part === "query" && rest[0]) {
    // Token parameters are never echoed.
    value = /token|secret|key|sign/i.test(rest[0]) ? "[redacted]" : (query.get(rest[0]) ?? undefined);
  } else {
    return undefined;
  }
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

/** method + called path → operationId, matching the spec's path templates ({param} segments). */
async function operationRoutes(specRoot: string): Promise<(method: string, path: string) => string> {
  const doc = await bundleSpec(specRoot);
  const routes: { method: string; pattern: RegExp; operationId: string }[] = [];
  for (const [template, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    const pattern = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, "[^/]+")}$`,
    );
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = item[method] as { operationId?: string } | undefined;
      if (op?.operationId) routes.push({ method: method.toUpperCase(), pattern, operationId: op.operationId });
    }
  }
  return (method, path) =>
    routes.find((r) => r.method === method && r.pattern.test(path))?.operationId ?? `${method} ${path}`;
}
