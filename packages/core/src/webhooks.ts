/**
 * Callback (webhook) verification and decryption, driven by a spec's `x-webhook-crypto` (meta.webhookCrypto).
 *
 * - `wecom-aes-cbc` (卫瓴, 微伴): WeCom WXBizMsgCrypt. msg_signature = SHA1 hex of the sorted [token, timestamp,
 *   nonce, ciphertext]; AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = first 16 key bytes; plaintext =
 *   16 random bytes + 4-byte big-endian length + message + trailing receive id, padded (PKCS#7) to 32 bytes.
 * - `tanma-aes-ctr` (探马): header sign = SHA-256 hex of the spec's parts (appId + version + timestamp + appKey, no
 *   body); body = Base64 of AES-128-CTR with key = SHA-256(appKey)[0..16), IV = SHA-256(corpid)[0..16), where corpid
 *   is given or else the part of appId before the spec's corpIdSeparator ("_").
 *
 * The signature is always checked before anything is decrypted (so bad padding cannot be probed without the token),
 * with a constant-time compare. Every rejected request throws ScrmWebhookError; no message carries a secret or the
 * expected signature (which would let a caller forge that one message).
 *
 * Node only (node:crypto): import it from the `webhooks` subpath, so that the client entry stays platform-neutral.
 *
 * Options bound what an attacker can make a receiver do: `maxBodyBytes` (default 1 MiB), an optional timestamp window
 * (`maxAgeSeconds`: the vendors sign a timestamp but document no window) and an optional replay guard (a message
 * seen before within `replayWindowSeconds` is rejected). What each scheme cannot protect:
 * - wecom-aes-cbc signs token + timestamp + nonce + ciphertext, so tampering is detected; without the window and the
 *   guard, a captured callback can be replayed as is.
 * - tanma-aes-ctr signs only appId + version + timestamp + appKey: the body is not signed, and CTR with a fixed IV
 *   is malleable, so flipping ciphertext bits changes the decrypted message undetected (and a body can be swapped
 *   between pushes of one millisecond). The window and the guard bound replays of whole requests only; check the
 *   message against your own records before acting on it.
 *
 * `seal` / `sealEcho` do the sending side. They exist for tests and local development (replaying a callback into
 * your own receiver); production traffic comes from the vendor.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ScrmConfigError, ScrmStoreError, ScrmWebhookError, type WebhookFailure } from "./errors.js";
import type { TanmaWebhookCryptoMeta, WebhookCryptoMeta, WecomWebhookCryptoMeta } from "./meta.js";

export { ScrmWebhookError, type WebhookFailure } from "./errors.js";

/** Remembers what was seen: a replay guard answers whether `id` was already recorded within `ttlMs`. */
export interface ReplayGuard {
  /** Records `id`; true when it had been recorded before and is still within its window (a replay). */
  seen(id: string, ttlMs: number): boolean | Promise<boolean>;
}

/** A replay guard for one process. Use `RedisReplayGuard` (@scrm-openapi/redis) when several processes receive. */
export class MemoryReplayGuard implements ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  seen(id: string, ttlMs: number): boolean {
    const now = this.#now();
    // Expired entries go as new ones come, so memory stays bounded by the window's traffic.
    for (const [key, until] of this.#seen) {
      if (until > now) break;
      this.#seen.delete(key);
    }
    const until = this.#seen.get(id);
    if (until !== undefined && until > now) return true;
    this.#seen.delete(id);
    this.#seen.set(id, now + ttlMs);
    return false;
  }
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Query parameters as a URLSearchParams, a query string / request path (`/cb?x=1`), or a parsed record. */
export type QueryInput = URLSearchParams | string | Readonly<Record<string, string | readonly string[] | undefined>>;
/** Fetch Headers or node's `req.headers` (names are matched case-insensitively). */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface WebhookRequest {
  query?: QueryInput;
  headers?: HeadersInput;
  /** The raw body exactly as received. */
  body?: string | Uint8Array;
  /** wecom style: the ciphertext, when the caller extracted it from the body itself (instead of `body`). */
  encrypted?: string;
}

