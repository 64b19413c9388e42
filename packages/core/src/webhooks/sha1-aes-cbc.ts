/**
 * Style `sha1-aes-cbc`, WeCom's WXBizMsgCrypt (卫瓴, 微伴): msg_signature = SHA-1 hex of the sorted [token, timestamp,
 * nonce, ciphertext]; AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = first 16 key bytes; plaintext =
 * 16 random bytes + 4-byte big-endian length + message + trailing receive id, padded (PKCS#7) to 32 bytes.
 *
 * It signs token + timestamp + nonce + ciphertext, so tampering is detected; without the timestamp window and the
 * replay guard, a captured callback can be replayed as is.
 */
import { ScrmConfigError } from "../errors.js";
import type { Sha1AesCbcCryptoMeta } from "../meta.js";
import {
  concatBytes,
  decodeBase64,
  encodeBase64,
  fail,
  sameText,
  signedAt,
  toQuery,
  utf8,
  utf8Bytes,
} from "./codec.js";
import type { Guard } from "./guard.js";
import { parseJsonLossless } from "./json.js";
import { webCrypto } from "./subtle.js";
import type {
  JsonValue,
  OpenedWebhook,
  Sha1AesCbcReceiver,
  Sha1AesCbcSealOptions,
  Sha1AesCbcSecrets,
  WebhookCrypto,
  WebhookReceiverOptions,
  WebhookRequest,
} from "./types.js";

/** What one receiver knows: its spec block, its keys and the field holding the ciphertext. */
interface Cbc {
  vendor: string;
  meta: Sha1AesCbcCryptoMeta;
  token: string;
  crypto: WebhookCrypto;
  /** Imported once, on first use. */
  key: () => Promise<unknown>;
  iv: Uint8Array<ArrayBuffer>;
  receiveId: string | undefined;
  encryptedField: string | undefined;
}

export function sha1AesCbcReceiver(
  vendor: string,
  meta: Sha1AesCbcCryptoMeta,
  secrets: Sha1AesCbcSecrets,
  options: WebhookReceiverOptions,
  guard: Guard,
): Sha1AesCbcReceiver {
  const cbc = sha1AesCbcKeys(vendor, meta, secrets, options);
  return {
    vendor,
    style: "sha1-aes-cbc",
    ack: meta.ack,
    async verifyUrl(input) {
      const query = toQuery(input);
      const echostr = query.get(meta.query.echostr);
      if (!echostr) throw fail(vendor, "verifyUrl", "malformed", `query has no ${meta.query.echostr}`);
      // A "+" left unencoded in the URL arrives as a space; Base64 never contains spaces.
      const encrypted = echostr.replaceAll(" ", "+");
      await checkSignature(cbc, guard, "verifyUrl", query, encrypted);
      return (await decrypt(cbc, "verifyUrl", encrypted)).text;
    },
    async open<T = JsonValue>(request: WebhookRequest): Promise<OpenedWebhook<T>> {
      guard.size("open", request.encrypted ?? request.body);
      const query = toQuery(request.query ?? "");
      const encrypted = request.encrypted ?? extractEncrypted(cbc, request.body);
      const { signature, timestamp } = await checkSignature(cbc, guard, "open", query, encrypted);
      const { text, trailing } = await decrypt(cbc, "open", encrypted);
      const opened: OpenedWebhook<T> = {
        message: parseMessage(cbc, "open", text) as T,
        plaintext: text,
        receiveId: trailing,
        ...signedAt(timestamp, 1000),
      };
      // The signature covers timestamp, nonce and ciphertext: the same signature again is the same callback again.
      await guard.once("open", signature, opened);
      return opened;
    },
    forget: (opened) => guard.forget(opened),
    async seal(message, seal) {
      const encrypted = await encrypt(cbc, typeof message === "string" ? message : JSON.stringify(message), seal);
      const field = cbc.encryptedField;
      const body = field ? JSON.stringify({ ...seal.fields, [field]: encrypted }) : undefined;
      return { query: await sealedQuery(cbc, encrypted, seal), encrypted, body };
    },
    async sealEcho(echo, seal) {
      const encrypted = await encrypt(cbc, echo, seal);
      return { query: { ...(await sealedQuery(cbc, encrypted, seal)), [meta.query.echostr]: encrypted }, encrypted };
    },
  };
}

