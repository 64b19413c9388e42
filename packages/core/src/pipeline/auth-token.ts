import { getPath } from "../envelope.js";
import { ScrmApiError, ScrmConfigError, ScrmResponseError, ScrmStoreError, ScrmTimeoutError } from "../errors.js";
import { tokenKey } from "../keys.js";
import type { OperationMeta, TokenAuthMeta } from "../meta.js";
import { hasControlCharacter } from "../text.js";
import { createTokenProvider, type FetchedToken, MemoryTokenStore, type TokenStore } from "../token.js";
import type { Runtime } from "./runtime.js";
import type { Call, CallSettings, Layer, Send } from "./types.js";

/** What a client hands its auth layer. */
export interface AuthSetup {
  readonly baseUrl: string;
  /** Client option name → value, checked: every one is a non-empty string. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly getAccessToken: (() => Promise<string | FetchedToken>) | undefined;
  readonly tokenStore: TokenStore | undefined;
  readonly marginSeconds: number;
  readonly ttlSeconds: number | undefined;
  /** Settings of the token call itself (the client's defaults). */
  readonly settings: CallSettings;
  /** Names the account in store keys without revealing a secret (a digest of the credentials, for shared stores). */
  readonly account: string | Promise<string>;
}

/** Builds the auth layer of a client; vendor packages pick the one their spec's x-auth style needs. */
export type AuthFactory = (rt: Runtime, setup: AuthSetup) => Layer;

/**
 * Access-token auth: a cached token (single flight, shared failures, bounded refresh) added to every authenticated
 * call as the spec's query parameter or a Bearer header. When the vendor rejects it (a `token-invalid` code, or a 401
 * for bearer tokens), the token is dropped and the call replayed once with a fresh one — never a loop.
 */
export const tokenAuth: AuthFactory = (rt, o) => {
  const auth = rt.meta.auth;
  if (auth.style === "signature")
    throw new TypeError(`[${rt.vendor}] tokenAuth needs a query-token or bearer-token spec`);
  const tokenOp = rt.meta.operations.find((op) => op.operationId === auth.tokenOperation);
  const { getAccessToken } = o;
  const credentials = auth.credentials;
  // Without a documented token call the caller's getAccessToken is the only source: its absence fails here, at
  // creation, not at the first call.
  const fetchToken: ((next: Send, signal: AbortSignal) => Promise<FetchedToken>) | undefined = getAccessToken
    ? () => fromCaller(rt, getAccessToken)
    : tokenOp && credentials
      ? (next: Send, signal: AbortSignal) => fromVendor(rt, o, auth, tokenOp, credentials, next, signal)
      : undefined;
  if (!fetchToken)
    throw new ScrmConfigError(
      rt.vendor,
      "getAccessToken",
      "is required: the vendor's token endpoint is not documented",
    );
  const store = o.tokenStore ?? new MemoryTokenStore();
  const key =
    typeof o.account === "string"
      ? tokenKey(rt.vendor, o.account)
      : o.account.then((digest) => tokenKey(rt.vendor, digest));
  const bearer = auth.style === "bearer-token";
  const parameter = `${encodeURIComponent(auth.tokenParameter ?? "access_token")}=`;
  const apply = (call: Call, token: string): Call =>
    bearer
      ? { ...call, headers: { ...call.headers, authorization: `Bearer ${token}` } }
      : { ...call, url: `${call.url}${call.url.includes("?") ? "&" : "?"}${parameter}${encodeURIComponent(token)}` };
  // A bearer 401 rejects the token whatever its body (an envelope, a gateway's HTML, nothing at all).
  const rejects = (error: unknown) =>
    (error instanceof ScrmApiError && error.kind === "token-invalid") ||
    (bearer && (error instanceof ScrmApiError || error instanceof ScrmResponseError) && error.status === 401);

  return (next) => {
    const provider = createTokenProvider({
      key,
      store,
      fetchToken: (signal) => fetchToken(next, signal),
      marginSeconds: o.marginSeconds,
      fallbackTtlSeconds: o.ttlSeconds ?? auth.fallbackTtlSeconds,
      now: rt.now,
      onToken: (token) => rt.redactor.addToken(token),
      refreshTimeoutMs: o.settings.timeoutMs,
      timeoutError: () =>
        new ScrmTimeoutError(
          { vendor: rt.vendor, operationId: tokenOp?.operationId ?? "getAccessToken", requestId: "" },
          { phase: "token", timeoutMs: o.settings.timeoutMs, retryable: true },
        ),
      failureBackoffMs: 1000,
      failureBackoffMaxMs: 30_000,
    });
    const token = async (call: Call, stale?: string): Promise<string> => {
      try {
        if (stale !== undefined) await provider.invalidate(stale, call.signal);
        return await provider.get(call.signal);
      } catch (error) {
        if (error instanceof ScrmStoreError) throw error.withContext(rt.context(call));
        if (call.signal?.aborted && error === call.signal.reason) throw rt.aborted(call, error);
        throw error;
      }
    };
    return async (call) => {
      if (call.op.authenticated === false) return next(call);
      const first = await token(call);
      try {
        return await next(apply(call, first));
      } catch (error) {
        if (!rejects(error)) throw error;
        rt.log?.(`token rejected (${(error as ScrmApiError).code ?? 401}); refreshing and replaying once`);
        return next(apply(call, await token(call, first)));
      }
    };
  };
};

