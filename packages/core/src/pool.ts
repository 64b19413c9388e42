import { ScrmConfigError } from "./errors.js";
import { hasControlCharacter } from "./text.js";

/** What a pooled client must offer: the pool closes it when it is evicted. */
export interface Closable {
  close(): Promise<void>;
}

export interface ClientPoolOptions<Credentials> {
  /** The tenant's credentials (a 服务商 looks up its corps' secrets here); called once per client created. */
  credentials: (tenant: string) => Credentials | Promise<Credentials>;
  /** Clients kept at most; the least recently used is closed beyond that. Default 1000. */
  maxIdle?: number;
  /** A client unused this long (ms) is closed on the next `get` or `evictIdle`. Default 10 minutes. */
  idleMs?: number;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export interface ClientPool<Client> {
  /** The tenant's client, created on first use from its credentials (one creation for concurrent callers). */
  get(tenant: string): Promise<Client>;
  /** Closes the clients idle longer than `idleMs`; resolves with how many. */
  evictIdle(): Promise<number>;
  /** Clients held now. */
  readonly size: number;
  /** Closes every client; later `get`s start afresh. */
  close(): Promise<void>;
}

interface Entry<Client> {
  readonly client: Promise<Client>;
  usedAt: number;
}

/**
 * One client per tenant (a corp served by one service provider), created by `factory` from the tenant's credentials.
 * Pass `tenant` on to the client options: token and budget keys then name the tenant (core keys.ts), in memory and in
 * a shared Redis store, so no tenant ever uses another's token or budget. Idle clients are closed on access; the pool
 * keeps no timer.
 */
export function createClientPool<Credentials, Client extends Closable>(
  factory: (credentials: Credentials, tenant: string) => Client,
  options: ClientPoolOptions<Credentials>,
): ClientPool<Client> {
  if (typeof options?.credentials !== "function") {
    throw new ScrmConfigError("pool", "credentials", "must be a function (tenant) => credentials");
  }
  const maxIdle = options.maxIdle ?? 1000;
  const idleMs = options.idleMs ?? 600_000;
  if (!Number.isInteger(maxIdle) || maxIdle < 1) throw new ScrmConfigError("pool", "maxIdle", "must be an integer ≥ 1");
  if (!(idleMs > 0)) throw new ScrmConfigError("pool", "idleMs", "must be a number > 0");
  const now = options.now ?? Date.now;
  // Insertion order is use order: an entry is re-inserted on every use, so the first one is the least recently used.
  const entries = new Map<string, Entry<Client>>();

  const drop = (tenant: string, entry: Entry<Client>) => {
    entries.delete(tenant);
    return entry.client.then(
      (client) => client.close(),
      () => undefined,
    );
  };
  const evictIdle = async () => {
    const at = now();
    const stale = [...entries].filter(([, entry]) => at - entry.usedAt >= idleMs);
    await Promise.all(stale.map(([tenant, entry]) => drop(tenant, entry)));
    return stale.length;
  };

  return {
    async get(tenant) {
      if (typeof tenant !== "string" || tenant === "" || hasControlCharacter(tenant)) {
        throw new ScrmConfigError("pool", "tenant", "must be a non-empty string without control characters");
      }
      await evictIdle();
      let entry = entries.get(tenant);
      if (entry) entries.delete(tenant);
      else {
        const client = Promise.resolve(tenant)
          .then(options.credentials)
          .then((credentials) => factory(credentials, tenant));
        entry = { client, usedAt: now() };
        // A failed creation is not kept: the next get tries again.
        client.catch(() => entries.get(tenant) === entry && entries.delete(tenant));
      }
      entry.usedAt = now();
      entries.set(tenant, entry);
      const over = [...entries].slice(0, Math.max(0, entries.size - maxIdle));
      await Promise.all(over.map(([name, old]) => drop(name, old)));
      return entry.client;
    },
    evictIdle,
    get size() {
      return entries.size;
    },
    async close() {
      await Promise.all([...entries].map(([tenant, entry]) => drop(tenant, entry)));
    },
  };
}
