// The first of a vendor's handlers: refuses what Prism would refuse before any example or store sees the request —
// a body over the size cap (413) or nested too deep (422), a body that is not JSON (400), missing credentials (401),
// a body sent as another type than the spec's JSON (415), parameters or a body the spec does not allow (422), in
// Prism's order. A request it lets through falls to the next handler.
import { type HttpHandler, http } from "msw";
import { type BodyLimits, readBody } from "./body.js";
import { invalidJson, tooDeep, tooLarge, unauthorized, unprocessable, unsupportedType } from "./problems.js";
import type { RoutedRequest } from "./routes.js";
import { checkCredentials } from "./security.js";
import type { MockData } from "./types.js";
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
      const { op, path, pathParams } = routed;
      const body = await readBody(request, limits);
      if (body.kind === "too-large") return tooLarge(body.size, limits.maxBodyBytes, body.atLeast);
      if (body.kind === "too-deep") return tooDeep(limits.maxJsonDepth);
      if (body.kind === "invalid-json") return invalidJson();
      if (!check) return undefined;
      const credentials = checkCredentials(data, op.security ?? data.security ?? [], request);
      if (credentials) return unauthorized(`${request.method} ${path}`, credentials);
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
