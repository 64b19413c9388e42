/**
 * Style `sha256-aes-ctr` (探马): the signature header = SHA-256 hex of the spec's parts (header values and the app key,
 * no body); body = Base64 of AES-128-CTR with key = SHA-256(appKey)[0..16), IV = SHA-256(corpid)[0..16), where corpid
 * is given or else the part of appId before the spec's corpIdSeparator. Every header name comes from the spec's roles.
 *
 * The body is not signed, and CTR with a fixed IV is malleable: flipping ciphertext bits changes the decrypted message
 * undetected (and a body can be swapped between pushes of one millisecond). The window and the guard bound replays of
 * whole requests only; check the message against your own records before acting on it.
 */
import { createCipheriv, createHash } from "node:crypto";
import { ScrmConfigError } from "../errors.js";
import type { Sha256AesCtrCryptoMeta } from "../meta.js";
import { decodeBase64, fail, header, sameText, utf8 } from "./codec.js";
import type { Guard } from "./guard.js";
import { parseJsonLossless } from "./json.js";
import type { JsonValue, OpenedWebhook, Sha256AesCtrReceiver, Sha256AesCtrSecrets, WebhookRequest } from "./types.js";

/** What one receiver knows: its spec block, the configured app id and key, and the derived AES key and IV. */
interface Ctr {
  vendor: string;
  meta: Sha256AesCtrCryptoMeta;
  appId: string;
  appKey: string;
  key: Buffer;
  iv: Buffer;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

export function sha256AesCtrReceiver(
  vendor: string,
  meta: Sha256AesCtrCryptoMeta,
  secrets: Sha256AesCtrSecrets,
  guard: Guard,
): Sha256AesCtrReceiver {
  const ctr = sha256AesCtrKeys(vendor, meta, secrets);
  return {
    vendor,
    style: "sha256-aes-ctr",
    ack: meta.ack,
    async open<T = JsonValue>(request: WebhookRequest): Promise<OpenedWebhook<T>> {
      guard.size("open", request.body);
      const sent = checkHeaders(ctr, request);
      guard.fresh("open", sent.timestamp, meta.signature.timestampUnit);
      const { bytes, plaintext, message } = decrypt(ctr, request.body);
      // The signature does not cover the body, so the replay key is the signature and the body together.
      await guard.once("open", `${sent.signature}:${createHash("sha256").update(bytes).digest("hex")}`);
      return { message: message as T, plaintext };
    },
    seal(message, options) {
      const { roles } = meta;
      const values: Record<string, string> = {
        ...options,
        [roles.timestamp]: options.timestamp,
        [roles.appId]: ctr.appId,
      };
      const headers: Record<string, string> = {};
      for (const name of meta.headers)
        headers[name] = name === roles.signature ? sign(ctr, values) : (values[name] ?? "");
      const text = typeof message === "string" ? message : JSON.stringify(message);
      return { headers, body: cipher(ctr, Buffer.from(text, "utf8")).toString("base64") };
    },
  };
}

/** Checks the secrets and the spec's roles once, at creation, and derives the AES key and IV. */
function sha256AesCtrKeys(vendor: string, meta: Sha256AesCtrCryptoMeta, secrets: Sha256AesCtrSecrets): Ctr {
  const { appId, appKey } = secrets;
  if (!appId) throw new ScrmConfigError(vendor, "appId", "is required");
  if (!appKey) throw new ScrmConfigError(vendor, "appKey", "is required");
  for (const part of meta.signature.parts) {
    if (part !== meta.signature.key && !meta.headers.includes(part)) {
      throw new ScrmConfigError(vendor, part, "is a signature part that is neither a header nor the key (spec error)");
    }
  }
  for (const [role, name] of Object.entries(meta.roles)) {
    if (!meta.headers.includes(name)) {
      throw new ScrmConfigError(vendor, name, `names the ${role} role but is not a header (spec error)`);
    }
  }
  // By the doc's prose the corpid is the part of appId before "_" (ww51046ddc4f4df510_NjaEnW → ww51046ddc4f4df510).
  const corpId = secrets.corpId ?? (meta.corpIdSeparator ? appId.split(meta.corpIdSeparator)[0] : appId) ?? appId;
  return { vendor, meta, appId, appKey, key: digest(appKey).subarray(0, 16), iv: digest(corpId).subarray(0, 16) };
}

function sign(ctr: Ctr, values: Record<string, string>): string {
  const { parts, key } = ctr.meta.signature;
  const text = parts.map((part) => (part === key ? ctr.appKey : (values[part] ?? ""))).join("");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Every header present, the app id the configured one, the signature right: the signature and timestamp sent. */
function checkHeaders(ctr: Ctr, request: WebhookRequest): { signature: string; timestamp: string } {
  const { vendor, meta } = ctr;
  const values: Record<string, string> = {};
  for (const name of meta.headers) {
    const value = header(request.headers, name);
    if (!value) throw fail(vendor, "open", "malformed", `header ${name} is missing`);
    values[name] = value;
  }
  const { appId, signature, timestamp } = meta.roles;
  if (values[appId] !== ctr.appId) {
    const sent = JSON.stringify(values[appId]);
    throw fail(vendor, "open", "receive-id-mismatch", `${appId} header ${sent} is not the configured appId`);
  }
  const sentSign = (values[signature] ?? "").toLowerCase();
  if (!sameText(sentSign, sign(ctr, values))) {
    throw fail(vendor, "open", "signature-mismatch", `${signature} does not match ${meta.signature.parts.join(" + ")}`);
  }
  return { signature: sentSign, timestamp: values[timestamp] ?? "" };
}

function decrypt(
  ctr: Ctr,
  body: string | Uint8Array | undefined,
): { bytes: Buffer; plaintext: string; message: JsonValue } {
  const text = typeof body === "string" ? body : body ? utf8(body) : undefined;
  const bytes = text === undefined ? undefined : decodeBase64(text.trim());
  if (!bytes || bytes.length === 0) throw fail(ctr.vendor, "open", "malformed", "body is not a Base64 string");
  const plaintext = utf8(cipher(ctr, bytes));
  try {
    if (plaintext === undefined) throw new Error("not UTF-8");
    return { bytes, plaintext, message: parseJsonLossless(plaintext) };
  } catch (error) {
    // CTR cannot fail by itself: garbage out means a wrong appKey/appId or an altered body.
    throw fail(
      ctr.vendor,
      "open",
      "decrypt-failed",
      "body does not decrypt to JSON (wrong appKey or altered body?)",
      error,
    );
  }
}

/** AES-128-CTR, the same operation both ways. */
function cipher(ctr: Ctr, data: Buffer): Buffer {
  const aes = createCipheriv("aes-128-ctr", ctr.key, ctr.iv);
  return Buffer.concat([aes.update(data), aes.final()]);
}
