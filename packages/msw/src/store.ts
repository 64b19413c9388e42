// The in-memory store behind stateful mock handlers: what a create call adds, later get and list calls return, for
// as long as the page (or the test) lives. Values go in and come out as copies, so a caller mutating an answer
// cannot change what the next request sees.

export interface MockCollection<T extends object> {
  /** Every record, in insertion order (seed records first). */
  list(): T[];
  get(key: string): T | undefined;
  /** Adds (or replaces) the record under its key. */
  insert(record: T): T;
  /** Merges `patch` into the record; undefined when there is none under `key`. */
  update(key: string, patch: Partial<T>): T | undefined;
  remove(key: string): boolean;
  readonly size: number;
}

export interface MockStore {
  /**
   * The collection `name`, created on first use: `key` names each record, `seed` gives the records it starts with
   * (and goes back to on reset). Asking again for the same name returns the same collection.
   */
  collection<T extends object>(
    name: string,
    options: { key: (record: T) => string; seed?: () => T[] },
  ): MockCollection<T>;
  /** Every collection back to its seed. */
  reset(): void;
}

export function createMockStore(): MockStore {
  const collections = new Map<string, { reset(): void; collection: MockCollection<object> }>();
  return {
    collection<T extends object>(name: string, options: { key: (record: T) => string; seed?: () => T[] }) {
      const existing = collections.get(name);
      if (existing) return existing.collection as unknown as MockCollection<T>;
      const records = new Map<string, T>();
      const fill = () => {
        records.clear();
        for (const record of options.seed?.() ?? []) records.set(options.key(record), structuredClone(record));
      };
      fill();
      const collection: MockCollection<T> = {
        list: () => [...records.values()].map((r) => structuredClone(r)),
        get: (key) => {
          const record = records.get(key);
          return record && structuredClone(record);
        },
        insert: (record) => {
          records.set(options.key(record), structuredClone(record));
          return structuredClone(record);
        },
        update: (key, patch) => {
          const record = records.get(key);
          if (!record) return undefined;
          const next = { ...record, ...structuredClone(patch) };
          records.set(key, next);
          return structuredClone(next);
        },
        remove: (key) => records.delete(key),
        get size() {
          return records.size;
        },
      };
      collections.set(name, { reset: fill, collection: collection as unknown as MockCollection<object> });
      return collection;
    },
    reset() {
      for (const { reset } of collections.values()) reset();
    },
  };
}
