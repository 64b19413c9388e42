// globalSetup of the unified suite: one Prism mock per vendor (all four in one host process), URLs provided by vendor.
import { startMockHost } from "@scrm-openapi/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const host = await startMockHost(["weiban", "weiling", "tanma", "planyun"], { port: 0 });
  project.provide("mockUrls", Object.fromEntries(host.servers.map((s) => [s.vendor, s.url])));
  return () => host.stop();
}
