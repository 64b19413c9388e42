// The first of a vendor's handlers: refuses what Prism would refuse before any example or store sees the request —
// a body over the size cap (413) or nested too deep (422), a body that is not JSON (400), missing credentials (401),
// a body sent as another type than the spec's JSON (415), parameters or a body the spec does not allow (422), in
// Prism's order. A request it lets through falls to the next handler.
import { type HttpHandler, http } from "msw";
import { type BodyLimits, readBody } from "./body.js";
import { invalidJson, tooLarge, unauthorized, unprocessable, unsupportedType, type Violation } from "./problems.js";
import type { RoutedRequest } from "./routes.js";
import type { MockData, MockSecurityScheme } from "./types.js";
import { createRequestValidator } from "./validate.js";

export function requestGuard(
  data: MockData,
  routeOf: (request: Request) => RoutedRequest | undefined,
  limits: BodyLimits,
  validate: boolean,
): HttpHandler {
  const check = validate ? createRequestValidator(data) : undefined;
  return http.all(
    ({ request }) => routeOf(request) !== undefined,
    async ({ request }) => {
      const routed = routeOf(request);
      if (!routed) return undefined;
      const { op, pathParams } = routed;
      const body = await readBody(request, limits);
      if (body.kind === "too-large") return tooLarge(limits.maxBodyBytes);
      if (body.kind === "too-deep") {
        return unprocessable([
          {
            location: ["body"],
            severity: "Error",
            code: "maxDepth",
            message: `Request body nests deeper than ${limits.maxJsonDepth} levels`,
          },
        ]);
      }
      if (body.kind === "invalid-json") return invalidJson();
      if (!check) return undefined;
      const missing = missingCredentials(data, op.security ?? data.security ?? [], request);
      if (missing) return unauthorized(missing.violations, missing.challenge);
      if (body.kind === "unsupported" && op.request?.body) return unsupportedType();
      const url = new URL(request.url);
      const violations = await check(op, {
        url,
        headers: request.headers,
        pathParams,
        body: body.kind === "json" || body.kind === "text" ? { value: body.value } : undefined,
      });
      return violations.length ? unprocessable(violations) : undefined;
    },
  );
}

/**
 * Prism's security check: some alternative of the requirements has every one of its schemes present (an API key
 * non-empty in its header or query parameter, `Authorization: Bearer …`). Undefined when one does; otherwise what
 * the first alternative misses.
 */
function missingCredentials(
  data: MockData,
  requirements: readonly (readonly string[])[],
  request: Request,
): { violations: Violation[]; challenge?: string } | undefined {
  if (requirements.length === 0) return undefined;
  const url = new URL(request.url);
  const misses = requirements.map((names) =>
    names.flatMap((name) => {
      const scheme = data.securitySchemes?.[name];
      return scheme && !present(scheme, request, url) ? [{ name, scheme }] : [];
    }),
  );
  if (misses.some((m) => m.length === 0)) return undefined;
  const first = misses[0] ?? [];
  const bearer = first.some(({ scheme }) => scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer");
  return {
    violations: first.map(({ name, scheme }) => {
      const [where, key] = credentialPlace(scheme);
      return {
        location: [where, key],
        severity: "Error",
        code: "security",
        message: `Request ${where === "query" ? "query parameter" : where} ${key} is missing (security scheme ${name})`,
      };
    }),
    ...(bearer ? { challenge: "Bearer" } : {}),
  };
}

function credentialPlace(scheme: MockSecurityScheme): [string, string] {
  if (scheme.type === "apiKey") return [scheme.in ?? "header", scheme.name ?? ""];
  return ["header", "Authorization"];
}

function present(scheme: MockSecurityScheme, request: Request, url: URL): boolean {
  if (scheme.type === "apiKey") {
    const name = scheme.name ?? "";
    if (scheme.in === "query") return Boolean(url.searchParams.get(name));
    if (scheme.in === "cookie")
      return new RegExp(`(?:^|;\\s*)${name.replace(/\W/g, "\\$&")}=.+`).test(request.headers.get("cookie") ?? "");
    return Boolean(request.headers.get(name));
  }
  const authorization = request.headers.get("authorization") ?? "";
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return /^Basic\s.+$/i.test(authorization);
  // bearer, oauth2 and openIdConnect: Prism asks for a bearer token.
  return /^Bearer\s.+$/.test(authorization);
}
