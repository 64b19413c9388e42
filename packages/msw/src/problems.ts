// The answers a mock gives instead of an example, in Prism's words and shapes (problem+json), so a frontend sees the
// same error from `pnpm mock`, `pnpm mock --msw` and the MSW handlers in the page.
import { HttpResponse, type JsonBodyType } from "msw";
import { describeMissing, type MissingCredential } from "./security.js";

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

/** Prism's 422, its detail listing the violations as `pnpm mock` does (Prism's own detail is generic). */
export const unprocessable = (validation: readonly Violation[]) =>
  problem(422, {
    type: `${PRISM}UNPROCESSABLE_ENTITY`,
    title: "Invalid request",
    detail: validation.map((v) => v.message).join("; "),
    validation,
  });

/**
 * Prism's 401 as `pnpm mock` completes it: the title and detail name the credentials the request lacks, `missing`
 * lists them; `WWW-Authenticate: Bearer` as Prism sets it for a bearer scheme.
 */
export const unauthorized = (
  request: string,
  { missing, requirement, bearer }: { missing: readonly MissingCredential[]; requirement: string; bearer: boolean },
) =>
  problem(
    401,
    {
      type: `${PRISM}UNAUTHORIZED`,
      title: `Missing ${describeMissing(missing)}`,
      detail: `${request} requires ${requirement}; this request lacks ${describeMissing(missing)}.`,
      missing,
      // Prism's own 401 carries its challenge in the body too.
      ...(bearer ? { headers: { "WWW-Authenticate": "Bearer" } } : {}),
    },
    bearer ? { "www-authenticate": "Bearer" } : {},
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

/** The body limits' answers, as `pnpm mock` gives them (tools/mock/src/body-limits.ts) before Prism sees a body. */
const limitProblem = (status: number, kind: string, title: string, detail: string) =>
  problem(status, {
    type: `urn:scrm-openapi:mock:${kind}`,
    title,
    detail,
    validation: [{ location: ["body"], severity: "Error", code: String(status), message: detail }],
  });

export const tooLarge = (size: number, max: number, atLeast: boolean) =>
  limitProblem(
    413,
    "body-too-large",
    "Request body too large",
    `The body is ${atLeast ? "at least " : ""}${size} bytes; the mock accepts at most ${max} bytes.`,
  );

export const tooDeep = (max: number) =>
  limitProblem(
    422,
    "body-too-deep",
    "Request body nested too deeply",
    `The JSON body nests deeper than ${max} levels of arrays and objects, the most the mock accepts.`,
  );

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
