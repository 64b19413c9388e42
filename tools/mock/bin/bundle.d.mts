import type { BuildOptions } from "esbuild";

/** The path of `options` (one entry point) bundled under `name`, rebuilt only when an input changed. */
export function bundled(name: string, options: BuildOptions, also?: string[]): Promise<string>;
