// The receivers' crypto on node:crypto, run in the calling thread: on Node each crypto.subtle call is queued to a
// worker thread, which costs more than the AES and digests of one callback. Only `./webhooks/node` loads this file.
import { createCipheriv, createDecipheriv, createHash, createSecretKey, type KeyObject } from "node:crypto";
import type { WebhookCrypto } from "./types.js";

const HASH = { "SHA-1": "sha1", "SHA-256": "sha256" } as const;

/** Node hands back Buffers; a plain Uint8Array over the same bytes keeps `slice` a copy, as on Web Crypto. */
const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);

/** AES without padding (the schemes pad and check it themselves), `mode` with the key's own size. */
function aes(decrypt: boolean, mode: "cbc" | "ctr", key: KeyObject, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const algorithm = `aes-${(key.symmetricKeySize ?? 0) * 8}-${mode}`;
  const cipher = decrypt ? createDecipheriv(algorithm, key, iv) : createCipheriv(algorithm, key, iv);
  cipher.setAutoPadding(false);
  return bytes(Buffer.concat([cipher.update(data), cipher.final()]));
}

/**
 * node:crypto for the webhook receivers: `createWeibanWebhooks({ ...secrets, crypto: nodeCrypto })`. Same checks, in
 * the same order, with the same results as the Web Crypto default; only faster on Node.
 */
export const nodeCrypto: WebhookCrypto<KeyObject> = {
  digest: (algorithm, data) => bytes(createHash(HASH[algorithm]).update(data).digest()),
  digestHex: (algorithm, data) => createHash(HASH[algorithm]).update(data).digest("hex"),
  importAes: (_name, key) => createSecretKey(key),
  cbcDecryptRaw: (key, iv, data) => aes(true, "cbc", key, iv, data),
  cbcEncryptRaw: (key, iv, data) => aes(false, "cbc", key, iv, data),
  ctr: (key, counter, data) => aes(false, "ctr", key, counter, data),
};