export interface OpenedWebhook<T = JsonValue> {
  /**
   * The decrypted JSON. Not validated against the spec's schema. Integers beyond 2^53 are kept as decimal strings
   * so they are not silently rounded (Tanma's `noise`, which the receiver must echo, is one).
   */
  message: T;
  /** The decrypted text as sent. */
  plaintext: string;
  /** wecom style: the trailing id of the plaintext. */
  receiveId?: string;
}

export interface WecomWebhookSecrets {
  token: string;
  /** The 43-character EncodingAESKey. */
  encodingAESKey: string;
  /** The value the plaintext's trailing id must equal; required when the spec declares `receiveId`. */
  receiveId?: string;
}

export interface TanmaWebhookSecrets {
  appId: string;
  appKey: string;
  /** The IV input; by default the part of appId before the spec's corpIdSeparator. */
  corpId?: string;
}

export interface WebhookReceiverOptions {
  /** wecom style: JSON field of the POST body holding the ciphertext, for vendors whose docs do not name it. */
  encryptedField?: string;
  /** Largest body accepted, in bytes (ScrmWebhookError "too-large"). Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Reject a callback whose signed timestamp is further than this from now (ScrmWebhookError "stale"). Off by
   * default: no vendor documents a window, and a receiver clock that is off would drop real callbacks.
   */
  maxAgeSeconds?: number;
  /** Reject a callback seen before within `replayWindowSeconds` (ScrmWebhookError "replayed"). Off by default. */
  replayGuard?: ReplayGuard;
  /** How long a callback is remembered by the replay guard. Default: 2 × maxAgeSeconds, else 600. */
  replayWindowSeconds?: number;
  /** Clock in epoch ms, for tests. */
  now?: () => number;
}

/** `M`: the decrypted message type `open()` resolves to by default (a vendor package passes its payload union). */
export interface WecomWebhookReceiver<M = JsonValue> {
  readonly vendor: string;
  readonly style: "wecom-aes-cbc";
  /** The documented reply body after a successful `open` (e.g. "success", "{}"); undefined when undocumented. */
  readonly ack: string | undefined;
  /** URL verification (GET with echostr): checks the signature and returns the decrypted echostr to answer with. */
  verifyUrl(query: QueryInput): string;
  /** An event POST: checks the signature, decrypts and parses the message. */
  open<T = M>(request: WebhookRequest): Promise<OpenedWebhook<T>>;
  /** Test/dev helper: the query and body a vendor would send for `message`. */
  seal(message: string | JsonValue, options: WecomSealOptions): WecomSealed;
  /** Test/dev helper: the URL-verification query a vendor would send for `echo`. */
  sealEcho(echo: string, options: WecomSealOptions): { query: Record<string, string>; encrypted: string };
}

export interface WecomSealOptions {
  timestamp: string;
  nonce: string;
  /** The 16 leading random bytes; fresh ones by default. */
  random?: Uint8Array;
  /** The trailing id; the receiver's receiveId (or "") by default. */
  receiveId?: string;
  /** Extra body fields next to the ciphertext (e.g. Weiling's `to_app`). */
  fields?: Readonly<Record<string, JsonValue>>;
}

export interface WecomSealed {
  query: Record<string, string>;
  encrypted: string;
  /** JSON body with the ciphertext under the encrypted field; undefined when the field is not known. */
  body: string | undefined;
}

export interface TanmaWebhookReceiver<M = JsonValue> {
  readonly vendor: string;
  readonly style: "tanma-aes-ctr";
  /** Undefined: the reply format is not documented (the message's `noise` must be echoed somehow). */
  readonly ack: string | undefined;
  open<T = M>(request: WebhookRequest): Promise<OpenedWebhook<T>>;
  /** Test/dev helper: the headers and body a vendor would send for `message`. */
  seal(
    message: string | JsonValue,
    options: { timestamp: string; version: string },
  ): { headers: Record<string, string>; body: string };
}