/** Checks the secrets once, at creation, and derives the AES key and IV. */
function sha1AesCbcKeys(
  vendor: string,
  meta: Sha1AesCbcCryptoMeta,
  secrets: Sha1AesCbcSecrets,
  options: WebhookReceiverOptions,
): Cbc {
  const { token, encodingAESKey } = secrets;
  if (!token) throw new ScrmConfigError(vendor, "token", "is required");
  // 43 Base64 characters are 32 bytes once the one missing "=" is restored.
  const keyBytes = /^[A-Za-z0-9+/]{43}$/.test(encodingAESKey ?? "") ? decodeBase64(`${encodingAESKey}=`) : undefined;
  if (!keyBytes) throw new ScrmConfigError(vendor, "encodingAESKey", "must be 43 letters or digits");
  for (const role of meta.signature.parts) {
    if (!ROLES.includes(role)) throw new ScrmConfigError(vendor, role, `is no signature role (${ROLES.join(", ")})`);
  }
  if (meta.receiveId && secrets.receiveId === undefined) {
    throw new ScrmConfigError(vendor, meta.receiveId, "is required (the spec declares it as the receive id)");
  }
  const primitives = options.crypto ?? webCrypto;
  let key: Promise<unknown> | undefined;
  return {
    vendor,
    meta,
    token,
    crypto: primitives,
    key: () => {
      key ??= Promise.resolve(primitives.importAes("AES-CBC", keyBytes as Uint8Array<ArrayBuffer>));
      return key;
    },
    iv: keyBytes.slice(0, 16) as Uint8Array<ArrayBuffer>,
    receiveId: secrets.receiveId,
    encryptedField: options.encryptedField ?? meta.encryptedField,
  };
}

/** What the spec's signature parts may name (checked at creation). */
const ROLES = ["token", "timestamp", "nonce", "encrypted"];

async function sign(cbc: Cbc, values: { timestamp: string; nonce: string; encrypted: string }): Promise<string> {
  const parts = cbc.meta.signature.parts.map((role) =>
    role === "token" ? cbc.token : values[role as keyof typeof values],
  );
  return cbc.crypto.digestHex("SHA-1", utf8Bytes(parts.sort().join("")));
}

/** The signature, lower-cased, and the timestamp, once it matches; then the timestamp window. */
async function checkSignature(
  cbc: Cbc,
  guard: Guard,
  step: string,
  query: URLSearchParams,
  encrypted: string,
): Promise<{ signature: string; timestamp: string }> {
  const names = cbc.meta.query;
  const signature = query.get(names.signature);
  const timestamp = query.get(names.timestamp);
  const nonce = query.get(names.nonce);
  if (!signature || timestamp === null || nonce === null) {
    throw fail(cbc.vendor, step, "malformed", `query needs ${names.signature}, ${names.timestamp} and ${names.nonce}`);
  }
  if (!sameText(signature.toLowerCase(), await sign(cbc, { timestamp, nonce, encrypted }))) {
    throw fail(
      cbc.vendor,
      step,
      "signature-mismatch",
      `${names.signature} does not match the token, timestamp, nonce and ciphertext`,
    );
  }
  guard.fresh(step, timestamp, "s");
  return { signature: signature.toLowerCase(), timestamp };
}

