// globalSetup of the unified suite: a Prism mock of each vendor (the run's shared host when the vendor suites run in
// the same vitest process, as in npm test's batch), URLs provided by vendor.
import { examplesMocks } from "@scrm-openapi/mock/vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { urls, release } = await examplesMocks(project, ["weiban", "weiling", "tanma", "planyun"]);
  project.provide("mockUrls", urls);
  return release;
}
