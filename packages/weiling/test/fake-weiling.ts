import { createServer, type ServerResponse } from "node:http";
import { json, listenLocal, readBody } from "@scrm-openapi/testing";

export { json };

/** A real local HTTP server standing in for Weiling, scripted per test. */
export interface FakeWeiling {
  url: string;
  tokenRequests: number;
  /** Every request seen: method, path, query, body. */
  requests: { method: string; path: string; query: URLSearchParams; body: string }[];
  /** Answer for API calls (not the token call); default: a `{code: 0}` envelope with an empty contact page. */
  handle: (req: { method: string; path: string; query: URLSearchParams; body: string }, res: ServerResponse) => void;
  /** Answer for a token call with the right credentials; default: `{code: 0, data: {access_token}}` after 20 ms. */
  issueToken: (res: ServerResponse) => void;
  /** The token the next token request hands out. */
  nextToken: () => string;
  close(): Promise<void>;
}

export const TOKEN_PATH = "/openapi/auth/access_token/get";
export const APP_ID = "wl-fake-app-0001";
export const APP_SECRET = "s3cr3t-weiling-app-secret-value";

export async function startFakeWeiling(): Promise<FakeWeiling> {
  let issued = 0;
  const fake: FakeWeiling = {
    url: "",
    tokenRequests: 0,
    requests: [],
    nextToken: () => `wltok-${++issued}-${"x".repeat(24)}`,
    // Give concurrent callers time to pile up on the same refresh.
    issueToken: (res) =>
      setTimeout(() => json(res, { code: 0, msg: "success", data: { access_token: fake.nextToken() } }), 20),
    handle: (_req, res) => json(res, { code: 0, msg: "success", data: { cursor: "", contact_list: [] } }),
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = (await readBody(req)).toString("utf8");
    const seen = { method: req.method ?? "", path: url.pathname, query: url.searchParams, body };
    fake.requests.push(seen);
    if (url.pathname === TOKEN_PATH) {
      fake.tokenRequests++;
      const q = url.searchParams;
      if (req.method !== "GET" || q.get("app_id") !== APP_ID || q.get("app_secret") !== APP_SECRET) {
        // Which code Weiling answers for bad credentials is undocumented; the fake uses 403 (无访问权限) and echoes
        // the secret it was sent, so the tests can prove the client masks it.
        json(res, { code: 403, msg: `无访问权限 app_secret=${q.get("app_secret")}` });
        return;
      }
      fake.issueToken(res);
      return;
    }
    fake.handle(seen, res);
  });
  const local = await listenLocal(server);
  fake.url = local.url;
  fake.close = local.close;
  return fake;
}