async function fromCaller(rt: Runtime, getAccessToken: () => Promise<string | FetchedToken>): Promise<FetchedToken> {
  // The caller's own failure reaches the caller unwrapped: it is their code's error, not the vendor's.
  const result = await getAccessToken();
  const fetched = typeof result === "string" ? { accessToken: result } : result;
  if (
    typeof fetched?.accessToken !== "string" ||
    fetched.accessToken === "" ||
    hasControlCharacter(fetched.accessToken)
  ) {
    if (typeof fetched?.accessToken === "string") rt.redactor.addToken(fetched.accessToken);
    throw new ScrmConfigError(
      rt.vendor,
      "getAccessToken",
      "returned no usable token (empty, or with control characters)",
    );
  }
  return fetched;
}

async function fromVendor(
  rt: Runtime,
  o: AuthSetup,
  auth: TokenAuthMeta,
  op: OperationMeta,
  credentials: NonNullable<TokenAuthMeta["credentials"]>,
  next: Send,
  signal: AbortSignal,
): Promise<FetchedToken> {
  const fields: Record<string, string> = {};
  for (const [wire, option] of Object.entries(credentials.fields)) fields[wire] = o.credentials[option] ?? "";
  let url = o.baseUrl + op.path;
  let body: string | undefined;
  const headers: Record<string, string> = { accept: "application/json" };
  if (credentials.in === "query") url += `?${new URLSearchParams(fields)}`;
  else {
    body = JSON.stringify(fields);
    headers["content-type"] = "application/json";
  }
  const call: Call = {
    op,
    method: op.method.toUpperCase(),
    url,
    headers,
    body,
    // Shared by every caller waiting for it: it stops only when none of them waits any more.
    signal,
    deadlineAt: Number.POSITIVE_INFINITY,
    attempt: 1,
    settings: o.settings,
    trace: {},
  };
  rt.log?.("fetching a new access token");
  const outcome = await next(call);
  const field = auth.tokenField ?? "access_token";
  const accessToken = getPath(outcome.body, field);
  if (typeof accessToken === "string") rt.redactor.addToken(accessToken);
  if (typeof accessToken !== "string" || accessToken === "" || hasControlCharacter(accessToken)) {
    throw new ScrmResponseError(rt.context(call, outcome.headers), {
      reason: "bad-token",
      description: `token answer has no usable ${field} (missing, empty, or with control characters)`,
      status: outcome.status,
      contentType: outcome.headers.get("content-type") ?? "",
      retryable: false,
    });
  }
  const expiresIn = auth.expiresInField ? Number(getPath(outcome.body, auth.expiresInField)) : Number.NaN;
  return Number.isFinite(expiresIn) && expiresIn > 0 ? { accessToken, expiresIn } : { accessToken };
}
