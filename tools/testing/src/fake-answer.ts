// A FakeVendor's requests and answers, and their conversion to and from the in-process fetch.
import type { ServerResponse } from "node:http";
import type { FakeRequest } from "./fake-auth.js";

/** An answer: a JSON body (with status/headers), or raw text; "hold" keeps the request waiting for release(). */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type Route = (req: FakeRequest) => FakeAnswer | "hold" | undefined | Promise<FakeAnswer | "hold" | undefined>;
/** Writes the answer itself (status, raw bytes, a dropped socket): HTTP only. */
export type Handler = (req: FakeRequest, res: ServerResponse) => void;

export function seen(method: string, url: URL, headers: Record<string, string>, bytes: Buffer): FakeRequest {
  const body = bytes.toString("utf8");
  return { method, path: url.pathname, query: url.searchParams, headers, body, bytes, verdict: "ok" };
}

export function toResponse(answer: FakeAnswer | undefined): Response {
  if (!answer) throw new Error("FakeVendor: no answer");
  const text = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
  const headers = new Headers(answer.headers);
  if (answer.json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const status = answer.status ?? 200;
  // A Response cannot be built with a status outside 200–599; those only ever come over HTTP (use listen()).
  return new Response(status === 204 || status === 304 ? null : text, { status, headers });
}
