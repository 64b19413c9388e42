// Bad input, against one host serving every vendor's seeded data (as `pnpm mock` does) and the MSW handlers over HTTP
// (`pnpm mock --msw`); the host is the mock project's shared one (seeded-host-setup.ts), with servers of this file's
// own (the checks below need a running host each, and none of them depends on what another one's requests stored).
//
// Prism's front: bodies over the limits are refused before Prism sees them (a body of 10,000 nested arrays used to
// overflow Prism's logger and end the host for every vendor), and Prism's 401/422 name the header or field they are
// about.
//
// `pnpm mock --msw` answers bad requests as `pnpm mock` (Prism) does: the same requests go to both, for every vendor
// and every operation that takes a body or query parameters, and the statuses and Prism's violation lists must be
// equal. Then what only the MSW side adds: the 401 names the missing credential, a huge body is a 413 read no
// further, a deeply nested one a 422, and the host keeps answering.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_LIMITS, type MockServer, repoRoot } from "../src/index.js";
import { startMswServers } from "../src/msw-http.js";
import type {} from "./seeded-host-setup.js"; // types inject("seededHost")

const VENDORS = ["weiling", "weiban", "tanma", "planyun"] as const;
type Vendor = (typeof VENDORS)[number];

/** Credentials each spec's security schemes ask for (presence is all a mock checks). */
const AUTH: Record<Vendor, { query?: string; headers?: Record<string, string> }> = {
  weiling: { query: "access_token=t" },
  weiban: { query: "access_token=t" },
  tanma: { headers: { appId: "ww_a", timestamp: "1700000000000", sign: "0".repeat(64), appKey: "k" } },
  planyun: { headers: { authorization: "Bearer t" } },
};

interface Operation {
  method: string;
  path: string;
  examples: Record<string, unknown>;
  request?: { parameters?: { name: string; in: string }[]; body?: unknown };
}

const host = inject("seededHost");
const prism = host.sets["bad-input"];
let msw: { servers: MockServer[]; stop(): Promise<void> } | undefined;
const operations = new Map<Vendor, Operation[]>();

beforeAll(async () => {
  // The host serves the seeded data, as `pnpm mock` does: both sides answer an unknown id with the same 404.
  msw = await startMswServers([...VENDORS], { port: 0 });
  for (const vendor of VENDORS) {
    const file = pathToFileURL(join(repoRoot, "packages", vendor, "src", "generated", "mocks.ts")).href;
    operations.set(vendor, ((await import(file)) as { mockData: { operations: Operation[] } }).mockData.operations);
  }
}, 120_000);
afterAll(async () => {
  await msw?.stop();
});

