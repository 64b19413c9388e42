import { base64 } from "./crypto.js";

/** Tokens are rotated every few hours: only the latest few can still show up in an answer or a log line. */
const KEPT_TOKENS = 4;
/** Shorter values would mask ordinary words; real secrets are long. */
const MIN_SECRET = 6;

/**
 * Masks secrets (app secrets, appKey, access tokens) in text that may reach an error or a log line: each as sent,
 * URL-encoded and Base64-encoded. Credentials stay for the client's life; only the latest tokens are kept, so the
 * list does not grow with every rotation.
 */
export class Redactor {
  readonly #fixed: string[] = [];
  #tokens: string[][] = [];
  #longest = 0;

  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET && !this.#fixed.includes(secret)) this.#push(this.#fixed, secret);
  }

  addToken(token: string): void {
    if (token.length < MIN_SECRET || this.#tokens.some((forms) => forms[0] === token)) return;
    const forms: string[] = [];
    this.#push(forms, token);
    this.#tokens = [forms, ...this.#tokens].slice(0, KEPT_TOKENS);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#fixed) out = mask(out, secret);
    for (const forms of this.#tokens) for (const secret of forms) out = mask(out, secret);
    return out;
  }

  /** The first `max` characters of `text`, masked before it is cut so that no part of a secret survives the cut. */
  snippet(text: string, max = 200): string {
    const masked = this.redact(text.slice(0, max + this.#longest));
    return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
  }

  /** A copy of `headers` with every value masked (a vendor may echo a credential or a token in a header). */
  headers(headers: Headers): Headers {
    const masked = new Headers();
    headers.forEach((value, name) => {
      masked.append(name, this.redact(value));
    });
    return masked;
  }

  #push(list: string[], secret: string): void {
    for (const form of new Set(encodings(secret))) {
      list.push(form);
      this.#longest = Math.max(this.#longest, form.length);
    }
  }
}

/**
 * The forms a secret takes on its way into an answer or a log: as sent, percent-encoded (upper and lower case hex),
 * JSON-escaped (with `\/` as some encoders write it), Base64 and base64url (with and without padding).
 */
function encodings(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  const b64 = base64(secret);
  const url = b64.replaceAll("+", "-").replaceAll("/", "_");
  return [
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    json,
    json.replaceAll("/", "\\/"),
    b64,
    b64.replace(/=+$/, ""),
    url,
    url.replace(/=+$/, ""),
  ];
}

function mask(text: string, secret: string): string {
  return text.includes(secret) ? text.split(secret).join("[redacted]") : text;
}
