// Log levels and per-attempt records through the public client against a FakeVendor, on fake time (durations come
// from the injected clock, so they are exact without asserting on real time).
import { afterEach, describe, expect, it, vi } from "vitest";
import { type LogRecord, ScrmConfigError } from "../src/index.js";
import { fakeClient, inProcessVendor, rejection, SECRET, until, useFakeTime } from "./helpers.js";

/** A logger shaped like console, pino or winston: every call recorded by level. */
function recordingLogger() {
  const calls: { level: string; args: unknown[] }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      calls.push({ level, args });
    };
  const logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  const records = (level?: string) =>
    calls.filter((c) => c.level !== "debug" && (!level || c.level === level)).map((c) => c.args[0] as LogRecord);
  return { logger, calls, records };
}

/** Answers /things with each code in turn (the last repeats). */
function scripted(codes: number[], options = {}) {
  const vendor = inProcessVendor(options);
  let n = 0;
  vendor.route = (req) => {
    if (req.path !== "/things") return undefined;
    const code = codes[Math.min(n++, codes.length - 1)] as number;
    return { json: { errcode: code, errmsg: code ? `error ${code}` : "ok", items: [] } };
  };
  return vendor;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("logLevel and the per-attempt record", () => {
  it("info: one record per attempt with vendor, operation, status, code, attempt, duration and retry decision", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0]);
    const { logger, records, calls } = recordingLogger();
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, logger, logLevel: "info" }).GET("/things");
    await until(() => vendor.count("/things") === 1);
    await vi.advanceTimersByTimeAsync(500);
    const { requestId } = await call;
    expect(records()).toEqual([
      expect.objectContaining({
        vendor: "fakeban",
        operation: "listThings",
        method: "GET",
        status: 200,
        code: 10053,
        attempt: 1,
        durationMs: 0,
        retry: true,
        requestId,
      }),
      expect.objectContaining({ operation: "listThings", status: 200, code: 0, attempt: 2, retry: false, requestId }),
    ]);
    expect(records().map((r) => r.msg)).toEqual([
      expect.stringMatching(/^\[fakeban\] listThings #1 200 retry in \d+ms: ScrmApiError: .*10053/),
      "[fakeban] listThings #2 200 ok",
    ]);
    expect(records("warn")).toHaveLength(1);
    expect(records("info")).toHaveLength(1);
    // One argument: pino reads `msg`, winston `message`.
    expect(calls.filter((c) => c.level !== "debug").every((c) => c.args.length === 1)).toBe(true);
    expect(records()[0]?.message).toBe(records()[0]?.msg);
    // No debug lines below the debug level.
    expect(calls.filter((c) => c.level === "debug")).toEqual([]);
  });

  it("the duration is the client clock's time from attempt start to its answer", async () => {
    useFakeTime();
    const vendor = scripted([0], { latencyMs: 250 });
    const { logger, records } = recordingLogger();
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, logger, logLevel: "info" }).GET("/things");
    await vi.advanceTimersByTimeAsync(250);
    await call;
    expect(records()).toEqual([expect.objectContaining({ durationMs: 250, attempt: 1 })]);
  });

  it("error: only a call given up, with its typed error; secrets masked", async () => {
    useFakeTime();
    const vendor = scripted([10052], { echoSecrets: true });
    vendor.route = () => ({ json: { errcode: 10049, errmsg: `bad secret ${SECRET}` } });
    const { logger, records, calls } = recordingLogger();
    const failed = rejection(
      fakeClient({ fetch: vendor.fetch, rateLimit: false, logger, logLevel: "error" }).GET("/things"),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await failed;
    expect(calls.map((c) => c.level)).toEqual(["error"]);
    expect(records()[0]).toMatchObject({
      code: 10049,
      retry: false,
      attempt: 1,
      error: expect.stringContaining("ScrmApiError"),
    });
    expect(JSON.stringify(calls)).not.toContain(SECRET);
  });

  it("debug (the default with a logger): today's lines as strings, plus the records", async () => {
    useFakeTime();
    const vendor = scripted([0]);
    const { logger, calls } = recordingLogger();
    await fakeClient({ fetch: vendor.fetch, rateLimit: false, logger }).GET("/things");
    const debug = calls.filter((c) => c.level === "debug").map((c) => c.args);
    expect(debug.length).toBeGreaterThan(0);
    expect(debug.every((args) => args.length === 1 && typeof args[0] === "string")).toBe(true);
    expect(calls.filter((c) => c.level === "info")).toHaveLength(1);
  });

  it("a debug-only logger (today's shape) keeps working: it gets the lines, and records go nowhere", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0]);
    const lines: string[] = [];
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, logger: { debug: (l) => lines.push(l) } }).GET(
      "/things",
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await call;
    expect(lines).toContainEqual(expect.stringMatching(/retry 1\/2 of listThings/));
  });

  it("off: the logger is never called", async () => {
    useFakeTime();
    const vendor = scripted([10053, 0]);
    const { logger, calls } = recordingLogger();
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, logger, logLevel: "off" }).GET("/things");
    await vi.advanceTimersByTimeAsync(1_000);
    await call;
    expect(calls).toEqual([]);
  });

  it("SCRM_LOG sets the level when the option is absent; without a logger it goes to the console", async () => {
    useFakeTime();
    vi.stubEnv("SCRM_LOG", "warn");
    const vendor = scripted([10053, 0]);
    const { logger, records } = recordingLogger();
    const call = fakeClient({ fetch: vendor.fetch, rateLimit: false, logger }).GET("/things");
    await vi.advanceTimersByTimeAsync(1_000);
    await call;
    expect(records().map((r) => r.retry)).toEqual([true]);

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const quiet = fakeClient({ fetch: scripted([10053, 0]).fetch, rateLimit: false }).GET("/things");
    await vi.advanceTimersByTimeAsync(1_000);
    await quiet;
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ vendor: "fakeban", retry: true });
    expect(info).not.toHaveBeenCalled();
    warn.mockRestore();
    info.mockRestore();
  });

  it("a bad level is a ScrmConfigError naming the option or the variable", () => {
    // @ts-expect-error not a level
    expect(() => fakeClient({ logLevel: "verbose" })).toThrow(ScrmConfigError);
    expect(() => fakeClient({ logLevel: "verbose" as "info" })).toThrow(/option "logLevel" must be one of off, error/);
    vi.stubEnv("SCRM_LOG", "loud");
    expect(() => fakeClient({})).toThrow(/option "SCRM_LOG" must be one of/);
    expect(() => fakeClient({ logLevel: "info" })).not.toThrow();
  });
});
