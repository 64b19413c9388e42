// Builds a vendor request from parameter rules, and sends it through the vendor client's untyped `request` (the
// same pipeline as its typed calls: auth, limits, retries, typed errors).
import type { ParamRule } from "./mapping.js";

export interface Init {
  params: { query: Record<string, unknown>; path?: Record<string, unknown> };
  body?: Record<string, unknown>;
  signal?: AbortSignal;
}

/** What the engine needs of a vendor client: its `request` escape hatch and its vendor id. */
export interface RequestClient {
  request(method: string, path: string, init?: object): Promise<{ data: unknown }>;
  readonly meta: { readonly vendor: { readonly id: string } };
}

/** A request's start: a `{}` body where the operation takes one, the caller's signal. */
export function emptyInit(block: { readonly body?: boolean }, signal?: AbortSignal): Init {
  const init: Init = { params: { query: {} } }; // path parameters are added where one is set
  if (block.body) init.body = {};
  if (signal) init.signal = signal;
  return init;
}

/** Sets a dotted name (`a.0.b` builds lists for numeric segments) in an object. */
function setPath(target: Record<string, unknown>, name: string, value: unknown): void {
  const keys = name.split(".");
  let current: Record<string, unknown> = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      current[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(keys[i + 1] as string);
    current[key] ??= nextIsIndex ? [] : {};
    current = current[key] as Record<string, unknown>;
  });
}

/** Puts one value where its rule says: query, path or JSON body. */
export function setParam(init: Init, rule: ParamRule, value: unknown): void {
  if (rule.in === "body") {
    init.body ??= {};
    setPath(init.body, rule.name, value);
  } else if (rule.in === "path") {
    init.params.path ??= {};
    init.params.path[rule.name] = value;
  } else {
    init.params.query[rule.name] = value;
  }
}

/** A remote id (text in the model) in the parameter's wire type; undefined when it does not fit that type. */
export function wireId(rule: ParamRule, remote: string): unknown {
  if (rule.type === "string") return rule.list ? [remote] : remote;
  const n = Number(remote);
  if (remote.trim() === "" || !Number.isFinite(n)) return undefined;
  return rule.list ? [n] : n;
}
