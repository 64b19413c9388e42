// Dotted paths into JSON answers (`data.list`, `data.success_list.0.id`), as x-pagination and x-unified write them.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function getAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(".")) {
    if (Array.isArray(at)) at = at[Number(key)];
    else if (isRecord(at)) at = at[key];
    else return undefined;
  }
  return at;
}

/** Sets `path` in `target` (in place), creating the objects on the way; numeric keys index arrays. */
export function setAt(target: unknown, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const container = at as Record<string, unknown>;
    if (!container || typeof container !== "object") return;
    if (last) container[key] = value;
    else {
      if (container[key] === null || typeof container[key] !== "object") container[key] = {};
      at = container[key];
    }
  });
}

/** Where the answer's list is: the first array of objects, breadth-first, under the envelope (depth ≤ 3). */
export function findList(value: unknown): string | undefined {
  let level: [string, unknown][] = [["", value]];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: [string, unknown][] = [];
    for (const [path, node] of level) {
      if (!isRecord(node)) continue;
      for (const [key, child] of Object.entries(node)) {
        const at = path ? `${path}.${key}` : key;
        if (Array.isArray(child) && child.some(isRecord)) return at;
        next.push([at, child]);
      }
    }
    level = next;
  }
  return undefined;
}

export { isRecord };
