// A JSON reader that keeps big integers exact: the vendors send ids and nonces beyond 2^53 as bare numbers.
import type { JsonValue } from "./types.js";

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
