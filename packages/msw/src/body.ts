// A request body as the guard reads it: capped in bytes before it is read whole, checked for nesting depth before
// it is parsed (JSON.parse and a validator recurse, and 10,000 nested arrays fit in 20 KB), then parsed once.

/** What the body is, or why it is refused. */
export type BodyRead =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  /** No content type: Prism validates the raw text (so an object schema says `must be object`). */
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "unsupported" }
  | { readonly kind: "too-large"; readonly size: number; readonly atLeast: boolean }
  | { readonly kind: "too-deep" }
  | { readonly kind: "invalid-json" };

export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxJsonDepth: number;
}

/** Reads `request`'s body (a clone: the handlers read it again) within `limits`. */
export async function readBody(request: Request, limits: BodyLimits): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limits.maxBodyBytes) return { kind: "too-large", size: declared, atLeast: false };
  if (request.body === null) return { kind: "none" };
  const bytes = await readCapped(request.clone().body, limits.maxBodyBytes);
  if (typeof bytes === "number") return { kind: "too-large", size: bytes, atLeast: true };
  if (bytes.byteLength === 0) return { kind: "none" };
  const type = request.headers.get("content-type");
  const text = new TextDecoder().decode(bytes);
  if (type === null) return { kind: "text", value: text };
  // What Prism's type matching takes for JSON: application/json and any +json type, with parameters.
  if (!/^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(type)) return { kind: "unsupported" };
  if (jsonDepth(text) > limits.maxJsonDepth) return { kind: "too-deep" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "invalid-json" };
  }
}

/** The stream's bytes, or how many it had read when they passed `max` (the rest is not read). */
async function readCapped(stream: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | number> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not awaited: cancelling one branch of a cloned body settles only when the other branch is cancelled too.
      reader.cancel().catch(() => undefined);
      return size;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The deepest nesting of `[` and `{` outside strings (a malformed text gets a number too; parsing judges it). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
