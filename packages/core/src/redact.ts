/**
 * Masks secrets (app secrets, appKey, access tokens) in text that may reach an error or a log line.
 * The transport registers every secret it handles, including tokens it fetches.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would mask ordinary words; real secrets are long.
    if (secret && secret.length >= 6) this.#secrets.add(secret);
  }

  delete(secret: string): void {
    this.#secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join("[redacted]");
    }
    return out;
  }
}

/** A URL safe to log: path only, query values replaced (tokens travel in the query). */
export function describeUrl(url: URL): string {
  const keys = [...url.searchParams.keys()];
  return keys.length === 0 ? url.pathname : `${url.pathname}?${keys.map((k) => `${k}=…`).join("&")}`;
}