export type WebhookSecretsFor<C> = C extends WecomWebhookCryptoMeta
  ? WecomWebhookSecrets
  : C extends TanmaWebhookCryptoMeta
    ? TanmaWebhookSecrets
    : never;
export type WebhookReceiverFor<C> = C extends WecomWebhookCryptoMeta
  ? WecomWebhookReceiver
  : C extends TanmaWebhookCryptoMeta
    ? TanmaWebhookReceiver
    : never;

/** A receiver for a vendor's callbacks, configured from its spec's x-webhook-crypto (`webhookCrypto` from codegen). */
export function createWebhookReceiver<C extends WebhookCryptoMeta>(
  vendor: string,
  crypto: C,
  secrets: WebhookSecretsFor<C>,
  options: WebhookReceiverOptions = {},
): WebhookReceiverFor<C> {
  const guard = createGuard(vendor, options);
  const receiver =
    crypto.style === "wecom-aes-cbc"
      ? wecomReceiver(vendor, crypto, secrets as WecomWebhookSecrets, options, guard)
      : tanmaReceiver(vendor, crypto, secrets as TanmaWebhookSecrets, guard);
  return receiver as WebhookReceiverFor<C>;
}

/** The checks every style shares once the signature holds: body size, timestamp window, replay. */
interface Guard {
  size(step: string, body: string | Uint8Array | undefined): void;
  fresh(step: string, timestamp: string, unit: "s" | "ms"): void;
  once(step: string, id: string): Promise<void>;
}

function createGuard(vendor: string, options: WebhookReceiverOptions): Guard {
  const maxBytes = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const { maxAgeSeconds, replayGuard } = options;
  const windowMs = (options.replayWindowSeconds ?? (maxAgeSeconds ? maxAgeSeconds * 2 : 600)) * 1000;
  return {
    size(step, body) {
      const bytes = body === undefined ? 0 : typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
      if (bytes > maxBytes) {
        throw new ScrmWebhookError(
          vendor,
          step,
          "too-large",
          `body of ${bytes} bytes is over maxBodyBytes (${maxBytes})`,
        );
      }
    },
    fresh(step, timestamp, unit) {
      if (maxAgeSeconds === undefined) return;
      const at = Number(timestamp) * (unit === "s" ? 1000 : 1);
      const skew = Math.abs(now() - at);
      if (!Number.isFinite(at) || skew > maxAgeSeconds * 1000) {
        throw new ScrmWebhookError(
          vendor,
          step,
          "stale",
          `signed timestamp is ${Math.round(skew / 1000)} s away from now (maxAgeSeconds ${maxAgeSeconds})`,
        );
      }
    },
    async once(step, id) {
      if (!replayGuard) return;
      let replayed: boolean;
      try {
        replayed = await replayGuard.seen(`scrm-openapi:webhook:${vendor}:${id}`, windowMs);
      } catch (error) {
        throw error instanceof ScrmStoreError
          ? error
          : new ScrmStoreError("replay guard", String(error), { cause: error });
      }
      if (replayed) throw new ScrmWebhookError(vendor, step, "replayed", "this callback was already received");
    },
  };
}

