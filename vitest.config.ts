// The one vitest configuration: a project per package and tool that has tests. Each package's `test` script runs
// its own project (`vitest run --project <name>`) so that turbo can cache and schedule packages one by one. The
// CPU-bound suites (core, the vendors, codegen) pass --maxWorkers=1: turbo already runs two tasks on the two cores,
// and a second worker thread would import every module again. `--project batch:<a>+<b>…` runs the named projects'
// tests as one project (see batchOf).
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { VENDORS } from "./tools/codegen/src/vendors.ts";

const at = (dir: string) => fileURLToPath(new URL(`./${dir}/`, import.meta.url));
const ROOT = at(".");
/** The deadlines of a project that sets none. */
const DEADLINES = { testTimeout: 20_000, hookTimeout: 10_000 };

type ProjectTest = Omit<NonNullable<TestProjectInlineConfiguration["test"]>, "name">;
interface Project {
  extends: true;
  test: ProjectTest & { name: string; root: string; include: string[] };
}
const project = (name: string, dir: string, test: ProjectTest = {}): Project => ({
  extends: true,
  test: { name, root: at(dir), include: ["test/**/*.test.ts"], ...test },
});

/** The doc-examples Prism mocks of `vendors`, for a project's tests (`mockUrl(vendor)` of @scrm-openapi/testing). */
const mocks = (vendors: readonly string[]) => ({
  globalSetup: [`${at("tools/mock")}src/vitest-setup.ts`],
  provide: { mockVendors: [...vendors] },
});

/**
 * `batch:<a>+<b>…`: the projects a…, as one project (npm test runs the small suites so, scripts/task-batch.mjs). A
 * project runs its files in one worker and transforms a module once: nine projects took 42–47 CPU-s as nine and 28–34
 * as one. Its include, global setups and mock vendors are the union of theirs, its deadlines the longest.
 */
function batchOf(name: string, projects: Project[]): Project {
  const members = name
    .slice("batch:".length)
    .split("+")
    .map((member) => {
      const found = projects.find((p) => p.test.name === member);
      if (!found) throw new Error(`vitest.config.ts: ${name} names ${member}, which is not a project`);
      return found.test;
    });
  const union = <T>(list: (T[] | undefined)[]) => [...new Set(list.flatMap((l) => l ?? []))];
  const longest = (key: keyof typeof DEADLINES) => ({
    [key]: Math.max(...members.map((m) => m[key] ?? DEADLINES[key])),
  });
  const mockVendors = union(members.map((m) => m.provide?.mockVendors));
  return project(name, ".", {
    include: members.flatMap((m) => m.include.map((glob) => `${relative(ROOT, m.root)}/${glob}`)),
    globalSetup: union(members.map((m) => [m.globalSetup ?? []].flat().map((file) => resolve(m.root, file)))),
    ...(mockVendors.length > 0 ? { provide: { mockVendors } } : {}),
    ...longest("testTimeout"),
    ...longest("hookTimeout"),
  });
}

/**
 * The `--project` names on the command line (`--project x`, `--project=x`, `*` as a wildcard), or undefined for all.
 * Vitest filters by them too, but only after it has set up every project of the list: built from the names alone,
 * a one-package run skips setting up sixteen others (about 0.6 CPU-s per run, and npm test makes seventeen runs).
 */
function requestedProjects(argv: readonly string[]): string[] | undefined {
  const names = argv.flatMap((arg, i) =>
    arg === "--project" ? (argv[i + 1] ?? []) : arg.startsWith("--project=") ? arg.slice("--project=".length) : [],
  );
  if (names.length === 0 || names.some((name) => name.startsWith("!"))) return undefined; // a negation: all, as vitest
  return names;
}
const requested = requestedProjects(process.argv);
/** The projects the command line names (all, without --project), and each batch it names. */
function chosen(projects: Project[]): Project[] {
  if (!requested) return projects;
  const literal = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  const patterns = requested.map((name) => new RegExp(`^${name.split("*").map(literal).join(".*")}$`));
  return [
    ...projects.filter(({ test: { name } }) => patterns.some((p) => p.test(name))),
    ...requested.filter((name) => name.startsWith("batch:")).map((name) => batchOf(name, projects)),
  ];
}

export default defineConfig({
  test: {
    reporters: ["default", "json"],
    ...DEADLINES,
    pool: "threads",
    isolate: false,
    projects: chosen([
      project("core", "packages/core"),
      project("msw", "packages/msw"),
      project("redis", "packages/redis", { globalSetup: ["test/redis-setup.ts"] }),
      ...VENDORS.map((vendor) => project(vendor, `packages/${vendor}`, mocks([vendor]))),
      project("unified", "packages/unified", {
        ...mocks(VENDORS),
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
        ...mocks(VENDORS),
        testTimeout: 30_000,
        hookTimeout: 60_000,
      }),
    ]),
  },
});
