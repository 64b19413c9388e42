// What bounds a callback receiver: body size, a timestamp window and a replay guard (all off by default but the size).
import { createServer, request } from "node:http";
import { listenLocal } from "@scrm-openapi/testing";
import { describe, expect, it } from "vitest";
import {
  createWebhookReceiver,
  MemoryReplayGuard,
  readRequestBody,
  ScrmWebhookError,
  type Sha1AesCbcCryptoMeta,
  type Sha256AesCtrCryptoMeta,
  type WebhookCrypto,
  webCrypto,
} from "../src/webhooks/index.js";
import { nodeCrypto } from "../src/webhooks/node.js";
import { CBC_META, CTR_META } from "./crypto-metas.js";

const wecom: Sha1AesCbcCryptoMeta = CBC_META;
const tanma: Sha256AesCtrCryptoMeta = CTR_META;
const secrets = { token: "callback-token", encodingAESKey: "a".repeat(43) };
const NOW = Date.UTC(2026, 10, 30, 12);
/** Every test below runs on both crypto sets: same checks, same order, same results. */
const CRYPTO = [
  ["webCrypto", webCrypto],
  ["nodeCrypto", nodeCrypto],
] as const;

describe.each(CRYPTO)("sha1-aes-cbc receiver guards (%s)", (_, crypto) => {
  it("rejects a body over maxBodyBytes before touching it", async () => {
    const receiver = createWebhookReceiver("fakeban", wecom, secrets, { maxBodyBytes: 1024, crypto });
    const error = await receiver.open({ query: "", body: "x".repeat(2048) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScrmWebhookError);
    expect(error).toMatchObject({ reason: "too-large" });
  });

  it("with a replay guard, the same callback twice is rejected the second time", async () => {
    const receiver = createWebhookReceiver("fakeban", wecom, secrets, {
      crypto,
      replayGuard: new MemoryReplayGuard({ now: () => NOW }),
    });
    const sealed = await receiver.seal({ event: "x" }, { timestamp: String(NOW / 1000), nonce: "n1" });
    await expect(receiver.open({ query: sealed.query, body: sealed.body ?? "" })).resolves.toMatchObject({
      message: { event: "x" },
    });
    await expect(receiver.open({ query: sealed.query, body: sealed.body ?? "" })).rejects.toMatchObject({
      reason: "replayed",
    });
  });

  it("with maxAgeSeconds, a callback signed 10 minutes ago is stale; without it, it is accepted", async () => {
    const old = String(NOW / 1000 - 600);
    const strict = createWebhookReceiver("fakeban", wecom, secrets, { maxAgeSeconds: 300, now: () => NOW, crypto });
    const sealed = await strict.seal({ event: "x" }, { timestamp: old, nonce: "n2" });
    await expect(strict.open({ query: sealed.query, body: sealed.body ?? "" })).rejects.toMatchObject({
      reason: "stale",
    });
    const lax = createWebhookReceiver("fakeban", wecom, secrets, { crypto });
    await expect(lax.open({ query: sealed.query, body: sealed.body ?? "" })).resolves.toBeTruthy();
  });
});

describe.each(CRYPTO)("sha256-aes-ctr receiver guards (%s)", (_, crypto) => {
  const tanmaSecrets = { appId: "ww51046ddc4f4df510_NjaEnW", appKey: "tanma-app-key-123456" };

  it("a replayed push (same headers and body) is rejected; a flipped ciphertext byte is what the scheme cannot catch", async () => {
    const receiver = createWebhookReceiver("fakema", tanma, tanmaSecrets, {
      replayGuard: new MemoryReplayGuard(),
      crypto,
    });
    const sealed = await receiver.seal(
      { type: "tag_info", opportunityId: "1001" },
      { timestamp: String(NOW), version: "1" },
    );
    await receiver.open({ headers: sealed.headers, body: sealed.body ?? "" });
    await expect(receiver.open({ headers: sealed.headers, body: sealed.body ?? "" })).rejects.toMatchObject({
      reason: "replayed",
    });
    // The body is not signed and CTR is malleable: one flipped bit changes a digit and still "decrypts".
    const bytes = Buffer.from(sealed.body, "base64");
    const at = Buffer.from(JSON.stringify({ type: "tag_info", opportunityId: "1001" })).indexOf("1001") + 3;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const forged = await receiver.open({ headers: sealed.headers, body: bytes.toString("base64") });
    expect(forged.message).toEqual({ type: "tag_info", opportunityId: "1000" });
  });
});

describe("the two crypto sets agree", () => {
  const make = (crypto: WebhookCrypto) => ({
    cbc: createWebhookReceiver("fakeban", wecom, { ...secrets, receiveId: "corp" }, { crypto }),
    ctr: createWebhookReceiver("fakema", tanma, { appId: "ww1_x", appKey: "key-123" }, { crypto }),
  });
  const web = make(webCrypto);
  const node = make(nodeCrypto);

  it("seal the same bytes, and each opens what the other sealed", async () => {
    const seal = { timestamp: "1700000000", nonce: "n", random: new Uint8Array(16).fill(7) };
    for (const message of [{ event: "x" }, { text: "中".repeat(40) }, ["x".repeat(17)]]) {
      const sealed = await web.cbc.seal(message, seal);
      expect(await node.cbc.seal(message, seal)).toEqual(sealed);
      expect((await node.cbc.open({ query: sealed.query, encrypted: sealed.encrypted })).plaintext).toBe(
        (await web.cbc.open({ query: sealed.query, encrypted: sealed.encrypted })).plaintext,
      );
      const pushed = await node.ctr.seal(message, { timestamp: String(NOW), version: "1" });
      expect(await web.ctr.seal(message, { timestamp: String(NOW), version: "1" })).toEqual(pushed);
      expect(await web.ctr.open(pushed)).toEqual(await node.ctr.open(pushed));
    }
    const echo = await node.cbc.sealEcho("12345678", seal);
    expect(await web.cbc.verifyUrl(echo.query)).toBe("12345678");
  });
});

describe("readRequestBody", () => {
  it("stops reading at maxBytes: a 5 MB upload is refused, a small one is read", async () => {
    let result: unknown;
    const server = await listenLocal(
      createServer(async (req, res) => {
        result = await readRequestBody(req, { vendor: "fakeban", maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
        res.end("done");
      }),
    );
    const post = (size: number) =>
      new Promise<void>((resolve) => {
        const req = request(`${server.url}/cb`, { method: "POST" }, (res) => res.resume().on("end", resolve));
        req.on("error", () => resolve());
        req.end(Buffer.alloc(size, 97));
      });
    try {
      await post(5 * 1024 * 1024);
      expect(result).toBeInstanceOf(ScrmWebhookError);
      expect(result).toMatchObject({ reason: "too-large" });
      await post(10);
      expect(Buffer.isBuffer(result) && result.toString()).toBe("a".repeat(10));
    } finally {
      await server.close();
    }
  });
});
