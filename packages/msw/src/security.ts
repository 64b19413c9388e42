// Credentials, checked as Prism checks them (some alternative of the security requirements has every scheme present)
// and explained as `pnpm mock` explains Prism's bare 401 (tools/mock/src/security.ts): which header or query
// parameter the request lacks, fewest missing first.
import type { MockData, MockSecurityScheme } from "./types.js";

export interface MissingCredential {
  /** "header", "query" or "cookie". */
  readonly in: string;
  readonly name: string;
  /** The spec's securitySchemes key. */
  readonly scheme: string;
}

/** What the fewest-missing alternative lacks, and how to describe all of them; undefined when one is complete. */
export function checkCredentials(
  data: MockData,
  requirements: readonly (readonly string[])[],
  request: Request,
): { missing: MissingCredential[]; requirement: string; bearer: boolean } | undefined {
  if (requirements.length === 0) return undefined;
  const url = new URL(request.url);
  const alternatives = requirements.map((names) =>
    names.flatMap((name) => {
      const scheme = data.securitySchemes?.[name];
      return scheme && !present(scheme, request, url) ? [credential(name, scheme)] : [];
    }),
  );
  if (alternatives.some((missing) => missing.length === 0)) return undefined;
  const [fewest = []] = [...alternatives].sort((a, b) => a.length - b.length);
  const requirement = requirements
    .map((names) =>
      describeMissing(
        names.flatMap((n) => (data.securitySchemes?.[n] ? [credential(n, data.securitySchemes[n])] : [])),
      ),
    )
    .filter(Boolean)
    .join("; or ");
  const bearer = fewest.some((m) => m.name.startsWith("Authorization (Bearer"));
  return { missing: fewest, requirement, bearer };
}

/** "header appKey" / "headers appId and sign" / "query parameter access_token". */
export function describeMissing(missing: readonly MissingCredential[]): string {
  const byPlace = new Map<string, string[]>();
  for (const m of missing) byPlace.set(m.in, [...(byPlace.get(m.in) ?? []), m.name]);
  return [...byPlace]
    .map(
      ([place, names]) =>
        `${place === "query" ? "query parameter" : place}${names.length > 1 ? "s" : ""} ${listOf(names)}`,
    )
    .join(" and ");
}

function listOf(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function credential(key: string, scheme: MockSecurityScheme): MissingCredential {
  if (scheme.type === "apiKey") return { in: scheme.in ?? "header", name: scheme.name ?? "", scheme: key };
  const expected = scheme.type === "http" ? (scheme.scheme ?? "bearer").toLowerCase() : "bearer";
  const name = `Authorization (${expected === "bearer" ? "Bearer <token>" : `${scheme.scheme} …`})`;
  return { in: "header", name, scheme: key };
}

/** Prism's test: an API key non-empty where the scheme puts it; `Authorization: Bearer <token>` (or Basic). */
function present(scheme: MockSecurityScheme, request: Request, url: URL): boolean {
  if (scheme.type === "apiKey") {
    const name = scheme.name ?? "";
    if (scheme.in === "query") return Boolean(url.searchParams.get(name));
    if (scheme.in === "cookie") {
      return new RegExp(`(?:^|;\\s*)${name.replace(/\W/g, "\\$&")}=.+`).test(request.headers.get("cookie") ?? "");
    }
    return Boolean(request.headers.get(name));
  }
  const authorization = request.headers.get("authorization") ?? "";
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return /^Basic\s.+$/i.test(authorization);
  return /^Bearer\s.+$/.test(authorization);
}
