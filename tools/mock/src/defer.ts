// A CommonJS module its requirer gets as a stand-in, loaded for real on first use: how the Prism host skips the modules
// Prism loads at start-up for features the host never uses (host.ts says which, and what that saves).
import { Module } from "node:module";

/**
 * Pre-caches `request`, as `from` resolves it, as a stand-in: whoever requires it gets an object that requires the
 * real module the first time one of its properties is read (`default` included, itself a stand-in until then).
 */
export function defer(from: NodeJS.Require, request: string): void {
  const path = from.resolve(request);
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete from.cache[path];
      real = from(request) as object;
    }
    return real;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = lazy(load);
  from.cache[path] = standIn;
}

/** An object whose every property is read from `target()` when asked for; a method is bound to it. */
function lazy(target: () => object): object {
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === "default") return lazy(() => Reflect.get(target(), "default") as object);
        const object = target();
        const value: unknown = Reflect.get(object, key, object);
        return typeof value === "function" ? value.bind(object) : value;
      },
      has: (_, key) => Reflect.has(target(), key),
    },
  );
}