function wecomReceiver(
  vendor: string,
  meta: WecomWebhookCryptoMeta,
  secrets: WecomWebhookSecrets,
  options: WebhookReceiverOptions,
  guard: Guard,
): WecomWebhookReceiver {
  const { token, encodingAESKey } = secrets;
  if (!token) throw new ScrmConfigError(vendor, "token", "is required");
  // 43 Base64 characters are 32 bytes once the one missing "=" is restored.
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey ?? "")) {
    throw new ScrmConfigError(vendor, "encodingAESKey", "must be 43 letters or digits");
  }
  const key = Buffer.from(`${encodingAESKey}=`, "base64");
  const iv = key.subarray(0, 16);
  if (meta.receiveId && secrets.receiveId === undefined) {
    throw new ScrmConfigError(vendor, meta.receiveId, "is required (the spec declares it as the receive id)");
  }
  const receiveId = secrets.receiveId;
  const encryptedField = options.encryptedField ?? meta.encryptedField;
  const fail = (step: string, reason: WebhookFailure, message: string, cause?: unknown) =>
    new ScrmWebhookError(vendor, step, reason, message, cause === undefined ? undefined : { cause });

  const sign = (values: Record<string, string>) => {
    const parts = meta.signature.parts.map((role) => {
      const value = role === "token" ? token : values[role];
      if (value === undefined) throw new TypeError(`${vendor} webhook: signature part "${role}" has no value`);
      return value;
    });
    return createHash("sha1").update(parts.sort().join(""), "utf8").digest("hex");
  };

  const checkSignature = (step: string, query: URLSearchParams, encrypted: string): string => {
    const names = meta.query;
    const signature = query.get(names.signature);
    const timestamp = query.get(names.timestamp);
    const nonce = query.get(names.nonce);
    if (!signature || timestamp === null || nonce === null) {
      throw fail(step, "malformed", `query needs ${names.signature}, ${names.timestamp} and ${names.nonce}`);
    }
    if (!sameText(signature.toLowerCase(), sign({ timestamp, nonce, encrypted }))) {
      throw fail(
        step,
        "signature-mismatch",
        `${names.signature} does not match the token, timestamp, nonce and ciphertext`,
      );
    }
    guard.fresh(step, timestamp, "s");
    return signature.toLowerCase();
  };

  const decrypt = (step: string, encrypted: string) => {
    const bytes = decodeBase64(encrypted);
    // 16 random + 4 length bytes + padding is at least two AES blocks.
    if (!bytes || bytes.length < 32 || bytes.length % 16 !== 0) {
      throw fail(step, "decrypt-failed", "ciphertext is not Base64 of whole AES blocks (truncated or altered?)");
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
      plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
    } catch (error) {
      throw fail(step, "decrypt-failed", "AES-CBC decryption failed", error);
    }
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > 32 || plain.subarray(plain.length - pad).some((b) => b !== pad)) {
      throw fail(step, "decrypt-failed", "bad padding after decryption (wrong EncodingAESKey or altered ciphertext)");
    }
    const content = plain.subarray(16, plain.length - pad);
    const length = content.length >= 4 ? content.readUInt32BE(0) : -1;
    if (length < 0 || 4 + length > content.length) {
      throw fail(step, "decrypt-failed", "the length prefix does not fit the decrypted data");
    }
    const text = utf8(content.subarray(4, 4 + length));
    const trailing = utf8(content.subarray(4 + length));
    if (text === undefined || trailing === undefined) throw fail(step, "decrypt-failed", "plaintext is not UTF-8");
    if (receiveId !== undefined && trailing !== receiveId) {
      const role = meta.receiveId ?? "receiveId";
      throw fail(step, "receive-id-mismatch", `trailing id ${JSON.stringify(trailing)} is not the configured ${role}`);
    }
    return { text, trailing };
  };

  const encrypt = (text: string, seal: WecomSealOptions) => {
    const message = Buffer.from(text, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(message.length);
    const random = Buffer.from(seal.random ?? randomBytes(16));
    if (random.length !== 16) throw new TypeError("random must be 16 bytes");
    const body = Buffer.concat([random, length, message, Buffer.from(seal.receiveId ?? receiveId ?? "", "utf8")]);
    const pad = 32 - (body.length % 32);
    const cipher = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
      "base64",
    );
  };

  const sealedQuery = (encrypted: string, seal: WecomSealOptions) => ({
    [meta.query.signature]: sign({ timestamp: seal.timestamp, nonce: seal.nonce, encrypted }),
    [meta.query.timestamp]: seal.timestamp,
    [meta.query.nonce]: seal.nonce,
  });

  return {
    vendor,
    style: "wecom-aes-cbc",
    ack: meta.ack,
    verifyUrl(input) {
      const query = toQuery(input);
      const echostr = query.get(meta.query.echostr);
      if (!echostr) throw fail("verifyUrl", "malformed", `query has no ${meta.query.echostr}`);
      // A "+" left unencoded in the URL arrives as a space; Base64 never contains spaces.
      const encrypted = echostr.replaceAll(" ", "+");
      checkSignature("verifyUrl", query, encrypted);
      return decrypt("verifyUrl", encrypted).text;
    },
    async open<T = JsonValue>(request: WebhookRequest): Promise<OpenedWebhook<T>> {
      guard.size("open", request.encrypted ?? request.body);
      const query = toQuery(request.query ?? "");
      const encrypted = request.encrypted ?? extractEncrypted(request.body);
      const signature = checkSignature("open", query, encrypted);
      const { text, trailing } = decrypt("open", encrypted);
      // The signature covers timestamp, nonce and ciphertext: the same signature again is the same callback again.
      await guard.once("open", signature);
      return { message: parseMessage("open", text) as T, plaintext: text, receiveId: trailing };
    },
    seal(message, seal) {
      const encrypted = encrypt(typeof message === "string" ? message : JSON.stringify(message), seal);
      const body = encryptedField ? JSON.stringify({ ...seal.fields, [encryptedField]: encrypted }) : undefined;
      return { query: sealedQuery(encrypted, seal), encrypted, body };
    },
    sealEcho(echo, seal) {
      const encrypted = encrypt(echo, seal);
      return { query: { ...sealedQuery(encrypted, seal), [meta.query.echostr]: encrypted }, encrypted };
    },
  };

  function extractEncrypted(body: string | Uint8Array | undefined): string {
    if (body === undefined) throw fail("open", "malformed", "pass the request body or the extracted ciphertext");
    if (!encryptedField) {
      throw fail(
        "open",
        "malformed",
        "the docs name no body field for the ciphertext: pass `encrypted` or encryptedField",
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof body === "string" ? body : (utf8(body) ?? ""));
    } catch (error) {
      throw fail("open", "malformed", "body is not JSON", error);
    }
    const value =
      parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[encryptedField] : undefined;
    if (typeof value !== "string" || value === "") {
      throw fail("open", "malformed", `body has no string ${JSON.stringify(encryptedField)} field`);
    }
    return value;
  }

  function parseMessage(step: string, text: string): JsonValue {
    try {
      return parseJsonLossless(text);
    } catch (error) {
      throw fail(step, "malformed", "decrypted message is not JSON", error);
    }
  }
}

