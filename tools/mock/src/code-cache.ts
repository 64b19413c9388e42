// A CommonJS file loaded as require() loads it, but compiled from V8's code cache kept beside it (`<file>.v8`) when
// one is there and still fits this node: the host's Prism bundle (prism-bundle.ts) is 4.5 MB of JavaScript.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

export interface Cached<T> {
  exports: T;
  /**
   * Writes the code cache when there was none or V8 refused it. Called once the module has done its work, so that the
   * functions compiled meanwhile are in the cache too.
   */
  save(): void;
}

export function requireCached<T>(file: string): Cached<T> {
  const cacheFile = `${file}.v8`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet: compiled from source, and saved
  }
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const fresh = !cachedData || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    save: () => {
      if (!fresh) return;
      // Written aside, then renamed: a host starting meanwhile never reads half a cache.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    },
  };
}
