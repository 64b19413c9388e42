// Push verification and decryption (packages/core webhook.ts) through the public Tanma wiring: the vendor's official
// test vector, then a real local node:http receiver fed real HTTP POSTs.

import { createDecipheriv, createHash } from "node:crypto";
import { createServer } from "node:http";
import { ScrmWebhookError } from "@scrm-openapi/core";
import { webCrypto } from "@scrm-openapi/core/webhooks";
import { nodeCrypto } from "@scrm-openapi/core/webhooks/node";
import { errorTexts, type LocalServer, listenLocal, readBody, TANMA_PUSH_VECTOR } from "@scrm-openapi/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookCrypto } from "../src/generated/meta.js";
import { createTanmaWebhookReceiver } from "../src/webhooks.js";

// Tanma's official push vector (tools/testing/src/webhook-vectors.ts says where it comes from).
const VECTOR = TANMA_PUSH_VECTOR;

/** The vectors on both crypto sets: same checks, same results. */
const CRYPTO = [
  ["webCrypto", webCrypto],
  ["nodeCrypto", nodeCrypto],
] as const;

describe.each(CRYPTO)("official test vector (%s)", (_, crypto) => {
  const receiver = createTanmaWebhookReceiver({
    appId: VECTOR.appId,
    appKey: VECTOR.appKey,
    corpId: "zc_test",
    crypto,
  });
  const headers = { appId: VECTOR.appId, timestamp: VECTOR.timestamp, version: VECTOR.version, sign: VECTOR.sign };

  it("the documented sign is SHA-256 of appId + version + timestamp + appKey, as the spec declares", () => {
    expect(webhookCrypto.signature.parts).toEqual(["appId", "version", "timestamp", "appKey"]);
    const recomputed = createHash("sha256").update(`zc_test${VECTOR.version}${VECTOR.timestamp}zc_test`).digest("hex");
    expect(recomputed).toBe(VECTOR.sign);
  });

  it("verifies the sign and decrypts the body to the documented plaintext, keeping the 64-bit noise exact", async () => {
    const opened = await receiver.open({ headers, body: VECTOR.body });
    expect(opened.plaintext).toBe(VECTOR.plaintext);
    // 4970601478527096155 > 2^53: a plain JSON.parse would round it and the echo would not match.
    expect(opened.message).toEqual({ type: "register", noise: "4970601478527096155", msgId: 999, content: "hello" });
    expect(receiver.ack).toBeUndefined();
  });

  it("seal reproduces the vendor's sign and ciphertext byte for byte", async () => {
    const sealed = await receiver.seal(VECTOR.plaintext, { timestamp: VECTOR.timestamp, version: VECTOR.version });
    expect(sealed).toEqual({ headers, body: VECTOR.body });
  });

  it("without the stated corpid, the doc's 'appId before _' rule gives corpid \"zc\" and the body does not decrypt", async () => {
    const byRule = createTanmaWebhookReceiver({ appId: VECTOR.appId, appKey: VECTOR.appKey, crypto });
    await expect(byRule.open({ headers, body: VECTOR.body })).rejects.toThrow(
      expect.objectContaining({ reason: "decrypt-failed", vendor: "tanma" }),
    );
  });

  it("rejects the vector under another appKey: the sign no longer matches", async () => {
    const other = createTanmaWebhookReceiver({
      appId: VECTOR.appId,
      appKey: "zc_test_other",
      corpId: "zc_test",
      crypto,
    });
    await expect(other.open({ headers, body: VECTOR.body })).rejects.toThrow(
      expect.objectContaining({ reason: "signature-mismatch", vendor: "tanma" }),
    );
  });
});

// A receiver service as an integrator would write it: Tanma POSTs text/plain Base64 with the signed headers.
const APP_ID = "ww51046ddc4f4df510_NjaEnW";
const APP_KEY = "k3y-f0r-t4nma-pushes-Zq81xYw";

interface Received {
  message?: unknown;
  error?: unknown;
}

let local: LocalServer;
let url: string;
let received: Received[];
beforeEach(async () => {
  received = [];
  const receiver = createTanmaWebhookReceiver({ appId: APP_ID, appKey: APP_KEY });
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    try {
      const { message } = await receiver.open({ headers: req.headers, body });
      received.push({ message });
      // Echo noise: the doc requires it, without giving the exact reply format.
      const noise = (message as { noise?: unknown }).noise;
      res.writeHead(200, { "content-type": "application/json" }).end(`{"noise":${String(noise)}}`);
    } catch (error) {
      received.push({ error });
      res.writeHead(error instanceof ScrmWebhookError ? 403 : 500).end(String((error as Error).message));
    }
  });
  local = await listenLocal(server);
  url = `${local.url}/tanma/push`;
});
afterEach(() => local.close());

