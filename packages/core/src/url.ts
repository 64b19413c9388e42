// Request URLs the way openapi-fetch builds them by default (its runtime is not bundled; its types are used):
// `{name}` path segments, query primitives `k=v`, arrays exploded (`k=a&k=b`), objects as deepObject (`k[f]=v`).

const encode = (value: unknown) => encodeURIComponent(String(value));

export function buildUrl(
  base: string,
  path: string,
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> },
  serializeQuery?: (query: Record<string, unknown>) => string,
): string {
  const filled = path.replace(/\{([^}]+)\}/g, (segment, name: string) => {
    const value = params.path?.[name];
    return value === undefined || value === null ? segment : encode(value);
  });
  const query = serializeQuery ? serializeQuery(params.query ?? {}) : formQuery(params.query);
  return query ? `${base}${filled}?${query}` : `${base}${filled}`;
}

function formQuery(query: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) parts.push(`${encode(name)}=${encode(item)}`);
    else if (typeof value === "object") {
      for (const [field, inner] of Object.entries(value)) {
        if (inner !== undefined && inner !== null) parts.push(`${encode(name)}[${encode(field)}]=${encode(inner)}`);
      }
    } else parts.push(`${encode(name)}=${encode(value)}`);
  }
  return parts.join("&");
}
