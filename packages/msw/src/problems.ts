// The answers a mock gives instead of an example, in Prism's words and shapes (problem+json), so a frontend sees the
// same error from `pnpm mock`, `pnpm mock --msw` and the MSW handlers in the page.
import { HttpResponse, type JsonBodyType } from "msw";

/** One of Prism's `validation` entries: where (`["body", "name"]`), the ajv keyword, and Prism's message. */
export interface Violation {
  readonly location?: readonly string[];
  readonly severity: "Error";
  readonly code: string;
  readonly message: string;
}

const PRISM = "https://stoplight.io/prism/errors#";

export const json = (body: unknown, init?: ResponseInit) => HttpResponse.json(body as JsonBodyType, init);

const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  json({ ...body, status }, { status, headers: { "content-type": "application/problem+json", ...headers } });

/** `Prefer: example=<name>` for a name the operation does not have. */
export const noSuchExample = (name: string) =>
  problem(404, {
    type: `${PRISM}NOT_FOUND`,
    title: "The server cannot find the requested content",
    detail: `Response for contentType: application/json and exampleKey: ${name} does not exist.`,
  });

/** Prism's 422; every violation named. */
export const unprocessable = (validation: readonly Violation[]) =>
  problem(422, {
    type: `${PRISM}UNPROCESSABLE_ENTITY`,
    title: "Invalid request",
    detail:
      "Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.",
    validation,
  });

/**
 * Prism's 401, plus what Prism leaves out: the credentials that are missing, as `validation` entries naming the
 * header or query parameter (`["header", "appKey"]`). `WWW-Authenticate` as Prism sets it for a bearer scheme.
 */
export const unauthorized = (missing: readonly Violation[], challenge?: string) =>
  problem(
    401,
    {
      type: `${PRISM}UNAUTHORIZED`,
      title: "Invalid security scheme used",
      detail: `Your request does not fullfil the security requirements and no HTTP unauthorized response was found in the spec, so Prism is generating this error for you. Missing: ${missing.map((m) => m.location?.join(" ")).join(", ")}.`,
      validation: missing,
    },
    challenge ? { "www-authenticate": challenge } : {},
  );

/** A body sent as something else than the JSON the spec declares. */
export const unsupportedType = () =>
  problem(415, {
    type: `${PRISM}INVALID_CONTENT_TYPE`,
    title: "Invalid content type",
    detail: "Supported content types: application/json",
  });

/** A body that is not JSON: what the Prism mock host answers (its HTTP layer's own error). */
export const invalidJson = () => json({ error: { code: "invalid_json", message: "Invalid JSON" } }, { status: 400 });

/** A body over the cap, answered before it is parsed. */
export const tooLarge = (limit: number) =>
  problem(413, {
    type: "about:blank",
    title: "Request body too large",
    detail: `The mock reads request bodies of at most ${limit} bytes.`,
  });

/** Sets a dotted path (`data.code`) in a plain object, creating what is missing. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(".");
  const last = keys.pop() ?? path;
  let at = target;
  for (const key of keys) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[last] = value;
  return target;
}
