/** The CLIs bin/launch.mjs runs: `src/<name>.ts`. */
export const LAUNCHERS: string[];

/** The bundle of one of the LAUNCHERS (tools/mock's own dependencies external): the file's path. */
export function launcherBundle(name: string): Promise<string>;
