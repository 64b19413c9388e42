// Paths into vendor records, compiled once into getters: dotted keys (`a.b`, a numeric key also indexes a list),
// `$parent.` for the enclosing record, `[]` over lists, `a|b` for two documented spellings. A record then costs
// property reads, not string parsing.

export type Getter = (record: unknown, parent: unknown) => unknown;
type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A chain of keys: an object is read by key, a list by a numeric key; anything else ends the walk (undefined). */
function keysGetter(keys: readonly string[]): Getter {
  const indexes = keys.map((key) => (/^\d+$/.test(key) ? Number(key) : -1));
  if (keys.length === 1) {
    const key = keys[0] as string;
    const index = indexes[0] as number;
    if (index < 0) return (record) => (isObj(record) ? record[key] : undefined);
    return (record) => (isObj(record) ? record[key] : Array.isArray(record) ? record[index] : undefined);
  }
  return (record) => {
    let current = record;
    for (let i = 0; i < keys.length; i++) {
      const index = indexes[i] as number;
      if (isObj(current)) current = current[keys[i] as string];
      else if (index >= 0 && Array.isArray(current)) current = current[index];
      else return undefined;
    }
    return current;
  };
}

/** A path as a function of (record, parent). */
export function compilePath(path: string): Getter {
  if (path.includes("|")) {
    const alternatives = path.split("|").map(compilePath);
    return (record, parent) => {
      for (const get of alternatives) {
        const value = get(record, parent);
        if (value !== undefined) return value;
      }
      return undefined;
    };
  }
  if (path.startsWith("$parent.")) {
    const get = compilePath(path.slice(8));
    return (_record, parent) => get(parent, undefined);
  }
  const split = path.indexOf("[].");
  if (split >= 0) {
    const head = compilePath(path.slice(0, split));
    const tail = compilePath(path.slice(split + 3));
    return (record, parent) => {
      const list = head(record, parent);
      if (!Array.isArray(list)) return undefined;
      const out = new Array<unknown>(list.length);
      for (let i = 0; i < list.length; i++) out[i] = tail(list[i], undefined);
      return out;
    };
  }
  return keysGetter(path.split("."));
}

const paths = new Map<string, Getter>();
/** The value at a path (compiled once per distinct path). */
export function read(record: unknown, path: string, parent?: unknown): unknown {
  let get = paths.get(path);
  if (!get) {
    get = compilePath(path);
    paths.set(path, get);
  }
  return get(record, parent);
}

export interface Located {
  readonly record: unknown;
  readonly parent: unknown;
}

export type Locator = (root: unknown, parent?: unknown) => Located[];
type Visit = (record: unknown, parent: unknown) => void;
/** Calls `visit` with each record at a records path and its enclosing record; no list is built. */
export type Each = (root: unknown, parent: unknown, visit: Visit) => void;

/** A records path as a walk: `a.b` (a list or one record), `a[].b` (each item's list, the item as parent). */
export function compileEach(path: string): Each {
  const split = path.indexOf("[].");
  const head = split < 0 ? path : path.slice(0, split);
  const get = head === "" ? undefined : compilePath(head);
  const inner = split < 0 ? undefined : compileEach(path.slice(split + 3));
  return (root, parent, visit) => {
    const value = get ? get(root, undefined) : root;
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      if (inner) inner(value, value, visit);
      else visit(value, parent);
      return;
    }
    for (const item of value) {
      if (inner) inner(item, item, visit);
      else visit(item, parent);
    }
  };
}

/** A records path as a function returning every record with its enclosing record. */
export function compileLocate(path: string): Locator {
  const each = compileEach(path);
  return (root, parent) => {
    const out: Located[] = [];
    each(root, parent, (record, p) => {
      out.push({ record, parent: p });
    });
    return out;
  };
}

const locators = new Map<string, Locator>();
/** Every record at a records path (compiled once per distinct path). */
export function locate(root: unknown, path: string, parent?: unknown): Located[] {
  let run = locators.get(path);
  if (!run) {
    run = compileLocate(path);
    locators.set(path, run);
  }
  return run(root, parent);
}
