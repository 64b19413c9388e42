/**
 * Style `sha256-aes-ctr` (探马): the signature header = SHA-256 hex of the spec's parts (header values and the app key,
 * no body); body = Base64 of AES-128-CTR with key = SHA-256(appKey)[0..16), IV = SHA-256(corpid)[0..16), where corpid
 * is given or else the part of appId before the spec's corpIdSeparator. Every header name comes from the spec's roles.
 *
 * The body is not signed, and CTR with a fixed IV is malleable: flipping ciphertext bits changes the decrypted message
 * undetected (and a body can be swapped between pushes of one millisecond). The window and the guard bound replays of
 * whole requests only; check the message against your own records before acting on it.
 */
import { ScrmConfigError } from "../errors.js";
import type { Sha256AesCtrCryptoMeta } from "../meta.js";
import { decodeBase64, encodeBase64, fail, header, sameText, signedAt, utf8, utf8Bytes } from "./codec.js";
import type { Guard } from "./guard.js";
import { parseJsonLossless } from "./json.js";
import { webCrypto } from "./subtle.js";
import type {
  JsonValue,
  OpenedWebhook,
  Sha256AesCtrReceiver,
  Sha256AesCtrSecrets,
  WebhookCrypto,
  WebhookReceiverOptions,
  WebhookRequest,
} from "./types.js";

type Bytes = Uint8Array<ArrayBuffer>;

/** What one receiver knows: its spec block, the configured app id and key, and the derived AES key and IV. */
interface Ctr {
  vendor: string;
  meta: Sha256AesCtrCryptoMeta;
  appId: string;
  appKey: string;
  crypto: WebhookCrypto;
  /** Derived and imported once, on first use. */
  keys: () => Promise<{ key: unknown; iv: Bytes }>;
}

export function sha256AesCtrReceiver(
  vendor: string,
  meta: Sha256AesCtrCryptoMeta,
  secrets: Sha256AesCtrSecrets,
  options: WebhookReceiverOptions,
  guard: Guard,
): Sha256AesCtrReceiver {
  const ctr = sha256AesCtrKeys(vendor, meta, secrets, options.crypto ?? webCrypto);
  return {
    vendor,
    style: "sha256-aes-ctr",
    ack: meta.ack,
    async open<T = JsonValue>(request: WebhookRequest): Promise<OpenedWebhook<T>> {
      guard.size("open", request.body);
      const sent = await checkHeaders(ctr, request);
      guard.fresh("open", sent.timestamp, meta.signature.timestampUnit);
      const { bytes, plaintext, message } = await decrypt(ctr, request.body);
      const unit = meta.signature.timestampUnit === "s" ? 1000 : 1;
      const opened: OpenedWebhook<T> = { message: message as T, plaintext, ...signedAt(sent.timestamp, unit) };
      // The signature does not cover the body, so the replay key is the signature and the body together.
      // (The body's digest is only taken when a guard is set: it costs a crypto call per callback.)
      const id = async () => `${sent.signature}:${await ctr.crypto.digestHex("SHA-256", bytes)}`;
      await guard.once("open", id, opened);
      return opened;
    },
    forget: (opened) => guard.forget(opened),
    async seal(message, options) {
      const { roles } = meta;
      const values: Record<string, string> = {
        ...options,
        [roles.timestamp]: options.timestamp,
        [roles.appId]: ctr.appId,
      };
      const headers: Record<string, string> = {};
      for (const name of meta.headers) {
        headers[name] = name === roles.signature ? await sign(ctr, values) : (values[name] ?? "");
      }
      const text = typeof message === "string" ? message : JSON.stringify(message);
      const { key, iv } = await ctr.keys();
      return { headers, body: encodeBase64(await ctr.crypto.ctr(key, iv, utf8Bytes(text))) };
    },
  };
}

/** Checks the secrets and the spec's roles once, at creation; the AES key and IV are derived on first use. */
function sha256AesCtrKeys(
  vendor: string,
  meta: Sha256AesCtrCryptoMeta,
  secrets: Sha256AesCtrSecrets,
  crypto: WebhookCrypto,
): Ctr {
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
  let keys: Promise<{ key: unknown; iv: Bytes }> | undefined;
  const derive = async () => {
    const key = await crypto.importAes("AES-CTR", (await crypto.digest("SHA-256", utf8Bytes(appKey))).slice(0, 16));
    return { key, iv: (await crypto.digest("SHA-256", utf8Bytes(corpId))).slice(0, 16) };
  };
  return {
    vendor,
    meta,
    appId,
    appKey,
    crypto,
    keys: () => {
      keys ??= derive();
      return keys;
    },
  };
}

async function sign(ctr: Ctr, values: Record<string, string>): Promise<string> {
  const { parts, key } = ctr.meta.signature;
  const text = parts.map((part) => (part === key ? ctr.appKey : (values[part] ?? ""))).join("");
  return ctr.crypto.digestHex("SHA-256", utf8Bytes(text));
}

/** Every header present, the app id the configured one, the signature right: the signature and timestamp sent. */
async function checkHeaders(ctr: Ctr, request: WebhookRequest): Promise<{ signature: string; timestamp: string }> {
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
  if (!sameText(sentSign, await sign(ctr, values))) {
    throw fail(vendor, "open", "signature-mismatch", `${signature} does not match ${meta.signature.parts.join(" + ")}`);
  }
  return { signature: sentSign, timestamp: values[timestamp] ?? "" };
}

async function decrypt(
  ctr: Ctr,
  body: string | Uint8Array | undefined,
): Promise<{ bytes: Bytes; plaintext: string; message: JsonValue }> {
  const text = typeof body === "string" ? body : body ? utf8(body) : undefined;
  const bytes = text === undefined ? undefined : decodeBase64(text.trim());
  if (!bytes || bytes.length === 0) throw fail(ctr.vendor, "open", "malformed", "body is not a Base64 string");
  const { key, iv } = await ctr.keys();
  const plaintext = utf8(await ctr.crypto.ctr(key, iv, bytes as Bytes));
  try {
    if (plaintext === undefined) throw new Error("not UTF-8");
    return { bytes: bytes as Bytes, plaintext, message: parseJsonLossless(plaintext) };
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
