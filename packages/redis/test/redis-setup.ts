// vitest globalSetup: one throwaway redis-server for the whole run; tests that kill Redis start their own.
import { startRedisServer } from "@scrm-openapi/testing";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startRedisServer();
  project.provide("redisPort", server.port);
  return () => server.stop();
}
