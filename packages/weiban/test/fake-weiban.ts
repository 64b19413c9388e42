import { createServer, type ServerResponse } from "node:http";
import { json, listenLocal, readBody } from "@scrm-openapi/testing";

export { json };

/** A real local HTTP server standing in for Weiban, scripted per test. */
export interface FakeWeiban {
  url: string;
  tokenRequests: number;
  /** Every request seen: method, path, query, body. */
  requests: { method: string; path: string; query: URLSearchParams; body: string }[];
  /** Answer for API calls (not the token call); default: the token check + a success envelope. */
  handle: (req: { path: string; query: URLSearchParams; body: string }, res: ServerResponse) => void;
  /** The token the next token request hands out. */
  nextToken: () => string;
  close(): Promise<void>;
}

export const CORP_ID = "wwfakecorp0001";
export const SECRET = "s3cr3t-weiban-app-secret-value";

export async function startFakeWeiban(): Promise<FakeWeiban> {
  let issued = 0;
  const fake: FakeWeiban = {
    url: "",
    tokenRequests: 0,
    requests: [],
    nextToken: () => `tok-${++issued}-${"x".repeat(24)}`,
    handle: (_req, res) => json(res, { errcode: 0, errmsg: "ok", sea_list: [], total_count: 0 }),
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = (await readBody(req)).toString("utf8");
    fake.requests.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, body });
    if (url.pathname === "/open-api/access_token/get") {
      fake.tokenRequests++;
      const creds = JSON.parse(body || "{}") as { corp_id?: string; secret?: string };
      if (creds.corp_id !== CORP_ID || creds.secret !== SECRET) {
        json(res, { errcode: 10049, errmsg: "corp_id 或 secret 错误" });
        return;
      }
      // Give other concurrent callers time to pile up on the same refresh.
      setTimeout(() => json(res, { errcode: 0, errmsg: "ok", access_token: fake.nextToken(), expires_in: 7200 }), 20);
      return;
    }
    fake.handle({ path: url.pathname, query: url.searchParams, body }, res);
  });
  const local = await listenLocal(server);
  fake.url = local.url;
  fake.close = local.close;
  return fake;
}
