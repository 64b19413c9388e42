// The in-process Weiban client the per-call benches measure: a fake fetch that answers the token exchange and a
// one-item 公海 list at once, and the client built on a given core build (bench/baseline.ts) as the package builds it.
import { meta, type paths } from "@scrm-openapi/weiban";
import type { CoreBuild } from "./baseline.js";

const body = JSON.stringify({ errcode: 0, errmsg: "ok", total_count: 1, sea_list: [{ id: 1, name: "默认公海" }] });
const tokenBody = JSON.stringify({ errcode: 0, errmsg: "ok", access_token: "bench-token", expires_in: 7200 });

/** The answer's text for a request URL (or path): the token exchange's, or the 公海 list's. */
export const answerText = (url: string) => (url.includes("/open-api/access_token/get") ? tokenBody : body);

export const fakeFetch: typeof fetch = async (input) => {
  const text = answerText(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  return new Response(text, { headers: { "content-type": "application/json", "content-length": String(text.length) } });
};

/** The Weiban client on one core build, with the fake fetch and no rate limit. */
export function weibanOn(core: CoreBuild, options: Record<string, unknown>) {
  return core.createVendorClient<paths>(
    meta,
    {
      credentials: { corpId: "bench", secret: "bench-secret" },
      baseUrl: "http://weiban.bench",
      fetch: fakeFetch,
      rateLimit: false,
      ...options,
    },
    { auth: core.tokenAuth, limiter: core.createLimiter },
  );
}

/** The median of the rounds (0 for none). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
