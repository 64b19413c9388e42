// The two crypto styles as a vendor's generated meta declares them, for the receiver tests: WeCom's sha1-aes-cbc
// (query roles, sorted SHA-1) and Tanma's sha256-aes-ctr (header roles, hex SHA-256). Tests override what they vary.
import type { Sha1AesCbcCryptoMeta, Sha256AesCtrCryptoMeta } from "../src/webhooks/index.js";

export const CBC_META: Sha1AesCbcCryptoMeta = {
  style: "sha1-aes-cbc",
  source: "https://example.cn/doc",
  query: { signature: "msg_signature", timestamp: "timestamp", nonce: "nonce", echostr: "echostr" },
  signature: { algorithm: "sha1-sorted", parts: ["token", "timestamp", "nonce", "encrypted"] },
  encryptedField: "encrypt",
};

export const CTR_META: Sha256AesCtrCryptoMeta = {
  style: "sha256-aes-ctr",
  source: "https://example.cn/doc",
  headers: ["appId", "timestamp", "version", "sign"],
  roles: { appId: "appId", timestamp: "timestamp", signature: "sign" },
  signature: {
    algorithm: "sha256-hex",
    timestampUnit: "ms",
    parts: ["appId", "version", "timestamp", "appKey"],
    key: "appKey",
  },
  corpIdSeparator: "_",
};
