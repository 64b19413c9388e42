import type { BuildOptions } from "esbuild";

/**
 * The path of `options` (one entry point) bundled under `name`, rebuilt only when an input changed; `portable` when the
 * code holds no path of the repository, so a copy of the repository may reuse it.
 */
export function bundled(
  name: string,
  options: BuildOptions,
  also?: string[],
  how?: { portable?: boolean },
): Promise<string>;
