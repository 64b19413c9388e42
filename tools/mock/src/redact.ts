// Secrets out of drift reports. The proxy sees live credentials — the app secret in a token request, the access token
// in its answer and in every later query, Tanma's appKey and sign headers — and a drift line quotes the value it is
// about: a token answer that differed from the spec printed the live token. Values under secret-looking names are
// masked where they stand, and every such value seen in the exchange is masked wherever else it shows up (as sent,
// URL-encoded, Base64). Core's Redactor does the second half for a client that knows its secrets up front; it is
// internal to core, and the proxy learns its secrets from the traffic, so this is the proxy's own.

const MASK = "[redacted]";
/** Shorter values would mask ordinary words; credentials are longer. */
const MIN_SECRET = 6;
/** Whole words (of camelCase, snake_case, kebab-case names) that mark a credential. */
const WORDS = new Set(["token", "secret", "sign", "signature", "password", "ticket", "credential", "credentials"]);
/** Names that hold a credential without a separator. */
const JOINED =
  /^(?:app_?key|api_?key|aes_?key|encoding_?aes_?key|corp_?secret|app_?secret|access_?token|authorization)$/i;

/** Whether a field, header or query name holds a credential: token, secret, sign, appKey, Authorization… */
function isSecretName(name: string): boolean {
  if (JOINED.test(name)) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_\-.]+/);
  return words.some((word) => WORDS.has(word) || /(?:token|secret)$/.test(word));
}

/** A copy of `value` with every value under a secret name replaced by the mask (iterative: depth is the caller's). */
export function maskFields(value: unknown): unknown {
  const root = { value };
  const stack: Record<string, unknown>[] = [root];
  const copies = new Map<object, Record<string, unknown>>();
  const copy = (node: object) => {
    const out = (Array.isArray(node) ? [...node] : { ...node }) as Record<string, unknown>;
    copies.set(node, out);
    return out;
  };
  for (let holder = stack.pop(); holder !== undefined; holder = stack.pop()) {
    for (const key of Object.keys(holder)) {
      const child = holder[key];
      if (isSecretName(key) && child !== null && child !== undefined && typeof child !== "object") holder[key] = MASK;
      else if (child && typeof child === "object") {
        const copied = copies.get(child) ?? copy(child);
        holder[key] = copied;
        stack.push(copied);
      }
    }
  }
  return root.value;
}

/** Collects credential values seen in one exchange, then masks them in any text. */
export class SecretSet {
  readonly #forms = new Set<string>();

  /** Adds `value` if `name` is a secret name (a bearer token: the part after the scheme). */
  addNamed(name: string, value: unknown): void {
    if (!isSecretName(name) || (typeof value !== "string" && typeof value !== "number")) return;
    const text = String(value);
    this.add(/^authorization$/i.test(name) ? text.replace(/^\S+\s+/, "") : text);
  }

  add(secret: string): void {
    if (secret.length < MIN_SECRET) return;
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]) {
      this.#forms.add(form);
    }
  }

  /** Every value under a secret name anywhere in a parsed JSON body (iterative walk). */
  addFromJson(value: unknown): void {
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node || typeof node !== "object") continue;
      for (const [key, child] of Object.entries(node)) {
        if (child && typeof child === "object") stack.push(child);
        else this.addNamed(key, child);
      }
    }
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is masked whole.
    for (const form of [...this.#forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(MASK);
    return out;
  }
}
