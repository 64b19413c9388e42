// The clients run on Deno, Bun and Cloudflare's workerd as they do on Node: fetch, Web Crypto, AbortSignal and timers
// only. On each runtime the three auth styles make real calls to real local HTTP servers standing in for the vendors:
// Weiban (query token, limiter): token fetched once and refreshed once after a revocation, a typed ScrmApiError with
// its meaning, an attempt timeout; Tanma: a per-request SHA-256 signature the server verifies; Planyun: a caller's
// bearer token refused with a 401, then replaced and the call replayed once. In the same process, the callback
// receivers: the vendors' crypto vectors and tamper cases through the web handler (webhook-scenario.ts; on Node too).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { meta as tanmaMeta } from "@scrm-openapi/tanma";
import { APP_ID, APP_KEY, CORP_ID, FakeVendor, json, listenLocal, SECRET } from "@scrm-openapi/testing";
import { meta as weibanMeta } from "@scrm-openapi/weiban";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser } from "../src/index.js";
import { type Runtime, runOn } from "../src/runtimes.js";
import { WEBHOOK_RESULT, webhookScenario } from "./webhook-scenario.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const project = fileURLToPath(new URL("..", import.meta.url));
const resolve = createRequire(import.meta.url).resolve;
const WRONG_KEY = "wrong-tanma-app-key-0a1b2c3d";

/** The scenario each runtime runs against the three stand-ins; it returns what the test compares. */
function scenario(weibanUrl: string, tanmaUrl: string, planyunUrl: string): string {
  const constants = { weibanUrl, tanmaUrl, planyunUrl, CORP_ID, SECRET, APP_ID, APP_KEY, WRONG_KEY };
  const receivers = webhookScenario(resolve);
  return `${receivers.imports}
${receivers.code}
import { createWeibanClient, ScrmApiError, ScrmTimeoutError } from ${JSON.stringify(resolve("@scrm-openapi/weiban"))};
import { createTanmaClient } from ${JSON.stringify(resolve("@scrm-openapi/tanma"))};
import { createPlanyunClient } from ${JSON.stringify(resolve("@scrm-openapi/planyun"))};
const { weibanUrl, tanmaUrl, planyunUrl, CORP_ID, SECRET, APP_ID, APP_KEY, WRONG_KEY } = ${JSON.stringify(constants)};
const failure = async (call) => { try { await call(); return undefined; } catch (error) { return error; } };
const texts = (error) => error ? [error.message, String(error), error.stack ?? "", JSON.stringify(error)].join("\\n") : "";
export async function main() {
  const weiban = createWeibanClient({ corpId: CORP_ID, secret: SECRET, baseUrl: weibanUrl, retry: false });
  const one = (id, init = {}) => weiban.GET("/open-api/opportunity/one", { params: { query: { id } }, ...init });
  const first = await one("1");
  await weiban.GET("/open-api/sea/list", {});
  const replayed = await one("2");
  const apiError = await failure(() => one("404"));
  const timeout = await failure(() => one("hold", { timeoutMs: 200 }));
  const tanma = createTanmaClient({ appId: APP_ID, appKey: APP_KEY, baseUrl: tanmaUrl, retry: false });
  const clue = await tanma.POST("/api/v3/clue/get", { body: { customerId: 8 } });
  const unsigned = createTanmaClient({ appId: APP_ID, appKey: WRONG_KEY, baseUrl: tanmaUrl, retry: false });
  const signError = await failure(() => unsigned.POST("/api/v3/clue/get", { body: { customerId: 8 } }));
  let issued = 0;
  const getAccessToken = async () => "tok-planyun-" + ++issued + "-abcdef";
  const planyun = createPlanyunClient({ baseUrl: planyunUrl, getAccessToken, retry: false });
  const profile = await planyun.GET("/open-api/customer/wecom/customer/get-customer-info-extend", {});
  const shown = [apiError, timeout, signError].map(texts).join("\\n");
  return {
    first: first.data.opportunity.name,
    replayed: replayed.data.opportunity.name,
    apiError: [apiError instanceof ScrmApiError, apiError?.name, apiError?.code, apiError?.meaning, apiError?.operationId],
    timeout: [timeout instanceof ScrmTimeoutError, timeout?.phase, timeout?.operationId],
    clue: clue.data.data,
    signError: [signError instanceof ScrmApiError, signError?.vendor, signError?.code, signError?.kind, signError?.meaning],
    planyun: [profile.data.code, issued],
    secretsShown: [SECRET, APP_KEY, WRONG_KEY, "tok-"].filter((secret) => shown.includes(secret)),
    webhooks: await webhooks(),
  };
}
`;
}