async function decrypt(cbc: Cbc, step: string, encrypted: string): Promise<{ text: string; trailing: string }> {
  const bytes = decodeBase64(encrypted);
  // 16 random + 4 length bytes + padding is at least two AES blocks.
  if (!bytes || bytes.length < 32 || bytes.length % 16 !== 0) {
    throw fail(
      cbc.vendor,
      step,
      "decrypt-failed",
      "ciphertext is not Base64 of whole AES blocks (truncated or altered?)",
    );
  }
  let plain: Uint8Array;
  try {
    plain = await cbc.crypto.cbcDecryptRaw(await cbc.key(), cbc.iv, bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw fail(cbc.vendor, step, "decrypt-failed", "AES-CBC decryption failed", error);
  }
  return unpack(cbc, step, plain);
}

/** Padding, length prefix, UTF-8 and the trailing id of a decrypted plaintext. */
function unpack(cbc: Cbc, step: string, plain: Uint8Array): { text: string; trailing: string } {
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > 32 || plain.subarray(plain.length - pad).some((b) => b !== pad)) {
    throw fail(
      cbc.vendor,
      step,
      "decrypt-failed",
      "bad padding after decryption (wrong EncodingAESKey or altered ciphertext)",
    );
  }
  const content = plain.subarray(16, plain.length - pad);
  const length = content.length >= 4 ? new DataView(content.buffer, content.byteOffset).getUint32(0) : -1;
  if (length < 0 || 4 + length > content.length) {
    throw fail(cbc.vendor, step, "decrypt-failed", "the length prefix does not fit the decrypted data");
  }
  const text = utf8(content.subarray(4, 4 + length));
  const trailing = utf8(content.subarray(4 + length));
  if (text === undefined || trailing === undefined) {
    throw fail(cbc.vendor, step, "decrypt-failed", "plaintext is not UTF-8");
  }
  if (cbc.receiveId !== undefined && trailing !== cbc.receiveId) {
    const role = cbc.meta.receiveId ?? "receiveId";
    throw fail(
      cbc.vendor,
      step,
      "receive-id-mismatch",
      `trailing id ${JSON.stringify(trailing)} is not the configured ${role}`,
    );
  }
  return { text, trailing };
}

async function encrypt(cbc: Cbc, text: string, seal: Sha1AesCbcSealOptions): Promise<string> {
  const message = utf8Bytes(text);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, message.length);
  const random = seal.random ?? crypto.getRandomValues(new Uint8Array(16));
  if (random.length !== 16) throw new TypeError("random must be 16 bytes");
  const trailing = utf8Bytes(seal.receiveId ?? cbc.receiveId ?? "");
  const body = concatBytes(random, length, message, trailing);
  const pad = 32 - (body.length % 32);
  const padded = concatBytes(body, new Uint8Array(pad).fill(pad));
  return encodeBase64(await cbc.crypto.cbcEncryptRaw(await cbc.key(), cbc.iv, padded));
}

async function sealedQuery(cbc: Cbc, encrypted: string, seal: Sha1AesCbcSealOptions): Promise<Record<string, string>> {
  const names = cbc.meta.query;
  return {
    [names.signature]: await sign(cbc, { timestamp: seal.timestamp, nonce: seal.nonce, encrypted }),
    [names.timestamp]: seal.timestamp,
    [names.nonce]: seal.nonce,
  };
}

function extractEncrypted(cbc: Cbc, body: string | Uint8Array | undefined): string {
  const { vendor, encryptedField } = cbc;
  if (body === undefined) throw fail(vendor, "open", "malformed", "pass the request body or the extracted ciphertext");
  if (!encryptedField) {
    throw fail(
      vendor,
      "open",
      "malformed",
      "the docs name no body field for the ciphertext: pass `encrypted` or encryptedField",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === "string" ? body : (utf8(body) ?? ""));
  } catch (error) {
    throw fail(vendor, "open", "malformed", "body is not JSON", error);
  }
  const value = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[encryptedField] : undefined;
  if (typeof value !== "string" || value === "") {
    throw fail(vendor, "open", "malformed", `body has no string ${JSON.stringify(encryptedField)} field`);
  }
  return value;
}

function parseMessage(cbc: Cbc, step: string, text: string): JsonValue {
  try {
    return parseJsonLossless(text);
  } catch (error) {
    throw fail(cbc.vendor, step, "malformed", "decrypted message is not JSON", error);
  }
}
