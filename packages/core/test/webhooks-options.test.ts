// Receiver options that would disarm a protection are refused when the receiver is made, naming the option.
import { describe, expect, it } from "vitest";
import { ScrmConfigError } from "../src/index.js";
import {
  createWebhookReceiver,
  MemoryReplayGuard,
  type Sha1AesCbcCryptoMeta,
  type WebhookCrypto,
  type WebhookReceiverOptions,
  webCrypto,
} from "../src/webhooks/index.js";

const wecom: Sha1AesCbcCryptoMeta = {
  style: "sha1-aes-cbc",
  source: "https://example.cn/doc",
  query: { signature: "msg_signature", timestamp: "timestamp", nonce: "nonce", echostr: "echostr" },
  signature: { algorithm: "sha1-sorted", parts: ["token", "timestamp", "nonce", "encrypted"] },
  encryptedField: "encrypt",
};
const secrets = { token: "callback-token", encodingAESKey: "a".repeat(43) };
const guard = new MemoryReplayGuard();

const refused: [string, WebhookReceiverOptions][] = [
  ["maxBodyBytes", { maxBodyBytes: Number.NaN }],
  ["maxBodyBytes", { maxBodyBytes: -1 }],
  ["maxBodyBytes", { maxBodyBytes: 0 }],
  ["maxBodyBytes", { maxBodyBytes: Number.POSITIVE_INFINITY }],
  ["maxBodyBytes", { maxBodyBytes: 10.5 }],
  ["maxAgeSeconds", { maxAgeSeconds: Number.NaN }],
  ["maxAgeSeconds", { maxAgeSeconds: -300 }],
  ["maxAgeSeconds", { maxAgeSeconds: Number.POSITIVE_INFINITY }],
  ["replayWindowSeconds", { replayGuard: guard, replayWindowSeconds: Number.NaN }],
  ["replayWindowSeconds", { replayGuard: guard, replayWindowSeconds: 0 }],
  ["replayWindowSeconds", { replayGuard: guard, replayWindowSeconds: -1 }],
  ["replayWindowSeconds", { replayWindowSeconds: Number.NaN }],
  ["readTimeoutMs", { readTimeoutMs: 2 ** 31 }],
  ["readTimeoutMs", { readTimeoutMs: Number.NaN }],
  ["replayGuard", { replayGuard: {} as MemoryReplayGuard }],
  ["now", { now: 5 as unknown as () => number }],
  // A crypto set that lacks an operation, or is no object (a name where the value belongs).
  ["crypto", { crypto: { ...webCrypto, ctr: undefined } as unknown as WebhookCrypto }],
  ["crypto", { crypto: "node" as unknown as WebhookCrypto }],
  ["crypto", { crypto: null as unknown as WebhookCrypto }],
];

describe("receiver options are checked at creation", () => {
  it.each(refused)("%s: %o is a ScrmConfigError naming the option", (option, options) => {
    const error = (() => {
      try {
        createWebhookReceiver("fakeban", wecom, secrets, options);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScrmConfigError);
    expect(error).toMatchObject({ option, vendor: "fakeban" });
    expect(String(error)).not.toContain(secrets.token);
  });

  it("sound values are kept: a 0-second window is fine without a guard, and the cap still holds", async () => {
    const receiver = createWebhookReceiver("fakeban", wecom, secrets, { replayWindowSeconds: 0, maxBodyBytes: 64 });
    await expect(receiver.open({ query: "", body: "x".repeat(65) })).rejects.toMatchObject({ reason: "too-large" });
  });

  it("a crypto block of unknown style is refused", () => {
    const unknown = { ...wecom, style: "rot13" } as unknown as Sha1AesCbcCryptoMeta;
    expect(() => createWebhookReceiver("fakeban", unknown, secrets)).toThrow(ScrmConfigError);
  });
});