describe.concurrent.each<Runtime>(["deno", "bun", "workerd"])("on %s", (runtime) => {
  let weiban: FakeVendor;
  let weibanServer: Awaited<ReturnType<FakeVendor["listen"]>>;
  let tanma: FakeVendor;
  let planyun: Awaited<ReturnType<typeof listenLocal>>;
  /** The Authorization header of each request the Planyun stand-in saw. */
  const bearers: (string | undefined)[] = [];
  /** What the runtime runs: the module for Deno and Bun, its bundle for workerd. */
  let code: { module: string; bundle: string; cwd: string };

  beforeAll(async () => {
    weiban = new FakeVendor(weibanMeta);
    // The sea list revokes every token while it answers: the next call is rejected (10001), refreshed, replayed once.
    weiban.route = (req) => {
      if (req.path === "/open-api/sea/list") {
        weiban.revokeTokens();
        return { json: { errcode: 0, errmsg: "ok", seas: [] } };
      }
      const id = req.query.get("id") ?? "";
      if (id === "404") return { json: { errcode: 22201, errmsg: "not found" } };
      if (id === "hold") return "hold";
      return { json: { errcode: 0, errmsg: "ok", opportunity: { id, name: `商机 ${id}` } } };
    };
    weibanServer = await weiban.listen();
    tanma = await FakeVendor.start(tanmaMeta);
    tanma.handle = (req, res) =>
      json(res, { code: 0, message: "ok", data: { customerId: JSON.parse(req.body.toString()).customerId } });
    // Planyun's stand-in refuses the first token with a 401 and accepts the next.
    planyun = await listenLocal(
      createServer((req, res) => {
        bearers.push(req.headers.authorization);
        if (req.headers.authorization === "Bearer tok-planyun-1-abcdef") res.writeHead(401).end("token expired");
        else json(res, { code: 0, msg: "ok" });
      }),
    );
    const module = scenario(weibanServer.url, tanma.url, planyun.url);
    code = { module, bundle: runtime === "workerd" ? await bundleForBrowser(module, here) : "", cwd: project };
  });

  afterAll(async () => {
    await weibanServer?.close();
    await tanma?.close();
    await planyun?.close();
  });

  it("tokens, typed errors, timeouts, signed requests and the callback receivers (vectors, tampering) behave as on Node", async () => {
    const ran = await runOn(runtime, code);
    expect(ran).toEqual({
      first: "商机 1",
      replayed: "商机 2",
      apiError: [true, "ScrmApiError", 22201, "未找到商机记录", "getOpportunity"],
      timeout: [true, "attempt", "getOpportunity"],
      clue: { customerId: 8 },
      signError: [true, "tanma", 1002, "signature-invalid", "签名校验未通过"],
      planyun: [0, 2],
      secretsShown: [],
      webhooks: WEBHOOK_RESULT,
    });
    // One token, one refresh after the revocation; the rejected call was replayed once.
    expect(weiban.tokenRequests).toBe(2);
    expect(weiban.answered.get(10001)).toBe(1);
    expect(tanma.requests.map((r) => r.verdict)).toEqual(["ok", "signature-invalid"]);
    expect(bearers).toEqual(["Bearer tok-planyun-1-abcdef", "Bearer tok-planyun-2-abcdef"]);
  });
});

describe("on node", () => {
  it("the callback receivers give what they give on the other runtimes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scrm-node-"));
    try {
      const { imports, code } = webhookScenario(resolve);
      const file = join(dir, "webhooks.mjs");
      await writeFile(file, `${imports}\n${code}\nexport { webhooks };\n`);
      const { webhooks } = (await import(pathToFileURL(file).href)) as { webhooks: () => Promise<unknown> };
      expect(await webhooks()).toEqual(WEBHOOK_RESULT);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
