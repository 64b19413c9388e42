// The one vitest configuration: a project per package and tool that has tests. Each package's `test` script runs
// its own project (`vitest run --project <name>`) so that turbo can cache and schedule packages one by one. The
// CPU-bound suites (core, the vendors, codegen) pass --maxWorkers=1: turbo already runs two tasks on the two cores,
// and a second worker thread would import every module again.
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { VENDORS } from "./tools/codegen/src/vendors.ts";

const at = (dir: string) => fileURLToPath(new URL(`./${dir}/`, import.meta.url));
const vendorSetup = `${at("tools/mock")}src/vitest-setup.ts`;

const project = (name: string, dir: string, test: TestProjectInlineConfiguration["test"] = {}) =>
  ({
    extends: true,
    test: { name, root: at(dir), include: ["test/**/*.test.ts"], ...test },
  }) satisfies TestProjectInlineConfiguration;

/**
 * The `--project` names on the command line (`--project x`, `--project=x`, `*` as a wildcard), or undefined for all.
 * Vitest filters by them too, but only after it has set up every project of the list: built from the names alone,
 * a one-package run skips setting up sixteen others (about 0.6 CPU-s per run, and npm test makes seventeen runs).
 */
function requestedProjects(argv: readonly string[]): RegExp[] | undefined {
  const names = argv.flatMap((arg, i) =>
    arg === "--project" ? (argv[i + 1] ?? []) : arg.startsWith("--project=") ? arg.slice("--project=".length) : [],
  );
  if (names.length === 0 || names.some((name) => name.startsWith("!"))) return undefined; // a negation: all, as vitest
  const literal = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  return names.map((name) => new RegExp(`^${name.split("*").map(literal).join(".*")}$`));
}
const requested = requestedProjects(process.argv);
const chosen = <P extends { test: { name: string | { label: string } } }>(projects: P[]) =>
  requested
    ? projects.filter(({ test: { name } }) =>
        requested.some((r) => r.test(typeof name === "string" ? name : name.label)),
      )
    : projects;

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    testTimeout: 20_000,
    pool: "threads",
    isolate: false,
    projects: chosen([
      project("core", "packages/core"),
      project("msw", "packages/msw"),
      project("redis", "packages/redis", { globalSetup: ["test/redis-setup.ts"] }),
      ...VENDORS.map((vendor) => project(vendor, `packages/${vendor}`, { globalSetup: [vendorSetup] })),
      project("unified", "packages/unified", {
        globalSetup: [`${at("packages/unified")}test/mocks-setup.ts`],
        testTimeout: 60_000,
        hookTimeout: 120_000,
      }),
      project("codegen", "tools/codegen"),
      project("mock", "tools/mock", {
        testTimeout: 60_000,
        globalSetup: [`${at("tools/mock")}test/seeded-host-setup.ts`],
      }),
      project("docs", "tools/docs", { testTimeout: 60_000, hookTimeout: 120_000 }),
      project("browser", "tools/browser", {
        globalSetup: [`${at("tools/browser")}test/chromium-setup.ts`],
        testTimeout: 60_000,
        hookTimeout: 60_000,
      }),
      project("consumer", "tools/consumer", { testTimeout: 60_000, hookTimeout: 180_000 }),
      project("scaffold", "tools/scaffold", { testTimeout: 120_000, hookTimeout: 240_000 }),
      project("spec-diff", "tools/spec-diff", { hookTimeout: 60_000 }),
      project("webhook", "tools/webhook"),
      project("mcp", "packages/mcp", {
        globalSetup: [`${at("packages/mcp")}test/mocks-setup.ts`],
        testTimeout: 30_000,
        hookTimeout: 60_000,
      }),
    ]),
  },
});
