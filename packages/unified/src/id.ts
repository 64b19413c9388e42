// Unified ids: `<vendor>:<entity>:<remote>`, the remote id percent-encoded so that any string (colons, slashes, CJK,
// even a lone surrogate) round-trips. A composite remote id (a follow relation: customer × staff) is its parts, each
// encoded, joined by ":" — unambiguous, since an encoded part never holds a colon.

/** The last id part found plain (an equality shortcut: the same text is plain again). */
let lastPlain = "";

/** Encodes one remote id part: RFC 3986 unreserved characters stay, everything else becomes %XX (UTF-8) or %uXXXX. */
export function encodePart(value: string): string {
  // A record names its own id again in its embedded records: the last plain id is known plain.
  if (value === lastPlain) return value;
  if (PLAIN.test(value)) {
    lastPlain = value;
    return value; // most vendor ids: nothing to encode
  }
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (isUnreserved(unit)) {
      out += value[i];
      continue;
    }
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = value.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      // A lone surrogate has no UTF-8 form: keep its code unit.
      out += `%u${unit.toString(16).toUpperCase().padStart(4, "0")}`;
    } else {
      // encodeURIComponent keeps !'()* as they are: escape them too, so the id holds unreserved characters only.
      out += encodeURIComponent(value[i] as string).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    }
  }
  return out;
}

const isUnreserved = (c: number) =>
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x61 && c <= 0x7a) ||
  c === 0x2d ||
  c === 0x2e ||
  c === 0x5f ||
  c === 0x7e;

const PLAIN = /^[A-Za-z0-9\-._~]*$/;

/** The inverse of encodePart; undefined when the text is not something encodePart writes. */
function decodePart(text: string): string | undefined {
  if (PLAIN.test(text)) return text;
  if (!/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2}|%u[0-9A-F]{4})*$/.test(text)) return undefined;
  try {
    return text
      .split(/(%u[0-9A-F]{4})/)
      .map((piece) =>
        piece.startsWith("%u") ? String.fromCharCode(Number.parseInt(piece.slice(2), 16)) : decodeURIComponent(piece),
      )
      .join("");
  } catch {
    return undefined;
  }
}

/** `weiban:customer:wm8zk…` from a vendor, an entity and the remote id (its parts, for a composite id). */
export function formatId(vendor: string, entity: string, remote: string | readonly string[]): string {
  const parts = typeof remote === "string" ? [remote] : remote;
  return `${vendor}:${entity}:${parts.map(encodePart).join(":")}`;
}

/** What an id says: vendor, entity and the remote id's parts; undefined when it is not a well-formed unified id. */
export function parseId(id: string): { vendor: string; entity: string; parts: string[] } | undefined {
  const [vendor, entity, ...encoded] = id.split(":");
  if (!vendor || !entity || encoded.length === 0) return undefined;
  const parts: string[] = [];
  for (const piece of encoded) {
    const part = decodePart(piece);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return { vendor, entity, parts };
}
