// OpenTelemetry spans through the public client (`tracing: openTelemetry(...)`) against a FakeVendor on a real loopback
// HTTP server, recorded by the OTel SDK's in-memory exporter; and the bundles that prove core loads nothing of
// OpenTelemetry unless `@scrm-openapi/core/otel` is imported.
import { fileURLToPath } from "node:url";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { FakeVendor } from "@scrm-openapi/testing";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { ScrmApiError, ScrmConfigError } from "../src/index.js";
import { openTelemetry, SCRM_ATTRIBUTES } from "../src/otel.js";
import { fakeClient, rejection, SECRET } from "./helpers.js";
import { limitedMeta } from "./metas.js";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer("otel.test");

// One vendor on a real loopback server for the file; each test sets its route.
const vendor = new FakeVendor(limitedMeta, { payload: { items: [] } });
beforeAll(() => vendor.listen());
afterEach(() => {
  exporter.reset();
  vendor.route = undefined;
});
afterAll(async () => {
  trace.disable();
  await vendor.close();
});

const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;
const STATUS_UNSET = 0;

/** Spans by name, in the order they ended; `calls`: the call spans (`fakeban …`), `exchanges` the HTTP ones. */
function recorded() {
  const spans = exporter.getFinishedSpans();
  return {
    spans,
    calls: spans.filter((s) => s.name.startsWith("fakeban ")),
    exchanges: (path: string) =>
      spans.filter((s) => s.attributes["url.template"] === path && !s.name.startsWith("fakeban")),
  };
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("tracing: openTelemetry()", () => {
  it("a success: a call span and an exchange span under it, with the HTTP client conventions and the vendor's", async () => {
    const client = fakeClient({ baseUrl: vendor.url, rateLimit: false, tracing: openTelemetry({ tracer }) });
    await client.GET("/things");
    const { calls, exchanges, spans } = recorded();
    const port = Number(new URL(vendor.url).port);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.name).toBe("fakeban listThings");
    expect(call?.kind).toBe(SPAN_KIND_CLIENT);
    expect(call?.status.code).toBe(STATUS_UNSET);
    expect(call?.attributes).toEqual({
      [SCRM_ATTRIBUTES.vendor]: "fakeban",
      [SCRM_ATTRIBUTES.operation]: "listThings",
      [SCRM_ATTRIBUTES.vendorCode]: 0,
      "http.request.method": "GET",
      "url.template": "/things",
      "server.address": "127.0.0.1",
      "server.port": port,
      "http.response.status_code": 200,
    });
    const [exchange] = exchanges("/things");
    expect(exchange?.name).toBe("GET /things");
    expect(exchange?.kind).toBe(SPAN_KIND_CLIENT);
    expect(exchange?.attributes).toEqual(call?.attributes);
    expect(parentOf(exchange as ReadableSpan)).toBe(call?.spanContext().spanId);
    // The token request is an exchange too, under the same call; its URL template has no query, so no credential.
    const [token] = exchanges("/token");
    expect(token?.name).toBe("POST /token");
    expect(token?.attributes[SCRM_ATTRIBUTES.operation]).toBe("getAccessToken");
    expect(spans).toHaveLength(3);
    const everything = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.events]));
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("access_token");
  });

  it("a vendor error envelope on HTTP 200: vendor code, error.type and an error status on both spans", async () => {
    vendor.route = (req) => (req.path === "/things" ? { json: { errcode: 22201, errmsg: "未找到记录" } } : undefined);
    const client = fakeClient({ baseUrl: vendor.url, rateLimit: false, tracing: openTelemetry({ tracer }) });
    const error = await rejection(client.GET("/things"));
    expect(error).toBeInstanceOf(ScrmApiError);
    const { calls, exchanges } = recorded();
    for (const span of [calls[0], exchanges("/things")[0]]) {
      expect(span?.attributes).toMatchObject({
        [SCRM_ATTRIBUTES.vendorCode]: 22201,
        "http.response.status_code": 200,
        "error.type": "ScrmApiError",
      });
      expect(span?.status).toEqual({ code: STATUS_ERROR, message: (error as Error).message });
      expect(span?.events.map((e) => e.attributes?.["exception.type"])).toEqual(["ScrmApiError"]);
    }
  });

  it("a failure's message and stack are masked on the span, even from a layer that throws a plain Error", async () => {
    const leaky = () => async () => {
      throw new Error(`proxy refused ${SECRET}`);
    };
    const client = fakeClient({ baseUrl: vendor.url, layers: [leaky], tracing: openTelemetry({ tracer }) });
    expect(String(await rejection(client.GET("/things")))).toContain(SECRET);
    const [call] = recorded().calls;
    expect(call?.status.code).toBe(STATUS_ERROR);
    expect(call?.attributes["error.type"]).toBe("Error");
    expect(call?.status.message).toMatch(/^proxy refused \S+$/);
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => [s.status, s.events]))).not.toContain(SECRET);
  });

  it("a path off the spec is recorded without its query: request('GET', '/others?…') is url.template /others", async () => {
    const client = fakeClient({ baseUrl: vendor.url, rateLimit: false, tracing: openTelemetry({ tracer }) });
    await client.request("GET", "/others?note=hidden-value#frag");
    expect(vendor.requests.at(-1)?.query.get("note")).toBe("hidden-value");
    const { calls, spans } = recorded();
    expect(calls.map((s) => [s.name, s.attributes[SCRM_ATTRIBUTES.operation], s.attributes["url.template"]])).toEqual([
      ["fakeban GET /others", "GET /others", "/others"],
    ]);
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toContain("hidden-value");
  });

  it("a retried call: one call span, two exchange spans under it, each with its own status code", async () => {
    let n = 0;
    vendor.route = (req) =>
      req.path === "/things" && n++ === 0 ? { status: 503, json: { errcode: 1017, errmsg: "busy" } } : undefined;
    const client = fakeClient({
      baseUrl: vendor.url,
      rateLimit: false,
      retry: { initialDelayMs: 1 },
      tracing: openTelemetry({ tracer }),
    });
    await client.GET("/things");
    const { calls, exchanges } = recorded();
    expect(calls).toHaveLength(1);
    const attempts = exchanges("/things");
    expect(attempts.map((s) => s.attributes["http.response.status_code"])).toEqual([503, 200]);
    expect(attempts.map((s) => s.attributes["http.request.resend_count"])).toEqual([undefined, 1]);
    expect(attempts.map((s) => s.attributes["error.type"])).toEqual(["503", undefined]);
    expect(attempts.map((s) => s.status.code)).toEqual([STATUS_ERROR, STATUS_UNSET]);
    expect(attempts.map(parentOf)).toEqual([calls[0]?.spanContext().spanId, calls[0]?.spanContext().spanId]);
    expect(calls[0]?.status.code).toBe(STATUS_UNSET);
    expect(calls[0]?.attributes["http.response.status_code"]).toBe(200);
  });

  it("with a context manager: the caller's active span is the call's parent, the exchange span is active in fetch", async () => {
    expect(context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())).toBe(true);
    onTestFinished(() => context.disable());
    const activeInFetch: (string | undefined)[] = [];
    const client = fakeClient({
      baseUrl: vendor.url,
      rateLimit: false,
      tracing: openTelemetry({ tracer }),
      // What fetch instrumentation sees: the span active when the request goes out.
      fetch: (input, init) => {
        activeInFetch.push(trace.getActiveSpan()?.spanContext().spanId);
        return globalThis.fetch(input, init);
      },
    });
    const job = tracer.startSpan("job");
    await context.with(trace.setSpan(context.active(), job), () => client.GET("/things"));
    job.end();
    const { calls, exchanges } = recorded();
    expect(calls.map(parentOf)).toEqual([job.spanContext().spanId]);
    const sent = [...exchanges("/token"), ...exchanges("/things")];
    expect(sent.map(parentOf)).toEqual([calls[0]?.spanContext().spanId, calls[0]?.spanContext().spanId]);
    expect(activeInFetch).toEqual(sent.map((s) => s.spanContext().spanId));
  });

  it("a tracing option of the wrong shape is a ScrmConfigError naming it, when the client is created", () => {
    const made = () => fakeClient({ tracing: { layers: "spans" } as never });
    expect(made).toThrow(ScrmConfigError);
    expect(made).toThrow(/option "tracing" must be an object with layers methods/);
  });

  it("no tracing option: no span, even with an SDK registered globally; the default tracer is the global proxy", async () => {
    // openTelemetry() before any SDK is registered: the API's no-op, and the call works.
    const early = fakeClient({ baseUrl: vendor.url, rateLimit: false, tracing: openTelemetry() });
    const untraced = fakeClient({ baseUrl: vendor.url, rateLimit: false });
    await early.GET("/things");
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(trace.setGlobalTracerProvider(provider)).toBe(true);
    await untraced.GET("/things");
    await untraced.GET("/others");
    expect(exporter.getFinishedSpans()).toEqual([]);
    // The client made before registration records through the global proxy now.
    await early.GET("/others");
    expect(recorded().calls.map((s) => [s.name, s.instrumentationScope.name])).toEqual([
      ["fakeban listOthers", "@scrm-openapi/core"],
    ]);
  });
});