function tanmaReceiver(
  vendor: string,
  meta: TanmaWebhookCryptoMeta,
  secrets: TanmaWebhookSecrets,
  guard: Guard,
): TanmaWebhookReceiver {
  const { appId, appKey } = secrets;
  if (!appId) throw new ScrmConfigError(vendor, "appId", "is required");
  if (!appKey) throw new ScrmConfigError(vendor, "appKey", "is required");
  for (const part of meta.signature.parts) {
    if (part !== "appKey" && !meta.headers.includes(part)) {
      throw new ScrmConfigError(vendor, part, "is a signature part that is neither a header nor appKey (spec error)");
    }
  }
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  const key = digest(appKey).subarray(0, 16);
  // By the doc's prose the corpid is the part of appId before "_" (ww51046ddc4f4df510_NjaEnW → ww51046ddc4f4df510).
  const corpId = secrets.corpId ?? (meta.corpIdSeparator ? appId.split(meta.corpIdSeparator)[0] : appId) ?? appId;
  const iv = digest(corpId).subarray(0, 16);
  const sign = (values: Record<string, string>) =>
    createHash("sha256")
      .update(meta.signature.parts.map((part) => (part === "appKey" ? appKey : (values[part] ?? ""))).join(""), "utf8")
      .digest("hex");
  const fail = (reason: WebhookFailure, message: string, cause?: unknown) =>
    new ScrmWebhookError(vendor, "open", reason, message, cause === undefined ? undefined : { cause });
  const ctr = (data: Buffer) => {
    const cipher = createCipheriv("aes-128-ctr", key, iv);
    return Buffer.concat([cipher.update(data), cipher.final()]);
  };

  return {
    vendor,
    style: "tanma-aes-ctr",
    ack: meta.ack,
    async open<T = JsonValue>(request: WebhookRequest): Promise<OpenedWebhook<T>> {
      guard.size("open", request.body);
      const values: Record<string, string> = {};
      for (const name of meta.headers) {
        const value = header(request.headers, name);
        if (!value) throw fail("malformed", `header ${name} is missing`);
        values[name] = value;
      }
      const sentSign = values.sign;
      if (values.appId !== undefined && values.appId !== appId) {
        throw fail("receive-id-mismatch", `appId header ${JSON.stringify(values.appId)} is not the configured appId`);
      }
      if (sentSign === undefined || !sameText(sentSign.toLowerCase(), sign(values))) {
        throw fail("signature-mismatch", `sign does not match ${meta.signature.parts.join(" + ")}`);
      }
      if (values.timestamp !== undefined) guard.fresh("open", values.timestamp, meta.signature.timestampUnit);
      const text = typeof request.body === "string" ? request.body : request.body ? utf8(request.body) : undefined;
      const bytes = text === undefined ? undefined : decodeBase64(text.trim());
      if (!bytes || bytes.length === 0) throw fail("malformed", "body is not a Base64 string");
      const plaintext = utf8(ctr(bytes));
      let message: JsonValue;
      try {
        if (plaintext === undefined) throw new Error("not UTF-8");
        message = parseJsonLossless(plaintext);
      } catch (error) {
        // CTR cannot fail by itself: garbage out means a wrong appKey/appId or an altered body.
        throw fail("decrypt-failed", "body does not decrypt to JSON (wrong appKey or altered body?)", error);
      }
      // The sign does not cover the body, so the replay key is the sign and the body together.
      await guard.once("open", `${sentSign.toLowerCase()}:${createHash("sha256").update(bytes).digest("hex")}`);
      return { message: message as T, plaintext: plaintext as string };
    },
    seal(message, options) {
      const values: Record<string, string> = { appId, timestamp: options.timestamp, version: options.version };
      const headers: Record<string, string> = {};
      for (const name of meta.headers) headers[name] = name === "sign" ? sign(values) : (values[name] ?? "");
      const text = typeof message === "string" ? message : JSON.stringify(message);
      return { headers, body: ctr(Buffer.from(text, "utf8")).toString("base64") };
    },
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Strict Base64 (node's decoder silently skips bad characters, which would hide truncation or tampering). */
function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, "base64");
}

const decoder = new TextDecoder("utf-8", { fatal: true });
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function toQuery(input: QueryInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (typeof input === "string") {
    const at = input.indexOf("?");
    return new URLSearchParams(at >= 0 ? input.slice(at + 1) : input);
  }
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) {
    const first = typeof value === "string" ? value : value?.[0];
    if (first !== undefined) query.set(name, first);
  }
  return query;
}

function header(headers: HeadersInput | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}

/** JSON.parse, except that integer literals beyond Number.MAX_SAFE_INTEGER become decimal strings. */
export function parseJsonLossless(text: string): JsonValue {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      let end = i + 1;
      while (end < text.length && /[0-9eE.+-]/.test(text[end] ?? "")) end++;
      const literal = text.slice(i, end);
      if (/^-?(0|[1-9]\d*)$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = end;
      }
      i = end - 1;
    }
  }
  return JSON.parse(out + text.slice(copied)) as JsonValue;
}

/**
 * Reads a Node request body up to `maxBytes`, refusing more as soon as it arrives (ScrmWebhookError "too-large"), so
 * a receiver never buffers an unbounded upload. Default 1 MiB, the receivers' own default.
 */
export function readRequestBody(
  req: IncomingMessage,
  options: { vendor?: string; maxBytes?: number } = {},
): Promise<Buffer> {
  const max = options.maxBytes ?? 1024 * 1024;
  const vendor = options.vendor ?? "webhook";
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > max) {
      req.resume();
      reject(new ScrmWebhookError(vendor, "read", "too-large", `content-length ${declared} is over ${max} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        req.destroy();
        reject(new ScrmWebhookError(vendor, "read", "too-large", `body is over ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
