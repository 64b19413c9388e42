import type {} from "@scrm-openapi/testing"; // types what `provide` takes
import type { TestProject } from "vitest/node";
import { listVendors, type MockHost, startMockHost } from "./index.js";

/** The run's shared host: the vendors it serves, and how many globalSetups still use it. */
interface Shared {
  vendors: ReadonlySet<string>;
  host: Promise<MockHost>;
  users: number;
}

// On globalThis: vitest loads each project's globalSetup files through that project's own module runner, so a
// module-level variable would be one per project.
const SHARED = Symbol.for("@scrm-openapi/mock/vitest shared host");
const store = globalThis as { [SHARED]?: Shared };

/** The vendors that have a project of their own in this vitest run. */
async function vendorsOfRun(project: TestProject): Promise<string[]> {
  const names = new Set(project.vitest.projects.map((p) => p.name));
  return (await listVendors()).map((v) => v.id).filter((id) => names.has(id));
}

/**
 * Prism mocks answering the doc examples (not the seeded data) for a globalSetup: their URLs by vendor, and `release`
 * for its teardown. The projects of one vitest run share one host serving every vendor that has a project in the run
 * (started by the first setup, stopped after the last release): in `npm test`'s batch the four vendor suites, unified
 * and mcp use one host instead of six, so each spec is parsed and each schema's validator compiled once.
 * Vendors the shared host does not serve get a host of their own.
 */
export async function examplesMocks(
  project: TestProject,
  vendors: readonly string[],
): Promise<{ urls: Record<string, string>; release(): Promise<void> }> {
  if (!store[SHARED]) {
    const ofRun = await vendorsOfRun(project);
    // An empty list would mean every vendor to startMockHost: with no vendor project there is nothing to share.
    if (ofRun.length > 0)
      store[SHARED] ??= { vendors: new Set(ofRun), host: startMockHost(ofRun, { port: 0 }), users: 0 };
  }
  const shared = store[SHARED];
  const urlsOf = (host: MockHost) => Object.fromEntries(host.servers.map((s) => [s.vendor, s.url]));
  if (!shared || !vendors.every((v) => shared.vendors.has(v))) {
    const own = await startMockHost([...vendors], { port: 0 });
    return { urls: urlsOf(own), release: () => own.stop() };
  }
  shared.users += 1;
  const host = await shared.host;
  return {
    urls: urlsOf(host),
    release: async () => {
      shared.users -= 1;
      if (shared.users > 0) return;
      if (store[SHARED] === shared) delete store[SHARED];
      await host.stop();
    },
  };
}

/** A vitest globalSetup that provides every vendor's examples mock (examplesMocks) as "mockUrls", by vendor. */
export async function provideMocks(project: TestProject): Promise<() => Promise<void>> {
  const { urls, release } = await examplesMocks(
    project,
    (await listVendors()).map((v) => v.id),
  );
  project.provide("mockUrls", urls);
  return release;
}

/** A vitest globalSetup that provides one vendor's examples mock (examplesMocks) as "mockUrl". */
export function provideMock(vendor: string) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const { urls, release } = await examplesMocks(project, [vendor]);
    const url = urls[vendor];
    if (!url) throw new Error(`mock ${vendor}: the host serves no such vendor`);
    project.provide("mockUrl", url);
    return release;
  };
}
