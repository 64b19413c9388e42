// What a refused request lacks: Prism answers 401 "Invalid security scheme used" without saying which credential is
// missing, so the front names it from the operation's security requirement (Tanma's four headers, a bearer token,
// a query `access_token`).
import type { IncomingHttpHeaders } from "node:http";

/** The parts of Prism's IHttpOperation read here (the same shape as @stoplight/types, declared to stay type-light). */
export interface SecuredOperation {
  method: string;
  /** Path template, e.g. /open-api/customer/{id}. */
  path: string;
  security?: SecurityScheme[][];
  servers?: { url: string }[];
}

interface SecurityScheme {
  key: string;
  type: string;
  in?: string;
  name?: string;
  scheme?: string;
}

export interface MissingCredential {
  /** Where it goes: "header", "query" or "cookie". */
  in: string;
  name: string;
  /** The spec's securitySchemes key. */
  scheme: string;
}

/** Finds the operation a method and path address: the template as is, or after one of its servers' base paths. */
export function findOperation<T extends SecuredOperation>(operations: readonly T[], method: string, path: string) {
  const lower = method.toLowerCase();
  return operations.find((op) => {
    if (op.method.toLowerCase() !== lower) return false;
    const pattern = templatePattern(op.path);
    if (pattern.test(path)) return true;
    return (op.servers ?? []).some((server) => {
      const base = basePath(server.url);
      return base !== "" && path.startsWith(base) && pattern.test(path.slice(base.length));
    });
  });
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${escaped}/?$`);
}

function basePath(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/$/, "");
  } catch {
    return "";
  }
}

/**
 * The credentials missing for each way the operation accepts (its security alternatives), fewest first; empty when an
 * alternative is fully present or the operation needs none.
 */
export function missingCredentials(
  operation: SecuredOperation,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): MissingCredential[][] {
  const alternatives = (operation.security ?? []).map((all) => all.flatMap((s) => missingOne(s, headers, query)));
  if (alternatives.length === 0 || alternatives.some((missing) => missing.length === 0)) return [];
  return alternatives.sort((a, b) => a.length - b.length);
}

function missingOne(scheme: SecurityScheme, headers: IncomingHttpHeaders, query: URLSearchParams): MissingCredential[] {
  if (scheme.type === "http" || scheme.type === "oauth2" || scheme.type === "openIdConnect") {
    const expected = scheme.type === "http" ? (scheme.scheme ?? "bearer").toLowerCase() : "bearer";
    const authorization = headers.authorization ?? "";
    const ok = authorization.toLowerCase().startsWith(`${expected} `) && authorization.trim().includes(" ");
    const name = `Authorization (${expected === "bearer" ? "Bearer <token>" : `${scheme.scheme} …`})`;
    return ok ? [] : [{ in: "header", name, scheme: scheme.key }];
  }
  if (scheme.type !== "apiKey" || !scheme.name) return [];
  const where = scheme.in ?? "header";
  const present =
    where === "header"
      ? headers[scheme.name.toLowerCase()] !== undefined
      : where === "query"
        ? query.has(scheme.name)
        : new RegExp(`(?:^|;\\s*)${scheme.name}=`).test(headers.cookie ?? "");
  return present ? [] : [{ in: where, name: scheme.name, scheme: scheme.key }];
}

/** "header appKey" / "headers appId and sign" / "query parameter access_token". */
export function describeMissing(missing: readonly MissingCredential[]): string {
  const byPlace = new Map<string, string[]>();
  for (const m of missing) byPlace.set(m.in, [...(byPlace.get(m.in) ?? []), m.name]);
  return [...byPlace]
    .map(([place, names]) => {
      const noun = place === "query" ? "query parameter" : place;
      return `${noun}${names.length > 1 ? "s" : ""} ${listOf(names)}`;
    })
    .join(" and ");
}

function listOf(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Everything one security alternative sends, for the 401's detail. */
export function describeRequirement(operation: SecuredOperation): string {
  const ways = (operation.security ?? []).map((all) =>
    describeMissing(all.flatMap((s) => missingOne(s, {}, new URLSearchParams()))),
  );
  return ways.filter(Boolean).join("; or ");
}
