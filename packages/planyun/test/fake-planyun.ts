import { createServer, type ServerResponse } from "node:http";
import type { FetchedToken } from "@scrm-openapi/core";
import { json, listenLocal, readBody } from "@scrm-openapi/testing";

export { json };

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The Authorization header as received. */
  authorization: string | undefined;
  body: string;
}

/** A real local HTTP server standing in for Planyun, scripted per test. */
export interface FakePlanyun {
  url: string;
  /** Every request seen. */
  requests: SeenRequest[];
  /** Bearer tokens the fake accepts; any other request is answered by `unauthorized`. */
  validTokens: Set<string>;
  /** Answer for a request with an accepted token; default `{code: 0, msg: "ok"}`. */
  handle: (req: SeenRequest & { token: string }, res: ServerResponse) => void;
  /**
   * Answer for a missing or unknown token. Planyun documents neither status nor body for this; the default is
   * HTTP 401 with a `{code, msg}` body (the runtime acts on the status; the code is the fake's own).
   */
  unauthorized: (req: SeenRequest, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** The caller's side of auth: a getAccessToken() that mints tokens the fake accepts, and counts its calls. */
export interface TokenSource {
  getAccessToken: () => Promise<string | FetchedToken>;
  calls: number;
  issued: string[];
}

/** Tokens are long enough for the runtime's redactor (it masks values of 6+ characters). */
export function tokenSource(fake: FakePlanyun, lifetime?: { expiresIn: number }): TokenSource {
  const source: TokenSource = {
    calls: 0,
    issued: [],
    getAccessToken: async () => {
      const n = ++source.calls;
      const token = `py-tok-${n}-${"k".repeat(24)}`;
      source.issued.push(token);
      fake.validTokens.add(token);
      // Let concurrent callers pile up on the same fetch.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return lifetime ? { accessToken: token, expiresIn: lifetime.expiresIn } : token;
    },
  };
  return source;
}

export async function startFakePlanyun(): Promise<FakePlanyun> {
  const fake: FakePlanyun = {
    url: "",
    requests: [],
    validTokens: new Set(),
    handle: (_req, res) => json(res, { code: 0, msg: "ok" }),
    unauthorized: (_req, res) => json(res, { code: 401, msg: "unauthorized" }, 401),
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const seen: SeenRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: (await readBody(req)).toString("utf8"),
    };
    fake.requests.push(seen);
    const token = /^Bearer (.+)$/.exec(seen.authorization ?? "")?.[1];
    if (token === undefined || !fake.validTokens.has(token)) {
      fake.unauthorized(seen, res);
      return;
    }
    fake.handle({ ...seen, token }, res);
  });
  const local = await listenLocal(server);
  fake.url = local.url;
  fake.close = local.close;
  return fake;
}
