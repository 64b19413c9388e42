// 消息订阅 callbacks (packages/core webhook.ts, WBMsgCrypt / WeCom scheme) through the public Weiban wiring: Weiban's
// own published sample vector, then a real local node:http receiver fed real HTTP GETs and POSTs.

import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { createServer } from "node:http";
import { ScrmWebhookError } from "@scrm-openapi/core";
import { webCrypto } from "@scrm-openapi/core/webhooks";
import { nodeCrypto } from "@scrm-openapi/core/webhooks/node";
import { errorTexts, type LocalServer, listenLocal, readBody, WEIBAN_WEBHOOK_SAMPLE } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookCrypto } from "../src/generated/meta.js";
import { createWeibanWebhookReceiver } from "../src/webhooks.js";

// Weiban's published sample (tools/testing/src/webhook-vectors.ts says where it comes from).
const SAMPLE = WEIBAN_WEBHOOK_SAMPLE;

/** The vectors on both crypto sets: same checks, same results. */
const CRYPTO = [
  ["webCrypto", webCrypto],
  ["nodeCrypto", nodeCrypto],
] as const;

describe.each(CRYPTO)("Weiban's published sample vector (%s)", (_, crypto) => {
  const receiver = createWeibanWebhookReceiver({ ...SAMPLE, crypto });

  it("verifies the URL-verification signature and returns the decrypted echostr", async () => {
    // server.py answers the GET with this plaintext (an 8–9 digit random number in client.py).
    expect(await receiver.verifyUrl(SAMPLE.verify)).toMatch(/^\d{8,9}$/);
    expect(await receiver.verifyUrl(new URLSearchParams(SAMPLE.verify))).toBe(await receiver.verifyUrl(SAMPLE.verify));
  });

  it("opens the sample POST to exactly client.py's message, with the CorpID as trailing id", async () => {
    const opened = await receiver.open({ query: SAMPLE.post.query, body: SAMPLE.post.body });
    expect(opened.message).toEqual(SAMPLE.message);
    expect(opened.receiveId).toBe(SAMPLE.corpId);
  });

  it("takes the ciphertext from the `encrypt` field named by Weiban's sample code, or from the caller", async () => {
    expect(webhookCrypto.encryptedField).toBe("encrypt");
    const encrypted = (JSON.parse(SAMPLE.post.body) as { encrypt: string }).encrypt;
    expect((await receiver.open({ query: SAMPLE.post.query, encrypted })).message).toEqual(SAMPLE.message);
  });

  it("rejects the sample under another corpId with receive-id-mismatch", async () => {
    const other = createWeibanWebhookReceiver({ ...SAMPLE, corpId: "1654076894948099073", crypto });
    await expect(other.verifyUrl(SAMPLE.verify)).rejects.toThrow(
      expect.objectContaining({ reason: "receive-id-mismatch" }),
    );
  });

  it("rejects the sample with one signature digit changed", async () => {
    const query = { ...SAMPLE.post.query, msg_signature: SAMPLE.post.query.msg_signature.replace(/7$/, "8") };
    await expect(receiver.open({ query, body: SAMPLE.post.body })).rejects.toThrow(
      expect.objectContaining({ reason: "signature-mismatch", vendor: "weiban" }),
    );
  });
});

// A receiver service as an integrator would write it.
const TOKEN = "Tk9weibanCallbackToken2024";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const CORP_ID = "1654076894948099073";

interface Received {
  message?: unknown;
  echo?: string;
  error?: unknown;
}

let local: LocalServer;
let base: string;
let received: Received[];
beforeEach(async () => {
  received = [];
  const receiver = createWeibanWebhookReceiver({ token: TOKEN, encodingAESKey: AES_KEY, corpId: CORP_ID });
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    try {
      if (req.method === "GET") {
        const echo = await receiver.verifyUrl(req.url ?? "");
        received.push({ echo });
        res.writeHead(200, { "content-type": "text/plain" }).end(echo);
      } else {
        const { message } = await receiver.open({ query: req.url ?? "", body });
        received.push({ message });
        res.writeHead(200, { "content-type": "application/json" }).end(receiver.ack);
      }
    } catch (error) {
      received.push({ error });
      res.writeHead(error instanceof ScrmWebhookError ? 403 : 500).end("error");
    }
  });
  local = await listenLocal(server);
  base = `${local.url}/receive_weiban_message`;
});
afterEach(() => local.close());

/** SHA1 of the sorted parts, written out here rather than taken from the code under test. */
const sha1Sorted = (...parts: string[]) => createHash("sha1").update(parts.sort().join("")).digest("hex");

const sender = createWeibanWebhookReceiver({ token: TOKEN, encodingAESKey: AES_KEY, corpId: CORP_ID });
const WORK_ORDER = {
  id: "8c5f0e0a-1b2c-4d5e-9f00-1234567890ab",
  corp_id: CORP_ID,
  create_time: 1640244967924,
  type: "event",
  event: "work_order_change",
  status: "create",
  retry_count: 0,
  msg_data: { order_no: "GD0001", staff_ext_id: "zhangsan", cc_list: [], content: { text: "客户反馈", pic: [] } },
};
const at = { timestamp: "1700000000", nonce: "738291" };

const post = (query: Record<string, string>, body: string) =>
  fetch(`${base}?${new URLSearchParams(query)}`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=UTF-8" },
    body,
  });

