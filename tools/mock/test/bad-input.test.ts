// Bad input against one host serving every vendor: bodies over the limits are refused before Prism sees them (a body of
// 10,000 nested arrays used to overflow Prism's logger and end the host for every vendor), and Prism's 401/422 name
// the header or field they are about. One host for the whole file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type MockHost, repoRoot, startMockHost } from "../src/index.js";

let host: MockHost;
const url = (vendor: string) => host.servers.find((s) => s.vendor === vendor)?.url ?? "http://127.0.0.1:0";
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  host = await startMockHost([], { port: 0 });
}, 60_000);
afterAll(() => host?.stop());

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
    for (const server of host.servers) {
      const response = await post(`${server.url}/any/path?access_token=x`, nested);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { detail: string; validation: { location: string[] }[] };
      expect(problem.detail).toContain(`deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
      expect(problem.validation[0]?.location).toEqual(["body"]);
    }
    expect(alive(host.pid)).toBe(true);
    for (const server of host.servers) {
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
