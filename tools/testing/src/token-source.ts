// The caller's side of auth for a vendor with no documented token call (Planyun): a getAccessToken() that mints
// tokens the fake accepts, and counts its calls.
import type { FakeVendor } from "./fake-vendor.js";

export interface TokenSource {
  getAccessToken: () => Promise<string | { accessToken: string; expiresIn: number }>;
  calls: number;
  issued: string[];
}

/** Tokens are long enough for the runtime's redactor (it masks values of 6+ characters). */
export function tokenSource(fake: FakeVendor, lifetime?: { expiresIn: number }): TokenSource {
  const source: TokenSource = {
    calls: 0,
    issued: [],
    getAccessToken: async () => {
      const n = ++source.calls;
      const token = `py-tok-${n}-${"k".repeat(24)}`;
      source.issued.push(token);
      fake.validTokens.add(token);
      // Let concurrent callers pile up on the same fetch.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return lifetime ? { accessToken: token, expiresIn: lifetime.expiresIn } : token;
    },
  };
  return source;
}
