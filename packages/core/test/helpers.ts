import { CORP_ID, FakeVendor, type FakeVendorOptions, SECRET } from "@scrm-openapi/testing";
import { onTestFinished, vi } from "vitest";
import type { CommonClientOptions } from "../src/index.js";
import { createLimiter, createVendorClient, signatureAuth, tokenAuth, type VendorMeta } from "../src/vendor.js";
import { type FakePaths, limitedMeta } from "./metas.js";

export { CORP_ID, SECRET };

/** A client of a fake vendor's spec, wired as a generated vendor package wires it. */
export function fakeClient(
  extra: CommonClientOptions & { credentials?: Record<string, string> } = {},
  meta: VendorMeta = limitedMeta,
) {
  const { credentials, ...rest } = extra;
  return createVendorClient<FakePaths>(
    meta,
    { baseUrl: "http://vendor.test", credentials: credentials ?? { corpId: CORP_ID, secret: SECRET }, ...rest },
    meta.auth.style === "signature" ? { auth: signatureAuth } : { auth: tokenAuth, limiter: createLimiter },
  );
}

/** A fake vendor answering in process: pass `fetch: vendor.fetch`. */
export function inProcessVendor(options: FakeVendorOptions = {}): FakeVendor {
  return new FakeVendor(limitedMeta, { payload: { items: [] }, ...options });
}

/** A fake vendor on a real loopback HTTP server, closed after the test. */
export async function httpVendor(options: FakeVendorOptions = {}): Promise<FakeVendor & { url: string }> {
  const vendor = new FakeVendor(limitedMeta, { payload: { items: [] }, ...options });
  const server = await vendor.listen();
  onTestFinished(() => server.close());
  return Object.assign(vendor, { url: server.url });
}

/** Lets every pending promise callback run (fake timers do not move time by themselves). */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it resolved");
}

/** Fake setTimeout/Date (not microtasks) for the current test; restored afterwards. */
export function useFakeTime(now = Date.UTC(2026, 10, 30, 12)): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"], now });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

/**
 * Waits, by real event-loop turns (not by the faked clock), until `condition` holds: for work that is really
 * asynchronous, like Web Crypto digests or sockets. A condition, never a duration: gives up after 10 000 turns.
 */
export async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`condition not met: ${condition.toString()}`);
}
