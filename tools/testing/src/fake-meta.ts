// What a FakeVendor reads from a vendor's generated `meta` (core's VendorMeta, typed structurally here so the fake
// follows the metadata wherever core exports its types), and the fake credentials every vendor suite signs in with.

interface FakeEnvelope {
  readonly codeField: string;
  readonly messageField: string;
  readonly successCode: string | number;
  readonly dataField?: string;
}

interface FakeTokenAuth {
  readonly style: "query-token" | "bearer-token";
  readonly tokenOperation?: string;
  readonly tokenParameter?: string;
  readonly credentials?: { readonly in: "body" | "query"; readonly fields: Readonly<Record<string, string>> };
  readonly tokenField?: string;
  readonly expiresInField?: string;
}

export interface FakeSignatureAuth {
  readonly style: "signature";
  readonly signature: {
    readonly algorithm: string;
    readonly timestampUnit: "ms" | "s";
    readonly parts: readonly string[];
    readonly headers: Readonly<Record<string, string>>;
  };
}

export interface FakeVendorMeta {
  readonly vendor: { readonly id: string };
  readonly auth: FakeTokenAuth | FakeSignatureAuth;
  readonly envelope: FakeEnvelope;
  readonly errorCodes: Readonly<Record<string, { readonly kind?: string; readonly meaning?: string }>>;
  readonly meanings?: () => Promise<Readonly<Record<string, string>>>;
  readonly operations: readonly {
    readonly operationId: string;
    readonly method: string;
    readonly path: string;
    readonly authHeaders?: readonly string[];
  }[];
}

export const CORP_ID = "wwfakecorp0001";
export const SECRET = "s3cr3t-fake-vendor-app-secret";
export const APP_ID = "ww51046ddc4f4df510_FakeApp";
export const APP_SECRET = "s3cr3t-fake-app-secret-value";
export const APP_KEY = "fake-tanma-app-key-9f8e7d6c5b4a";

/**
 * The value the fake accepts for each client option a spec names (credential fields, signature roles). Values of 6+
 * characters, so the runtime's redactor masks them; the secret ones are what `echoSecrets` echoes.
 */
export const FAKE_CREDENTIALS: Readonly<Record<string, string>> = {
  corpId: CORP_ID,
  secret: SECRET,
  appId: APP_ID,
  appSecret: APP_SECRET,
  appKey: APP_KEY,
};
export const SECRET_OPTIONS: ReadonlySet<string> = new Set(["secret", "appSecret", "appKey"]);

/**
 * The fake's own tolerance for |server clock − timestamp| on signed requests. No vendor documents its window (Tanma
 * says only that it answers its clock-skew code when exceeded), so this number is the fake's, not a vendor's.
 */
export const FAKE_SKEW_WINDOW_MS = 5 * 60_000;

/** The first code the metadata gives this kind (e.g. "token-invalid" → 10001 for Weiban), if any. */
export function codeOf(meta: FakeVendorMeta, kind: string): number | undefined {
  const found = Object.entries(meta.errorCodes).find(([, entry]) => entry.kind === kind);
  return found ? Number(found[0]) : undefined;
}

/** The documented token call (path and method), for the token styles that have one. */
export function tokenCall(meta: FakeVendorMeta): { path: string; method: string } | undefined {
  if (meta.auth.style === "signature" || meta.auth.tokenOperation === undefined) return undefined;
  const id = meta.auth.tokenOperation;
  const op = meta.operations.find((o) => o.operationId === id);
  return op && { path: op.path, method: op.method.toUpperCase() };
}

/** Sets a dotted path ("data.access_token") in a plain object. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    const child: Record<string, unknown> = typeof next === "object" && next !== null ? { ...next } : {};
    node[key] = child;
    node = child;
  }
  node[keys[keys.length - 1] ?? path] = value;
}
