// Request-body limits checked before a body reaches Prism (or any handler): size while it streams in, JSON nesting by
// one linear scan. Prism's own reader allows 10 MB and its logger recurses through the parsed body, so one 20 KB body
// of 10,000 nested arrays overflowed the host's stack and ended the mock for every vendor.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface BodyLimits {
  /** Largest body accepted, in bytes (default 1 MiB: a vendor payload is kilobytes; a batch of thousands fits). */
  maxBodyBytes: number;
  /** Deepest JSON nesting accepted (default 64; vendor payloads nest fewer than ten levels). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: BodyLimits = { maxBodyBytes: 1024 * 1024, maxDepth: 64 };

/** An answer in Prism's problem+json shape, `validation` naming where the request went wrong. */
export interface Problem {
  status: number;
  /** Problem type: a URN of this tool (Prism's own 4xx keep Prism's type URLs). */
  type: string;
  title: string;
  detail: string;
  location: string[];
}

export type ReadResult = { body: Buffer } | { problem: Problem };

/**
 * Reads a request body, refusing (413) as soon as it passes `maxBodyBytes` — a declared Content-Length over the cap is
 * refused before any byte is read — and (422) JSON that nests deeper than `maxDepth`.
 */
export function readLimitedBody(req: IncomingMessage, limits: BodyLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limits.maxBodyBytes) {
    discard(req, limits);
    return Promise.resolve({ problem: tooLarge(declared, limits) });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limits.maxBodyBytes) return void chunks.push(chunk);
      req.off("data", onData);
      req.off("end", onEnd);
      discard(req, limits);
      resolve({ problem: tooLarge(size, limits, "at least ") });
    };
    const onEnd = () => {
      const body = Buffer.concat(chunks);
      const depth = isJson(req) ? depthBeyond(body, limits.maxDepth) : undefined;
      resolve(depth === undefined ? { body } : { problem: tooDeep(limits) });
    };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", reject);
    // A caller that hangs up half-way: no "end" will come.
    req.once("close", () => {
      if (!req.complete) reject(new Error("the caller left before sending the whole body"));
    });
  });
}

/**
 * Reads and drops the rest of a refused body, so that a client still sending reads the 413 instead of a reset
 * (closing at once made fetch fail with EPIPE); past 16 times the cap the connection is dropped instead.
 */
function discard(req: IncomingMessage, limits: BodyLimits): void {
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > 16 * limits.maxBodyBytes) req.destroy();
  });
  req.resume();
}

function tooLarge(size: number, limits: BodyLimits, prefix = ""): Problem {
  return {
    status: 413,
    type: "urn:scrm-openapi:mock:body-too-large",
    title: "Request body too large",
    detail: `The body is ${prefix}${size} bytes; the mock accepts at most ${limits.maxBodyBytes} bytes.`,
    location: ["body"],
  };
}

function tooDeep(limits: BodyLimits): Problem {
  return {
    status: 422,
    type: "urn:scrm-openapi:mock:body-too-deep",
    title: "Request body nested too deeply",
    detail: `The JSON body nests deeper than ${limits.maxDepth} levels of arrays and objects, the most the mock accepts.`,
    location: ["body"],
  };
}

function isJson(req: IncomingMessage): boolean {
  return /[/+]json\b/i.test(req.headers["content-type"] ?? "");
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * The nesting depth at which `bytes` (JSON text) first goes deeper than `max`, or undefined when it never does. One
 * pass, no recursion, no parse: brackets inside strings do not count. Malformed JSON is left to the validator.
 */
export function depthBeyond(bytes: Uint8Array, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0; // i < length: always a byte
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > max) return depth;
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return undefined;
}

/** Writes a problem+json answer shaped like Prism's own (type, title, status, detail, validation). */
export function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    validation: [
      { location: problem.location, severity: "Error", code: String(problem.status), message: problem.detail },
    ],
  });
  res.writeHead(problem.status, { ...headers, "content-type": "application/problem+json" }).end(body);
}
