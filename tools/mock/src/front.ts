// The server a `pnpm mock` user talks to, in the host process in front of each Prism server (which listens on a
// loopback port of its own): bodies over the size or nesting limits are refused here (413/422) before Prism parses
// and logs them, and Prism's bare 401 and 422 answers are completed with the header or field they are about.
import {
  Agent,
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { type BodyLimits, readLimitedBody, sendProblem } from "./body-limits.js";
import {
  describeMissing,
  describeRequirement,
  findOperation,
  missingCredentials,
  type SecuredOperation,
} from "./security.js";
import type { SeededAnswers } from "./seeded.js";

interface FrontOptions {
  /** Prism's own loopback port. */
  target: number;
  limits: BodyLimits;
  operations: readonly SecuredOperation[];
  /** The seeded dataset's answer to a request Prism accepted (absent: Prism's doc examples, or a proxy). */
  seeded?: SeededAnswers;
}

export interface BoundFront {
  server: Server;
  port: number;
  /** Starts answering, in front of the Prism server `options.target`; requests that came before wait until then. */
  serve(options: FrontOptions): void;
}

/**
 * Binds the front's port (0 picks a free one) before Prism is loaded, so that a busy port fails at once instead of
 * after Prism's ~2 s of start-up; rejects with the listen error. The host exits when it cannot serve, which ends any
 * request waiting here.
 */
export async function bindFront(host: string, port: number): Promise<BoundFront> {
  const agent = new Agent({ keepAlive: true });
  let ready: (options: FrontOptions) => void = () => {};
  const served = new Promise<FrontOptions>((resolve) => {
    ready = resolve;
  });
  const server = createServer((req, res) => {
    void served
      .then((options) => serve(req, res, options, agent))
      .catch((error: unknown) => {
        if (!res.headersSent && !req.destroyed) sendProblem(res, badGateway(error));
        else res.destroy();
      });
  });
  server.once("close", () => agent.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port, serve: ready };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: FrontOptions, agent: Agent): Promise<void> {
  const read = await readLimitedBody(req, options.limits);
  if ("problem" in read) return sendProblem(res, read.problem, cors(req));
  const answer = await forward(req, read.body, options.target, agent, res);
  if (answer === undefined) return; // the caller left
  const status = answer.statusCode ?? 502;
  const problemJson = /problem\+json/.test(String(answer.headers["content-type"] ?? ""));
  if (problemJson && (status === 401 || status === 422)) {
    const text = await readAll(answer);
    const detailed = status === 401 ? explain401(text, req, options.operations) : explain422(text);
    const headers: OutgoingHttpHeaders = { ...answer.headers, "content-length": Buffer.byteLength(detailed) };
    delete headers["transfer-encoding"];
    res.writeHead(status, headers).end(detailed);
    return;
  }
  const seeded = status === 200 ? options.seeded?.(req, read.body) : undefined;
  if (seeded) {
    answer.resume(); // Prism's doc example, not needed
    const text = JSON.stringify(seeded.body);
    const type = seeded.status === 200 ? "application/json" : "application/problem+json";
    res.writeHead(seeded.status, { ...cors(req), "content-type": type, "content-length": Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(status, answer.rawHeaders);
  // Prism's answer cut off half-way (its host dying): the caller's connection is cut too, never left hanging.
  answer.once("error", () => res.destroy());
  answer.once("aborted", () => res.destroy());
  answer.pipe(res);
}

/** Sends the request on to Prism; undefined when the caller hangs up first (the request to Prism is dropped too). */
function forward(
  req: IncomingMessage,
  body: Buffer,
  target: number,
  agent: Agent,
  res: ServerResponse,
): Promise<IncomingMessage | undefined> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    if (body.length > 0 || headers["content-length"] !== undefined) headers["content-length"] = String(body.length);
    delete headers["transfer-encoding"];
    const out = request({ host: "127.0.0.1", port: target, method: req.method, path: req.url, headers, agent });
    out.once("response", resolve);
    out.once("error", reject);
    res.once("close", () => {
      if (!res.writableFinished) {
        out.destroy();
        resolve(undefined);
      }
    });
    out.end(body);
  });
}

function readAll(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.once("error", reject);
  });
}

interface ProblemBody {
  title?: string;
  detail?: string;
  validation?: { location?: string[]; message?: string }[];
  [key: string]: unknown;
}

function parseProblem(text: string): ProblemBody | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as ProblemBody) : undefined;
  } catch {
    return undefined;
  }
}

/** Prism's 401 names no credential: say which the operation's security requirement misses. */
function explain401(text: string, req: IncomingMessage, operations: readonly SecuredOperation[]): string {
  const problem = parseProblem(text);
  const url = new URL(req.url ?? "/", "http://mock");
  const operation = findOperation(operations, req.method ?? "GET", url.pathname);
  if (!problem || !operation) return text;
  const [fewest] = missingCredentials(operation, req.headers, url.searchParams);
  if (!fewest) return text;
  const missing = describeMissing(fewest);
  return JSON.stringify({
    ...problem,
    title: `Missing ${missing}`,
    detail: `${req.method} ${url.pathname} requires ${describeRequirement(operation)}; this request lacks ${missing}.`,
    missing: fewest,
  });
}

/** Prism's 422 detail is generic; the violations it lists say which field: put them in the detail too. */
function explain422(text: string): string {
  const problem = parseProblem(text);
  const messages = (problem?.validation ?? []).map((v) => v.message).filter((m): m is string => Boolean(m));
  if (!problem || messages.length === 0) return text;
  return JSON.stringify({ ...problem, detail: messages.join("; ") });
}

function cors(req: IncomingMessage): Record<string, string> {
  return { "access-control-allow-origin": req.headers.origin ?? "*", "access-control-allow-credentials": "true" };
}

function badGateway(error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    status: 502,
    type: "urn:scrm-openapi:mock:prism-unreachable",
    title: "Prism did not answer",
    detail: `The mock's Prism server did not answer: ${reason}`,
    location: [],
  };
}