const push = (headers: Record<string, string>, body: string) =>
  fetch(url, { method: "POST", headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, body });

/** The sender side: what Tanma would POST for this message. */
const sender = createTanmaWebhookReceiver({ appId: APP_ID, appKey: APP_KEY });
const OPPORTUNITY = {
  type: "opportunity_info",
  noise: "9007199254740993123",
  msgId: 12,
  content: {
    changeType: "edit_opportunity",
    opportunityId: 7,
    opportunityName: "华东区续约",
    stageAt: "2023-01-14 12:06:02",
  },
};
const sealed = () =>
  sender.seal(
    // noise goes on the wire as a bare 64-bit integer, as Tanma sends it.
    JSON.stringify(OPPORTUNITY).replace('"9007199254740993123"', "9007199254740993123"),
    { timestamp: "1700000000123", version: "1" },
  );

function lastError(): ScrmWebhookError {
  const error = received.at(-1)?.error;
  expect(error).toBeInstanceOf(ScrmWebhookError);
  const e = error as ScrmWebhookError;
  expect(e.vendor).toBe("tanma");
  for (const text of errorTexts(e)) {
    expect(text).not.toContain(APP_KEY);
  }
  return e;
}

describe("a real HTTP receiver", () => {
  it("accepts a sealed push, decrypts it and can echo the exact noise", async () => {
    const { headers, body } = await sealed();
    const res = await push(headers, body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"noise":9007199254740993123}');
    expect(received).toEqual([{ message: OPPORTUNITY }]);
  });

  it('encrypts with key = SHA-256(appKey)[0..16) and IV = SHA-256(appId before "_")[0..16), AES-128-CTR', async () => {
    const { body } = await sealed();
    const sha = (text: string) => createHash("sha256").update(text).digest().subarray(0, 16);
    const decipher = createDecipheriv("aes-128-ctr", sha(APP_KEY), sha("ww51046ddc4f4df510"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    expect(text).toContain('"noise":9007199254740993123,');
    expect(text).toContain("华东区续约");
  });

  it("rejects a forged sign with signature-mismatch", async () => {
    const { headers, body } = await sealed();
    const forged = createHash("sha256").update(`${APP_ID}1${headers.timestamp}guessed-key`).digest("hex");
    const res = await push({ ...headers, sign: forged }, body);
    expect(res.status).toBe(403);
    expect(lastError().reason).toBe("signature-mismatch");
  });

  it("rejects a replayed sign with a changed timestamp", async () => {
    const { headers, body } = await sealed();
    const res = await push({ ...headers, timestamp: "1700000000999" }, body);
    expect(res.status).toBe(403);
    expect(lastError().reason).toBe("signature-mismatch");
  });

  it("rejects a body altered in transit with decrypt-failed", async () => {
    const { headers, body } = await sealed();
    const bytes = Buffer.from(body, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 0x01; // CTR flips the same plaintext bit: "{" is no longer "{"
    const res = await push(headers, bytes.toString("base64"));
    expect(res.status).toBe(403);
    expect(lastError().reason).toBe("decrypt-failed");
  });

  it("rejects a truncated body with decrypt-failed", async () => {
    const { headers, body } = await sealed();
    const res = await push(headers, Buffer.from(body, "base64").subarray(0, -3).toString("base64"));
    expect(res.status).toBe(403);
    expect(lastError().reason).toBe("decrypt-failed");
  });

  it("rejects a body that is not Base64, and a missing header, with malformed", async () => {
    const { headers, body } = await sealed();
    expect((await push(headers, `${body}!!`)).status).toBe(403);
    expect(lastError().reason).toBe("malformed");
    const { version: _dropped, ...withoutVersion } = headers;
    expect((await push(withoutVersion, body)).status).toBe(403);
    expect(lastError().reason).toBe("malformed");
    expect(lastError().message).toContain("version");
  });

  it("rejects a push signed for another app with receive-id-mismatch", async () => {
    const other = createTanmaWebhookReceiver({ appId: "ww0000000000000000_Other", appKey: APP_KEY });
    const { headers, body } = await other.seal(JSON.stringify(OPPORTUNITY), {
      timestamp: "1700000000123",
      version: "1",
    });
    const res = await push(headers, body);
    expect(res.status).toBe(403);
    expect(lastError().reason).toBe("receive-id-mismatch");
  });
});
