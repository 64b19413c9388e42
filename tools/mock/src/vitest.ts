import type {} from "@scrm-openapi/testing"; // types what `provide` takes
import type { TestProject } from "vitest/node";
import { type MockHost, startMockHost } from "./index.js";

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

/** The vendors a project asks for ("mockVendors" of its configuration, vitest.config.ts). */
const vendorsOf = (project: Pick<TestProject, "config">): string[] => project.config.provide?.mockVendors ?? [];

/**
 * Prism mocks answering the doc examples (not the seeded data) for a globalSetup: their URLs by vendor, and `release`
 * for its teardown. The projects of one vitest run share one host serving every vendor that a project of the run asks
 * for (started by the first setup, stopped after the last release), so that each spec is parsed and each schema's
 * validator compiled once. Vendors the shared host does not serve get a host of their own.
 */
export async function examplesMocks(
  project: TestProject,
  vendors: readonly string[],
): Promise<{ urls: Record<string, string>; release(): Promise<void> }> {
  if (!store[SHARED]) {
    const ofRun = [...new Set(project.vitest.projects.flatMap(vendorsOf))];
    // An empty list would mean every vendor to startMockHost: with no project asking for mocks there is none to share.
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

/** A vitest globalSetup: the examples mocks of the vendors the project asks for (vendorsOf), as "mockUrls". */
export async function provideMocks(project: TestProject): Promise<() => Promise<void>> {
  const vendors = vendorsOf(project);
  if (vendors.length === 0) throw new Error(`project ${project.name}: a mock setup, but no mockVendors to serve`);
  const { urls, release } = await examplesMocks(project, vendors);
  project.provide("mockUrls", urls);
  return release;
}
