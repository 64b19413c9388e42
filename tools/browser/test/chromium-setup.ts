// vitest globalSetup: one headless Chromium for the browser project; its test files connect to it (sharedChromium)
// instead of each starting a browser of its own.
import { serveChromium } from "@scrm-openapi/testing/chromium";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = await serveChromium();
  project.provide("chromiumEndpoint", chromium.endpoint);
  return () => chromium.close();
}
