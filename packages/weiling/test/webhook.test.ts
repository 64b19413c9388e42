// 事件回调 (packages/core webhook.ts, WeCom WXBizMsgCrypt scheme) through the public Weiling wiring: WeCom's own sample
// vectors, then a real local node:http receiver fed real HTTP GETs and POSTs.

import { createDecipheriv, createHash } from "node:crypto";
import { createServer } from "node:http";
import { ScrmWebhookError } from "@scrm-openapi/core";
import { webCrypto } from "@scrm-openapi/core/webhooks";
import { nodeCrypto } from "@scrm-openapi/core/webhooks/node";
import { errorTexts, type LocalServer, listenLocal, readBody } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookCrypto } from "../src/generated/meta.js";
import { createWeilingWebhookReceiver } from "../src/webhooks.js";

// Weiling publishes no vector; its docs name the WeCom WXBizMsgCrypt scheme. Vectors from WeCom's sample,
// github.com/sbzhu/weworkapi_python callback/Sample.py (commit 27220fbe9d5251d46101e33751568eae9f413666): example one
// (URL verification) and example two (a POSTed <Encrypt>, whose plaintext is the sRespData of example three).
const WECOM = {
  token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
  encodingAESKey: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
  corpId: "ww1436e0e65a779aee",
  verify: {
    msg_signature: "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
    timestamp: "1476416373",
    nonce: "47744683",
    echostr: "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==",
  },
  post: {
    msg_signature: "0c3914025cb4b4d68103f6bfc8db550f79dcf48e",
    timestamp: "1476422779",
    nonce: "1597212914",
    encrypt:
      "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+",
    plaintext:
      "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>",
  },
};

/** The vectors on both crypto sets: same checks, same results. */
const CRYPTO = [
  ["webCrypto", webCrypto],
  ["nodeCrypto", nodeCrypto],
] as const;

describe.each(CRYPTO)("WeCom's published sample vectors (%s)", (_, crypto) => {
  const receiver = createWeilingWebhookReceiver({ token: WECOM.token, encodingAESKey: WECOM.encodingAESKey, crypto });

  it("verifies the URL-verification signature and decrypts the echostr", async () => {
    expect(await receiver.verifyUrl(WECOM.verify)).toMatch(/^\d+$/);
  });

  it("decrypts the POSTed ciphertext to the sample's own plaintext (verifyUrl: same signature and AES, no JSON)", async () => {
    const { msg_signature, timestamp, nonce, encrypt } = WECOM.post;
    expect(await receiver.verifyUrl({ msg_signature, timestamp, nonce, echostr: encrypt })).toBe(WECOM.post.plaintext);
  });

  it("open() checks and decrypts the same ciphertext, then refuses the XML as not JSON", async () => {
    const { encrypt, plaintext: _xml, ...query } = WECOM.post;
    await expect(receiver.open({ query, body: JSON.stringify({ to_app: "x", encrypt_msg: encrypt }) })).rejects.toThrow(
      expect.objectContaining({ reason: "malformed", message: expect.stringContaining("not JSON") }),
    );
  });

  it("checks the trailing id only when one is given (Weiling does not document it)", async () => {
    expect(webhookCrypto).not.toHaveProperty("receiveId");
    const withId = createWeilingWebhookReceiver({ ...WECOM, receiveId: WECOM.corpId, crypto });
    expect(await withId.verifyUrl(WECOM.verify)).toBe(await receiver.verifyUrl(WECOM.verify));
    const wrongId = createWeilingWebhookReceiver({ ...WECOM, receiveId: "wx5823bf96d3bd56c7", crypto });
    await expect(wrongId.verifyUrl(WECOM.verify)).rejects.toThrow(
      expect.objectContaining({ reason: "receive-id-mismatch" }),
    );
  });

  it("rejects the sample under another token with signature-mismatch", async () => {
    const other = createWeilingWebhookReceiver({ token: "QDG6eK", encodingAESKey: WECOM.encodingAESKey, crypto });
    await expect(other.verifyUrl(WECOM.verify)).rejects.toThrow(
      expect.objectContaining({ reason: "signature-mismatch", vendor: "weiling" }),
    );
  });
});

// A receiver service as an integrator would write it.
const TOKEN = "WeilingCbToken20240501";
const AES_KEY = "Q2FsbGJhY2tLZXlGb3JXZWlsaW5nVGVzdHMwMTIzNDU";
const TO_APP = "wl-app-7f3a";

interface Received {
  message?: unknown;
  error?: unknown;
}

let local: LocalServer;
let base: string;
let received: Received[];
beforeEach(async () => {
  received = [];
  const receiver = createWeilingWebhookReceiver({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: TO_APP });
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    try {
      if (req.method === "GET") {
        const echo = await receiver.verifyUrl(req.url ?? "");
        res.writeHead(200, { "content-type": "text/plain" }).end(echo);
      } else {
        received.push({ message: (await receiver.open({ query: req.url ?? "", body })).message });
        res.writeHead(200, { "content-type": "text/plain" }).end(receiver.ack);
      }
    } catch (error) {
      received.push({ error });
      res.writeHead(error instanceof ScrmWebhookError ? 403 : 500).end("error");
    }
  });
  local = await listenLocal(server);
  base = `${local.url}/weiling/callback`;
});
afterEach(() => local.close());