const url = (vendor: string) => prism.find((s) => s.vendor === vendor)?.url ?? "http://127.0.0.1:0";
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const nested = "[".repeat(10_000) + "]".repeat(10_000);
// `duplex` is Node's (undici's) option for a streamed body; the DOM RequestInit type lacks it.
const post = (to: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(to, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

describe("request bodies over the limits", () => {
  it("a 20 KB body of 10,000 nested arrays is refused with 422 by every vendor, and every vendor keeps serving", async () => {
    for (const server of prism) {
      const response = await post(`${server.url}/any/path?access_token=x`, nested);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { detail: string; validation: { location: string[] }[] };
      expect(problem.detail).toContain(`deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
      expect(problem.validation[0]?.location).toEqual(["body"]);
    }
    expect(alive(host.pid)).toBe(true);
    for (const server of prism) {
      const response = await fetch(`${server.url}/definitely/not/a/path`);
      expect(await response.text()).toContain("NO_PATH_MATCHED_ERROR");
    }
    // Brackets inside strings are text, not nesting: such a body reaches Prism (and its validation).
    const inString = await post(`${url("weiban")}/open-api/sea/list?access_token=x`, JSON.stringify({ q: nested }));
    expect(inString.status).not.toBe(422);
  });

  it("a body over 1 MiB gets 413, declared or streamed without a length", async () => {
    const big = "x".repeat(DEFAULT_LIMITS.maxBodyBytes + 1);
    const declared = await post(`${url("tanma")}/api/v3/clue/get`, JSON.stringify({ big }));
    expect(declared.status).toBe(413);
    expect(await declared.text()).toMatch(/at most 1048576 bytes/);
    const chunks = [Buffer.from('{"big":"'), Buffer.from(big), Buffer.from('"}')];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        next ? controller.enqueue(next) : controller.close();
      },
    });
    const streamed = await post(`${url("tanma")}/api/v3/clue/get`, stream);
    expect(streamed.status).toBe(413);
    expect(alive(host.pid)).toBe(true);
  });
});

describe("401 and 422 name what they are about", () => {
  it("Tanma: a 401 names the missing appKey header; the README's curl sample is answered", async () => {
    const headers = { appId: "dev", timestamp: String(Date.now()), sign: "dev" };
    const response = await post(`${url("tanma")}/api/v3/clue/get`, JSON.stringify({ customerId: 8 }), headers);
    expect(response.status).toBe(401);
    const problem = (await response.json()) as { title: string; detail: string; missing: unknown };
    expect(problem.title).toBe("Missing header appKey");
    expect(problem.detail).toBe(
      "POST /api/v3/clue/get requires headers appId, timestamp, sign and appKey; this request lacks header appKey.",
    );
    expect(problem.missing).toEqual([{ in: "header", name: "appKey", scheme: "AppKey" }]);

    // The sample as printed in README.md, sent to this host's Tanma port.
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const sample = /^curl .*127\.0\.0\.1:4012.*$/m.exec(readme)?.[0] ?? "";
    expect(sample).not.toBe("");
    const headerArgs = [...sample.matchAll(/-H '([^:]+): ([^']*)'/g)].map((m) => [m[1] ?? "", m[2] ?? ""] as const);
    const data = /-d '([^']*)'/.exec(sample)?.[1];
    const path = /127\.0\.0\.1:4012(\/[^\s']*)/.exec(sample)?.[1] ?? "";
    const fromReadme = await fetch(`${url("tanma")}${path}`, {
      method: data === undefined ? "GET" : "POST",
      headers: Object.fromEntries(headerArgs),
      ...(data === undefined ? {} : { body: data }),
    });
    expect(fromReadme.status).toBe(200);
    expect(((await fromReadme.json()) as { code: number }).code).toBe(0);
  });

  it("Weiban names the missing access_token query parameter; Planyun the Authorization header", async () => {
    const weiban = (await (await fetch(`${url("weiban")}/open-api/sea/list`)).json()) as { title: string };
    expect(weiban.title).toBe("Missing query parameter access_token");
    const planyun = await fetch(`${url("planyun")}/open-api/customer/wecom/customer/get-customer-info-extend`);
    expect(planyun.status).toBe(401);
    expect(((await planyun.json()) as { title: string }).title).toBe("Missing header Authorization (Bearer <token>)");
  });

  it("a 422's detail names the field and what is wrong with it", async () => {
    const headers = { appId: "dev", timestamp: "1", sign: "dev", appKey: "dev" };
    const response = await post(`${url("tanma")}/api/v3/clue/get`, JSON.stringify({ customerId: "eight" }), headers);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      "Request body property customerId must be integer",
    );
  });
});

const urlOf = (servers: readonly Pick<MockServer, "vendor" | "url">[], vendor: Vendor) =>
  servers.find((s) => s.vendor === vendor)?.url ?? "";

/** One request to both mocks: status and body of each (the body parsed when it is JSON). */
async function both(vendor: Vendor, method: string, path: string, init: { body?: string; auth?: boolean } = {}) {
  const auth = init.auth === false ? {} : AUTH[vendor];
  const query = auth.query ? `${path.includes("?") ? "&" : "?"}${auth.query}` : "";
  const send = async (base: string) => {
    const response = await fetch(`${base}${path}${query}`, {
      method: method.toUpperCase(),
      headers: { "content-type": "application/json", ...auth.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body };
  };
  const [fromPrism, fromMsw] = await Promise.all([send(urlOf(prism, vendor)), send(urlOf(msw?.servers ?? [], vendor))]);
  return { prism: fromPrism, msw: fromMsw };
}

/** The part of an answer both mocks must agree on: the status, and the whole body of a refusal. */
const verdict = (answer: { status: number; body: unknown }) => ({
  status: answer.status,
  ...(answer.status >= 400 ? { body: answer.body } : {}),
});

/** A concrete path for a template: every `{param}` filled. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, "1");

describe.each(VENDORS)("%s: MSW over HTTP refuses what Prism refuses, in Prism's words", (vendor) => {
  it("every operation with a body: an empty object, then wrong types", async () => {
    const withBody = (operations.get(vendor) ?? []).filter((op) => op.request?.body);
    expect(withBody.length).toBeGreaterThan(0);
    for (const op of withBody) {
      for (const body of ["{}", JSON.stringify({ page_no: "x", id: { a: 1 }, name: [1], type: "?" })]) {
        const answers = await both(vendor, op.method, concrete(op.path), { body });
        expect(verdict(answers.msw), `${op.method} ${op.path} ${body}`).toEqual(verdict(answers.prism));
      }
    }
  });

  it("every operation with query parameters: each one given a non-number", async () => {
    for (const op of operations.get(vendor) ?? []) {
      const names = (op.request?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      if (names.length === 0) continue;
      const path = `${concrete(op.path)}?${names.map((n) => `${n}=abc`).join("&")}`;
      const answers = await both(vendor, op.method, path, op.method === "get" ? {} : { body: "{}" });
      expect(verdict(answers.msw), `${op.method} ${path}`).toEqual(verdict(answers.prism));
    }
  });

  it("no credentials: the same 401, naming what is missing", async () => {
    const op = (operations.get(vendor) ?? []).find((o) => !/token|push-register/.test(o.path));
    if (!op) throw new Error(`${vendor}: no authenticated operation`);
    const answers = await both(vendor, op.method, concrete(op.path), {
      auth: false,
      ...(op.method === "get" ? {} : { body: "{}" }),
    });
    expect(answers.prism.status).toBe(401);
    expect(answers.msw).toEqual(answers.prism);
    const expected: Record<Vendor, string> = {
      weiling: "Missing query parameter access_token",
      weiban: "Missing query parameter access_token",
      tanma: "Missing headers appId, timestamp, sign and appKey",
      planyun: "Missing header Authorization (Bearer <token>)",
    };
    expect((answers.msw.body as { title: string }).title).toBe(expected[vendor]);
  });

  it("Prefer names found on Object.prototype are Prism's 404; malformed JSON is the same 400; a form body 415", async () => {
    // An operation both mocks answer 200 to an empty object, so that only the Prefer header decides.
    let op: Operation | undefined;
    for (const candidate of (operations.get(vendor) ?? []).filter((o) => o.method === "post")) {
      if ((await both(vendor, "post", concrete(candidate.path), { body: "{}" })).prism.status === 200) {
        op = candidate;
        break;
      }
    }
    if (!op) throw new Error(`${vendor}: no POST operation that takes {}`);
    const url = (base: string) => `${base}${concrete(op.path)}?${AUTH[vendor].query ?? ""}`;
    const send = async (base: string, headers: Record<string, string>, body: string) => {
      const answer = await fetch(url(base), { method: "POST", headers: { ...AUTH[vendor].headers, ...headers }, body });
      return { status: answer.status, body: await answer.json() };
    };
    const toBoth = (headers: Record<string, string>, body: string) =>
      Promise.all([send(urlOf(prism, vendor), headers, body), send(urlOf(msw?.servers ?? [], vendor), headers, body)]);
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const [fromPrism, fromMsw] = await toBoth(
        { "content-type": "application/json", prefer: `example=${name}` },
        "{}",
      );
      expect(fromPrism.status).toBe(404);
      expect(fromMsw).toEqual(fromPrism);
    }
    const [brokenPrism, brokenMsw] = await toBoth({ "content-type": "application/json" }, '{"a":');
    expect(brokenPrism.status).toBe(400);
    expect(brokenMsw).toEqual(brokenPrism);
    // A form body (what curl -d sends) where the spec takes JSON.
    const [formPrism, formMsw] = await toBoth({ "content-type": "application/x-www-form-urlencoded" }, "a=1");
    expect(formPrism.status).toBe(415);
    expect(formMsw).toEqual(formPrism);
  });
});

describe("what --msw adds", () => {
  it("a 5 MB body is a 413 read no further, a 20 KB body of 10,000 nested arrays a 422; the host keeps answering", async () => {
    const url = `${urlOf(msw?.servers ?? [], "weiling")}/openapi/v2/business/create?access_token=t`;
    const headers = { "content-type": "application/json" };
    const huge = await fetch(url, { method: "POST", headers, body: `{"a":"${"x".repeat(5 * 1024 * 1024)}"}` });
    expect(huge.status).toBe(413);
    const deep = await fetch(url, { method: "POST", headers, body: `${"[".repeat(10_000)}${"]".repeat(10_000)}` });
    expect(deep.status).toBe(422);
    expect(((await deep.json()) as { type: string }).type).toBe("urn:scrm-openapi:mock:body-too-deep");
    const fine = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ business_name: "华东区年度续约", stage: 1 }),
    });
    expect(fine.status).toBe(200);
  });
});
