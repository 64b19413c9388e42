import type {} from "@scrm-openapi/testing"; // types what `provide` takes
import type { TestProject } from "vitest/node";
import { startMock } from "./index.js";

/**
 * A vitest globalSetup that runs one vendor's Prism mock on a free port and provides its URL as "mockUrl". It answers
 * the doc examples, not the seeded data: the vendor suites check the clients against the pages' own values.
 */
export function provideMock(vendor: string) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const mock = await startMock(vendor, { port: 0 });
    project.provide("mockUrl", mock.url);
    return () => mock.stop();
  };
}
