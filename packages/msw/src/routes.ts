// Which operation a request is for: the spec's path templates matched below the mock's base URL, and Prism's
// `Prefer` header.
import type { MockOperation } from "./types.js";

export interface RoutedRequest {
  readonly op: MockOperation;
  /** The request's path below the base URL (what the spec's template matched). */
  readonly path: string;
  /** The values of the template's `{param}` segments, decoded. */
  readonly pathParams: Readonly<Record<string, string>>;
}

/** `Prefer: example=<name>` (Prism's header; other preferences in it are ignored). */
export function preferredExample(request: Request): string | undefined {
  return /(?:^|[\s,;])example=([^\s,;]+)/.exec(request.headers.get("prefer") ?? "")?.[1];
}

/** A lookup from a request to its operation, among `operations`, on `baseUrl` (`"*"`: any origin). */
export function createRouter(
  operations: readonly MockOperation[],
  baseUrl: string,
): (request: Request) => RoutedRequest | undefined {
  const routes = operations.map((op) => ({ op, ...templatePattern(op.path) }));
  return (request) => {
    const path = relativePath(request.url, baseUrl);
    if (path === undefined) return undefined;
    const method = request.method.toLowerCase();
    for (const { op, pattern, names } of routes) {
      if (op.method !== method) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => {
        pathParams[name] = safeDecode(match[i + 1] ?? "");
      });
      return { op, path, pathParams };
    }
    return undefined;
  };
}

/** `{param}` segments match one path segment. */
function templatePattern(template: string): { pattern: RegExp; names: string[] } {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/]+)");
  return { pattern: new RegExp(`^${escaped}$`), names };
}

/** msw's path syntax: the base URL prepended (`*` for any origin), `{param}` as `:param`. */
export function mswPath(baseUrl: string, template: string): string {
  const path = template.replace(/\{([^}]+)\}/g, ":$1");
  return baseUrl === "*" ? `*${path}` : `${baseUrl.replace(/\/$/, "")}${path}`;
}

/** The request's path below the base URL, or undefined when it is not on it. */
function relativePath(url: string, baseUrl: string): string | undefined {
  const target = new URL(url);
  if (baseUrl === "*") return target.pathname;
  const base = new URL(baseUrl, globalThis.location?.href);
  if (target.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/$/, "");
  if (!target.pathname.startsWith(prefix)) return undefined;
  return target.pathname.slice(prefix.length) || "/";
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