/** SHA1 of the sorted parts, written out here rather than taken from the code under test. */
const sha1Sorted = (...parts: string[]) => createHash("sha1").update(parts.sort().join("")).digest("hex");

const sender = createWeilingWebhookReceiver({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: TO_APP });
const OPPORTUNITY_ADD = {
  header: { event_type: "opportunity_add", time_stamp: "1611580672000", to_app: TO_APP },
  event: {
    business_id: "b-10086",
    business_name: "华南区年度采购",
    company_id: "c-2001",
    stage: 2,
    owner_id: "u-77",
    except_amount: 120000,
    create_user_id: "u-77",
  },
};
const at = { timestamp: "1611580672", nonce: "5523019" };

const post = (query: Record<string, string>, body: string) =>
  fetch(`${base}?${new URLSearchParams(query)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });

function lastError(): ScrmWebhookError {
  const error = received.at(-1)?.error;
  expect(error).toBeInstanceOf(ScrmWebhookError);
  const e = error as ScrmWebhookError;
  expect(e.vendor).toBe("weiling");
  const key = Buffer.from(`${AES_KEY}=`, "base64");
  const secrets = [TOKEN, AES_KEY, key.toString("hex"), key.toString("base64"), key.toString("latin1")];
  for (const text of errorTexts(e)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  return e;
}

describe("a real HTTP receiver", () => {
  it("answers the URL-verification GET with the decrypted echostr", async () => {
    const { query, encrypted } = await sender.sealEcho("echo-8842019", at);
    expect(query.msg_signature).toBe(sha1Sorted(TOKEN, at.timestamp, at.nonce, encrypted));
    const res = await fetch(`${base}?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("echo-8842019");
  });

  it("accepts a sealed {to_app, encrypt_msg} POST, decrypts it and answers success", async () => {
    const { query, body } = await sender.seal(OPPORTUNITY_ADD, { ...at, fields: { to_app: TO_APP } });
    expect(Object.keys(JSON.parse(body ?? "{}"))).toEqual(["to_app", "encrypt_msg"]);
    const res = await post(query, body ?? "");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("success");
    expect(received).toEqual([{ message: OPPORTUNITY_ADD }]);
  });

  it("seals in the WeCom layout: IV = first 16 key bytes; random + BE length + message + trailing id + PKCS#7 to 32", async () => {
    const random = Buffer.from("fedcba9876543210");
    const { encrypted } = await sender.sealEcho("echo-1", { ...at, random });
    const key = Buffer.from(`${AES_KEY}=`, "base64");
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, "base64")), decipher.final()]);
    const body = Buffer.concat([random, Buffer.from([0, 0, 0, 6]), Buffer.from("echo-1"), Buffer.from(TO_APP)]);
    const pad = 32 - (body.length % 32);
    expect(plain).toEqual(Buffer.concat([body, Buffer.alloc(pad, pad)]));
  });

  it("rejects a wrong signature, on GET and on POST, with signature-mismatch", async () => {
    const echo = await sender.sealEcho("echo", at);
    const forgedEcho = { ...echo.query, msg_signature: sha1Sorted("guess", at.timestamp, at.nonce, echo.encrypted) };
    expect((await fetch(`${base}?${new URLSearchParams(forgedEcho)}`)).status).toBe(403);
    expect(lastError().reason).toBe("signature-mismatch");
    const { query, body } = await sender.seal(OPPORTUNITY_ADD, at);
    expect((await post({ ...query, nonce: "5523020" }, body ?? "")).status).toBe(403);
    expect(lastError().reason).toBe("signature-mismatch");
  });

  it("rejects a message sealed for another app with receive-id-mismatch", async () => {
    const { query, body } = await sender.seal(OPPORTUNITY_ADD, { ...at, receiveId: "wl-app-other" });
    expect((await post(query, body ?? "")).status).toBe(403);
    expect(lastError().reason).toBe("receive-id-mismatch");
  });

  it("rejects a truncated ciphertext (re-signed, so it reaches decryption) with decrypt-failed", async () => {
    const { encrypted } = await sender.seal(OPPORTUNITY_ADD, at);
    for (const cut of [Buffer.from(encrypted, "base64").subarray(0, -16).toString("base64"), encrypted.slice(0, -4)]) {
      const query = { msg_signature: sha1Sorted(TOKEN, at.timestamp, at.nonce, cut), ...at };
      expect((await post(query, JSON.stringify({ to_app: TO_APP, encrypt_msg: cut }))).status).toBe(403);
      expect(lastError().reason).toBe("decrypt-failed");
    }
  });

  it("rejects a body that is not JSON with malformed", async () => {
    const { query } = await sender.seal(OPPORTUNITY_ADD, at);
    expect((await post(query, "encrypt_msg=abc")).status).toBe(403);
    expect(lastError().reason).toBe("malformed");
  });
});
