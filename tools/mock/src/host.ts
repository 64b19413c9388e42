// The one child process behind `pnpm mock` and `pnpm proxy`: Prism's HTTP server (@stoplight/prism-http-server), one
// per vendor, all in this process. One process loads Prism's modules once (≈2 s of the start-up) instead of once per
// vendor, which is what made four Prism CLIs take 5–20 s on two cores.
//
// Each Prism server listens on a loopback port of its own behind a front (front.ts) on the vendor's port, which
// refuses oversized or too deeply nested bodies before Prism sees them and names what a 401 or 422 is about.
//
// It talks to its launcher over the IPC channel only, and exits when that channel closes — so it dies with the
// launcher however the launcher ends, SIGKILL included (the kernel closes the channel).
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import type { IHttpConfig } from "@stoplight/prism-http";
// A relative import on purpose: esbuild bundles it into the host (packages stay external, and codegen is TypeScript).
import { advisoryOnly } from "../../codegen/src/advisory.js";
import { type BodyLimits, DEFAULT_LIMITS } from "./body-limits.js";
import { requireCached } from "./code-cache.js";
import { defer } from "./defer.js";
import { type BoundFront, bindFront } from "./front.js";
import type * as Prism from "./prism.js";
import { seededAnswers } from "./seeded.js";

export interface HostServer {
  id: string;
  /** Spec root file. */
  root: string;
  host: string;
  /** 0 picks a free port; the host reports the one it got. */
  port: number;
  /** Set for a validating proxy in front of this upstream. */
  upstream?: string;
  /** A mock's seeded answers: the ES module exporting the vendor's `mockData`, and the seed (absent: doc examples). */
  data?: { module: string; seed: number };
}

export interface HostRequest {
  servers: HostServer[];
  /** Prism's log level: "error" (quiet) or "info" (every request, every violation). */
  logLevel: "error" | "warn" | "info" | "debug";
  /** Request-body limits the fronts enforce (default DEFAULT_LIMITS). */
  limits?: BodyLimits;
  /** Prism bundled whole (prism-bundle.ts): the file the host loads Prism from. */
  prism: string;
}

export type HostMessage =
  | { type: "listening"; id: string; port: number; routes?: Route[] }
  | { type: "failed"; id: string; message: string }
  | { type: "closed"; id: string };

export type LauncherMessage = { type: "close"; id: string };

/** An operation as Prism parsed it: what a validating proxy names drifts by (drift.ts, routesOf). */
export interface Route {
  method: string;
  /** The path template, {param} segments and all. */
  path: string;
  operationId: string;
}

const require = createRequire(import.meta.url);
type PrismServer = ReturnType<typeof Prism.createServer>;
type Operations = Awaited<ReturnType<typeof Prism.getHttpOperationsFromSpec>>;
type Served = { prism: PrismServer; front: Server };
const send = (message: HostMessage) => process.send?.(message);

