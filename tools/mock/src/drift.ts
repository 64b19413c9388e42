// Prism's `sl-violations` header turned into drift reports — operation, field, expected, actual — with every
// credential of the exchange masked (redact.ts): the report goes to a terminal, a CI log, a JSON file.
import type { Route } from "./host.js";
import { maskFields, SecretSet } from "./redact.js";

export interface Drift {
  operationId: string;
  method: string;
  /** The path as called, without its query (tokens travel there). */
  path: string;
  /** Where the spec and the wire differ, e.g. "response.body.sea_list.0.name". */
  field: string;
  /** What the spec says, in Prism's words ("Response body property sea_list.0.name must be string"). */
  expected: string;
  /** The value seen on the wire there (JSON, cut at 80 characters, credentials masked), when the body holds one. */
  actual: string | undefined;
}

/** One request and its answer, as the tap saw them. */
export interface Exchange {
  method: string;
  url: URL;
  requestHeaders: Record<string, string | string[] | undefined>;
  requestBody: string;
  responseBody: string;
  violationsHeader: string | null;
}

interface Violation {
  location?: string[];
  message?: string;
}

/** The drifts an exchange shows, credentials masked: values under secret names, and their values anywhere else. */
export function driftsOf(exchange: Exchange, operationId: string): Drift[] {
  const violations = parseViolations(exchange.violationsHeader);
  if (violations.length === 0) return [];
  const request = parseJson(exchange.requestBody);
  const response = parseJson(exchange.responseBody);
  const secrets = new SecretSet();
  for (const [name, value] of Object.entries(exchange.requestHeaders)) secrets.addNamed(name, value);
  for (const [name, value] of exchange.url.searchParams) secrets.addNamed(name, value);
  secrets.addFromJson(request);
  secrets.addFromJson(response);
  return violations.map((v) => {
    const location = v.location ?? [];
    const actual = actualAt(location, response, request, exchange.url.searchParams);
    return {
      operationId,
      method: exchange.method,
      path: secrets.mask(exchange.url.pathname),
      field: location.join("."),
      expected: secrets.mask(v.message ?? ""),
      actual: actual === undefined ? undefined : secrets.mask(actual),
    };
  });
}

function parseViolations(header: string | null): Violation[] {
  if (!header) return [];
  try {
    const list = JSON.parse(header) as unknown;
    return Array.isArray(list) ? (list as Violation[]) : [];
  } catch {
    return [];
  }
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The value at a violation's location: response/request body (JSON) or a query parameter; masked, cut at 80. */
function actualAt(location: string[], response: unknown, request: unknown, query: URLSearchParams): string | undefined {
  const [side, part, ...rest] = location;
  let value: unknown;
  if (part === "body") {
    value = side === "response" ? response : request;
    if (value === NOT_JSON) return undefined;
    for (const key of rest) {
      value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }
    // The field itself may be the credential (a token of the wrong type): masked like any field under its name.
    const last = rest.at(-1);
    value = last === undefined ? maskFields(value) : (maskFields({ [last]: value }) as Record<string, unknown>)[last];
  } else if (side === "request" && part === "query" && rest[0]) {
    value = (maskFields({ [rest[0]]: query.get(rest[0]) ?? undefined }) as Record<string, unknown>)[rest[0]];
  } else {
    return undefined;
  }
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

/**
 * method + called path → operationId, matching the spec's path templates ({param} segments), from the operations the
 * proxy's Prism host parsed (in the spec's order).
 */
export function routesOf(operations: readonly Route[]): (method: string, path: string) => string {
  const routes: { method: string; pattern: RegExp; operationId: string }[] = [];
  for (const op of operations) {
    if (!["get", "post", "put", "patch", "delete"].includes(op.method.toLowerCase())) continue;
    const pattern = new RegExp(
      `^${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, "[^/]+")}$`,
    );
    routes.push({ method: op.method.toUpperCase(), pattern, operationId: op.operationId });
  }
  return (method, path) =>
    routes.find((r) => r.method === method && r.pattern.test(path))?.operationId ?? `${method} ${path}`;
}
