// vitest globalSetup of the mock project: one Prism host, serving every vendor's seeded data, for the two files that
// need one (bad-input.test.ts, seeded.test.ts) — each file its own set of servers, so that neither sees what the
// other's requests stored, and one host start-up (Prism's modules, the four specs) instead of two.
import type { TestProject } from "vitest/node";
import { startMockSets } from "../src/index.js";

export const SETS = ["bad-input", "seeded"] as const;

export interface SharedServer {
  vendor: string;
  name: string;
  url: string;
  port: number;
}

/** What the files get (inject("seededHost")): the host's pid, and each set's servers. */
export interface SeededHost {
  pid: number;
  sets: Record<(typeof SETS)[number], SharedServer[]>;
}

declare module "vitest" {
  export interface ProvidedContext {
    seededHost: SeededHost;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { host, sets } = await startMockSets(SETS, ["weiling", "weiban", "tanma", "planyun"], {
    port: 0,
    timeoutMs: 60_000,
    data: "seeded",
  });
  const plain = (servers: SharedServer[] = []) =>
    servers.map(({ vendor, name, url, port }) => ({ vendor, name, url, port }));
  project.provide("seededHost", {
    pid: host.pid,
    sets: { "bad-input": plain(sets["bad-input"]), seeded: plain(sets.seeded) },
  });
  return () => host.stop();
}