describe("what a bundle carries", () => {
  const src = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));
  it("the apps' and vendor packages' entries reach neither @opentelemetry/api nor the tracing layer; ./otel does", async () => {
    const entries = { index: "index.ts", vendor: "vendor.ts", otel: "otel.ts" };
    const { metafile } = await build({
      entryPoints: Object.entries(entries).map(([out, file]) => ({ in: src(file), out })),
      bundle: true,
      write: false,
      outdir: "out",
      metafile: true,
      format: "esm",
      platform: "neutral",
      logLevel: "silent",
    });
    const inputs = (out: string) => Object.keys(metafile.outputs[`out/${out}.js`]?.inputs ?? {});
    const tracing = (f: string) => f.includes("@opentelemetry") || f.endsWith("pipeline/trace.ts");
    expect(inputs("index").some((f) => f.endsWith("src/pool.ts"))).toBe(true);
    expect(inputs("vendor").some((f) => f.endsWith("src/client.ts"))).toBe(true);
    expect([...inputs("index"), ...inputs("vendor")].filter(tracing)).toEqual([]);
    expect(inputs("otel").some((f) => f.includes("@opentelemetry/api/"))).toBe(true);
    expect(inputs("otel").some((f) => f.endsWith("pipeline/trace.ts"))).toBe(true);
  });
});
