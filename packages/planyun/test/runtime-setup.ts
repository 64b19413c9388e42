// What the runtime test files share: a fresh FakeVendor (a real local HTTP server) per test, a Planyun client on it,
// and the check that no issued token shows in an error. `fake` and `tokens` are live bindings set by the hooks.
import { ScrmError } from "@scrm-openapi/core";
import { errorTexts, FakeVendor, type TokenSource, tokenSource } from "@scrm-openapi/testing";
import { afterEach, beforeEach, expect } from "vitest";
import { createPlanyunClient, meta, type PlanyunClientOptions } from "../src/index.js";

export const CREATE = "/open-api/customer/biz-submit/create-business";
export const INFO = "/open-api/customer/wecom/customer/get-customer-info-extend";

export let fake: FakeVendor;
export let tokens: TokenSource;

/** Registers the hooks that start and close each test's FakeVendor; call it once at the top of a test file. */
export function useFakePlanyun(): void {
  beforeEach(async () => {
    fake = await FakeVendor.start(meta);
    tokens = tokenSource(fake);
  });
  afterEach(async () => {
    await fake.close();
  });
}

/** Replaces this test's token source (e.g. one issuing tokens with another lifetime). */
export function setTokens(source: TokenSource): void {
  tokens = source;
}

export const client = (extra: Partial<PlanyunClientOptions> = {}) =>
  createPlanyunClient({ baseUrl: fake.url, getAccessToken: tokens.getAccessToken, ...extra });
export const createBusiness = (planyun = client()) =>
  planyun.POST(CREATE, { body: { customerId: 100, userId: 500, source: 1 } });
export const apiCalls = () => fake.requests.filter((r) => r.path === CREATE);

export function expectNoTokens(error: unknown, lines: string[] = []) {
  expect(error).toBeInstanceOf(ScrmError);
  const e = error as ScrmError;
  const texts = [...errorTexts(e), ...lines];
  expect(tokens.issued.length).toBeGreaterThan(0);
  for (const token of tokens.issued) for (const text of texts) expect(text).not.toContain(token);
}