async function main(request: HostRequest): Promise<void> {
  const servers = new Map<string, Served>();
  process.on("message", async (message: LauncherMessage) => {
    if (message.type !== "close") return;
    const served = servers.get(message.id);
    if (served) {
      served.front.closeAllConnections();
      await new Promise((resolve) => served.front.close(resolve));
      await served.prism.close();
    }
    servers.delete(message.id);
    send({ type: "closed", id: message.id });
    if (servers.size === 0) process.exit(0);
  });

  // Every vendor's port first: a busy one fails the start before Prism's modules are loaded (~2 s of CPU).
  const what = (spec: HostServer) => `${spec.upstream ? "proxy" : "mock"} ${spec.id}`;
  const fronts = await Promise.all(
    request.servers.map((spec) =>
      bindFront(spec.host, spec.port).catch((error: NodeJS.ErrnoException) => {
        const message =
          error.code === "EADDRINUSE"
            ? `${spec.host}:${spec.port} is already in use (another \`pnpm mock\` running?)`
            : error.message;
        send({ type: "failed", id: spec.id, message: `${what(spec)}: ${message}` });
      }),
    ),
  );
  if (fronts.includes(undefined)) return; // the launcher, told, stops this host

  // Prism is CommonJS, bundled whole and loaded from V8's code cache; the `type` imports above stay type-only.
  deferUnused();
  const bundle = requireCached<typeof Prism>(request.prism);
  const { createServer, getHttpOperationsFromSpec, createLogger } = bundle.exports;
  // A spec served twice (test files that share a host, each with servers of its own) is parsed once, and its servers
  // share the operations: Prism caches each schema's compiled validator by the schema object.
  // Nothing mutates them; each server's seeded data is its own (seededAnswers).
  const parsed = new Map<string, Promise<Operations>>();
  const parse = (root: string) => {
    const operations = parsed.get(root) ?? getHttpOperationsFromSpec(root).then(advisoryOnly);
    parsed.set(root, operations);
    return operations;
  };

  await Promise.all(
    request.servers.map(async (spec, i) => {
      const front = fronts[i] as BoundFront;
      try {
        // Constraints the source does not state (x-inferred) are advisory: Prism never answers 422 on one.
        const operations = await parse(spec.root);
        const logger = createLogger(spec.id, { level: request.logLevel }, logLines(spec.id));
        const mock = { dynamic: false, ignoreExamples: false };
        const shared = {
          validateRequest: true,
          validateResponse: true,
          checkSecurity: true,
          errors: false,
          mock,
          upstreamProxy: undefined,
        };
        const config: IHttpConfig = spec.upstream
          ? { ...shared, isProxy: true, upstream: new URL(spec.upstream) }
          : { ...shared, isProxy: false };
        const prism = createServer(operations, { cors: true, config, components: { logger } });
        const address = await prism.listen(0, "127.0.0.1");
        const limits = request.limits ?? DEFAULT_LIMITS;
        const seeded = spec.data && !spec.upstream ? await loadSeeded(spec.data, operations) : undefined;
        const target = Number(new URL(address).port);
        front.serve({ target, limits, operations, ...(seeded ? { seeded } : {}) });
        servers.set(spec.id, { prism, front: front.server });
        // A proxy's launcher names each drift's operation: it gets them from here, not from a spec parse of its own.
        const routes = spec.upstream ? routesOf(operations) : undefined;
        send({ type: "listening", id: spec.id, port: front.port, ...(routes ? { routes } : {}) });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        send({ type: "failed", id: spec.id, message: `${what(spec)}: ${message}` });
      }
    }),
  );
  try {
    bundle.save();
  } catch {
    // a cache that cannot be written (a read-only checkout) only means the next start compiles again
  }
}

/**
 * Two of Prism's dependencies are loaded at start-up for what the host never does, and cost more than half of the
 * ~1.8 CPU-s Prism's modules take to load: @faker-js/faker (~1,900 modules, for json-schema-faker's `x-faker`,
 * which Prism adds for OpenAPI callbacks alone) and postman-collection (~200 more with its own faker, for Postman
 * collections as specs). Each, as its requirer resolves it, is pre-cached as a stand-in that loads the real module on
 * first use: a callback or a collection still gets the real one. The Prism bundle requires each by that same
 * absolute path (prism-bundle.ts), so it gets the stand-in.
 */
function deferUnused(): void {
  const fromPrism = createRequire(require.resolve("@stoplight/prism-http"));
  defer(fromPrism, "@faker-js/faker");
  defer(createRequire(fromPrism.resolve("@stoplight/http-spec")), "postman-collection");
}

const routesOf = (operations: Operations): Route[] =>
  operations.flatMap((op) => (op.iid ? [{ method: op.method, path: op.path, operationId: op.iid }] : []));

/** The seeded answers of a vendor's generated mock data (tools/mock builds the module from its mocks.ts). */
async function loadSeeded(data: NonNullable<HostServer["data"]>, operations: Parameters<typeof seededAnswers>[2]) {
  const { mockData } = (await import(pathToFileURL(data.module).href)) as {
    mockData: Parameters<typeof seededAnswers>[0];
  };
  return seededAnswers(mockData, data.seed, operations);
}

/** Prism logs pino JSON; print one short line per entry, prefixed with the vendor. */
function logLines(id: string): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; input?: { method?: string; url?: { path?: string } } };
          // As Prism's CLI prints it: the request an entry is about, then the message.
          const about = entry.input ? `${entry.input.method?.toUpperCase()} ${entry.input.url?.path} ` : "";
          process.stdout.write(`[${id}] ${about}${entry.msg ?? line}\n`);
        } catch {
          process.stdout.write(`[${id}] ${line}\n`);
        }
      }
      done();
    },
  });
}

// The launcher gone (any signal, SIGKILL included): nothing left to serve for.
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
// Ctrl-C reaches the whole foreground group: the launcher decides when this process stops.
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});

const raw = process.argv[2];
if (!raw || !process.send) {
  console.error("mock host: start it through startMocks() (it needs its launcher's IPC channel)");
  process.exit(2);
}
await main(JSON.parse(raw) as HostRequest);
