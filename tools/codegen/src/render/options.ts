// The client options a vendor's spec asks for (its credentials, a token callback, a base URL): the client renderer
// declares them, the README renderer shows them.
import type { VendorModel } from "../model.js";

export interface Option {
  name: string;
  doc: string;
  type: string;
  required: boolean;
}

/** The client options a spec asks for, in the order the vendor's docs name them. */
export function clientOptions(model: VendorModel): { credentials: Option[]; extra: Option[] } {
  const { auth } = model;
  const credentials: Option[] = [];
  const extra: Option[] = [];
  if (auth.style === "signature") {
    const { signature } = auth;
    for (const part of signature.parts.filter((p) => p !== "timestamp" && p !== "body")) {
      const header = signature.headers[part];
      const sent = header ? ` Sent as the \`${header}\` header where the operation's page lists it.` : "";
      credentials.push({
        name: part,
        doc: `Part of every request's SHA-256 signature (${signature.parts.join(" + ")}).${sent} Never logged nor put in an error.`,
        type: "string",
        required: true,
      });
    }
  } else {
    const fields = auth.credentials?.fields ?? {};
    const where = auth.credentials?.in === "query" ? "query" : "body";
    for (const [wire, option] of Object.entries(fields)) {
      credentials.push({
        name: option,
        doc: `Sent as \`${wire}\` in the token request's ${where}, to no other call. Never logged nor put in an error.`,
        type: "string",
        required: true,
      });
    }
    if (!auth.tokenOperation) {
      extra.push({
        name: "getAccessToken",
        doc: [
          "Returns an access token: a string, or `{ accessToken, expiresIn }` with the lifetime in seconds. The vendor's",
          "token endpoint is not documented, so you fetch the token yourself; the client caches it (for `expiresIn`, else",
          "`tokenTtlSeconds`, else until a 401), asks once for any number of concurrent calls, and after a 401 asks again",
          "and replays the call once. If it throws, the call rejects with that same error, unwrapped.",
        ].join("\n   * "),
        type: "() => Promise<string | FetchedToken>",
        required: true,
      });
    }
  }
  if (model.baseUrlRequired) {
    extra.unshift({
      name: "baseUrl",
      doc: "The API base URL as the vendor gives it to you. Required: the spec's only server is the docs host, so the\n   * client never guesses where to send credentials. For local work use the mock (`pnpm mock`).",
      type: "string",
      required: true,
    });
  }
  return { credentials, extra };
}
