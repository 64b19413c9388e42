// The Web Crypto operations the schemes need (crypto.subtle: Node, Deno, Bun, workerd and browsers alike), the default
// `WebhookCrypto`; node-crypto.ts is the same set on node:crypto.
import { concatBytes } from "./codec.js";
import type { WebhookCrypto } from "./types.js";

type Bytes = Uint8Array<ArrayBuffer>;

async function digest(algorithm: "SHA-1" | "SHA-256", data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest(algorithm, data));
}

async function digestHex(algorithm: "SHA-1" | "SHA-256", data: Bytes): Promise<string> {
  let hex = "";
  for (const byte of await digest(algorithm, data)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

function importAes(name: "AES-CBC" | "AES-CTR", key: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", key, name, false, ["encrypt", "decrypt"]);
}

const BLOCK = 16;
const FULL_PAD = new Uint8Array(BLOCK).fill(BLOCK);

/**
 * AES-CBC without removing any padding. Web Crypto insists on PKCS#7 to 16 bytes, but WeCom pads to 32: one block
 * E(0x10… XOR last) is appended, which decrypts to a full 16-byte pad that Web Crypto strips, leaving every byte.
 */
async function cbcDecryptRaw(key: CryptoKey, iv: Bytes, data: Bytes): Promise<Bytes> {
  const last = data.subarray(data.length - BLOCK);
  const tail = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: last }, key, FULL_PAD));
  const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, concatBytes(data, tail.subarray(0, BLOCK)));
  return new Uint8Array(plain);
}

/** AES-CBC of data already padded to whole blocks: Web Crypto's own extra pad block is dropped. */
async function cbcEncryptRaw(key: CryptoKey, iv: Bytes, data: Bytes): Promise<Bytes> {
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, data));
  return sealed.subarray(0, data.length);
}

/** AES-CTR with a 128-bit big-endian counter: the same operation both ways. */
async function ctr(key: CryptoKey, counter: Bytes, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CTR", counter, length: 128 }, key, data));
}

/** The receivers' default crypto: crypto.subtle, on every runtime. */
export const webCrypto: WebhookCrypto<CryptoKey> = { digest, digestHex, importAes, cbcDecryptRaw, cbcEncryptRaw, ctr };