function lastError(): ScrmWebhookError {
  const error = received.at(-1)?.error;
  expect(error).toBeInstanceOf(ScrmWebhookError);
  const e = error as ScrmWebhookError;
  expect(e.vendor).toBe("weiban");
  const key = Buffer.from(`${AES_KEY}=`, "base64");
  const secrets = [TOKEN, AES_KEY, key.toString("hex"), key.toString("base64")];
  for (const text of errorTexts(e)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  return e;
}

describe("a real HTTP receiver", () => {
  it("answers the URL-verification GET with the decrypted echostr, '+' and '/' URL-encoded", async () => {
    const { query, encrypted } = await sender.sealEcho("5927368104", at);
    expect(query.msg_signature).toBe(sha1Sorted(TOKEN, at.timestamp, at.nonce, encrypted));
    const res = await fetch(`${base}?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("5927368104");
  });

  it("accepts a sealed event POST, decrypts it and acknowledges with {}", async () => {
    const { query, body } = await sender.seal(WORK_ORDER, { ...at, fields: { corp_id: CORP_ID, app_id: "app-1" } });
    const res = await post(query, body ?? "");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("{}");
    expect(received).toEqual([{ message: WORK_ORDER }]);
  });

  it("rejects a wrong signature with signature-mismatch", async () => {
    const { query, body, encrypted } = await sender.seal(WORK_ORDER, at);
    const wrong = sha1Sorted("not-the-token", at.timestamp, at.nonce, encrypted);
    expect((await post({ ...query, msg_signature: wrong }, body ?? "")).status).toBe(403);
    expect(lastError().reason).toBe("signature-mismatch");
  });

  it("rejects a message for another corp with receive-id-mismatch", async () => {
    const { query, body } = await sender.seal(WORK_ORDER, { ...at, receiveId: "1704174310933890049" });
    expect((await post(query, body ?? "")).status).toBe(403);
    const error = lastError();
    expect(error.reason).toBe("receive-id-mismatch");
    expect(error.message).toContain("corpId");
  });

  it("rejects a truncated ciphertext (re-signed, so it reaches decryption) with decrypt-failed", async () => {
    const { encrypted } = await sender.seal(WORK_ORDER, at);
    for (const cut of [
      Buffer.from(encrypted, "base64").subarray(0, -16).toString("base64"), // one AES block short: bad padding
      encrypted.slice(0, -8), // not whole blocks
    ]) {
      const query = { msg_signature: sha1Sorted(TOKEN, at.timestamp, at.nonce, cut), ...at };
      expect((await post(query, JSON.stringify({ encrypt: cut }))).status).toBe(403);
      expect(lastError().reason).toBe("decrypt-failed");
    }
  });

  it("seals in the WBMsgCrypt layout: IV = first 16 key bytes; random + BE length + message + corpId + PKCS#7 to 32", async () => {
    const random = Buffer.from("0123456789abcdef");
    const { encrypted } = await sender.seal("{}", { ...at, random });
    const key = Buffer.from(`${AES_KEY}=`, "base64");
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64")), decipher.final()]);
    const body = Buffer.concat([random, Buffer.from([0, 0, 0, 2]), Buffer.from("{}"), Buffer.from(CORP_ID)]);
    const pad = 32 - (body.length % 32);
    expect(plain).toEqual(Buffer.concat([body, Buffer.alloc(pad, pad)]));
  });

  it("rejects a correctly signed ciphertext whose padding is not PKCS#7 with decrypt-failed", async () => {
    const key = Buffer.from(`${AES_KEY}=`, "base64");
    const body = Buffer.concat([
      Buffer.alloc(16, 1),
      Buffer.from([0, 0, 0, 2]),
      Buffer.from("{}"),
      Buffer.from(CORP_ID),
    ]);
    const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    const zeroPadded = Buffer.concat([body, Buffer.alloc(32 - (body.length % 32), 0)]);
    const encrypt = Buffer.concat([cipher.update(zeroPadded), cipher.final()]).toString("base64");
    const query = { msg_signature: sha1Sorted(TOKEN, at.timestamp, at.nonce, encrypt), ...at };
    expect((await post(query, JSON.stringify({ encrypt }))).status).toBe(403);
    expect(lastError().reason).toBe("decrypt-failed");
  });

  it("rejects a ciphertext under another EncodingAESKey with decrypt-failed", async () => {
    const key = Buffer.from("ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut=", "base64");
    const plain = Buffer.concat([
      Buffer.alloc(16, 7),
      Buffer.from([0, 0, 0, 2]),
      Buffer.from("{}"),
      Buffer.from(CORP_ID),
    ]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    const foreign = Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]);
    const encrypt = foreign.toString("base64");
    const query = { msg_signature: sha1Sorted(TOKEN, at.timestamp, at.nonce, encrypt), ...at };
    expect((await post(query, JSON.stringify({ encrypt }))).status).toBe(403);
    expect(lastError().reason).toBe("decrypt-failed");
  });

  it("rejects a body without the encrypt field, and a query without msg_signature, with malformed", async () => {
    const { query, encrypted } = await sender.seal(WORK_ORDER, at);
    expect((await post(query, JSON.stringify({ Encrypt: encrypted }))).status).toBe(403);
    expect(lastError().reason).toBe("malformed");
    const { msg_signature: _dropped, ...unsigned } = query;
    expect((await post(unsigned, JSON.stringify({ encrypt: encrypted }))).status).toBe(403);
    expect(lastError().reason).toBe("malformed");
  });
});
