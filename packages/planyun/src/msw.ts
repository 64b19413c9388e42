// @scrm-openapi/planyun/msw — MSW handlers for 谱蓝云 from specs/planyun: every operation answers the vendor's seeded zh-CN
// dataset (@scrm-openapi/msw/data, the same as `pnpm mock`'s: lists paged for real, ids get finds, creates, updates
// and deletes kept), and `Prefer: example=<name>` or scenario()/fail() the spec's named examples. `mocks.store` and
// the typed `mocks.http` are there for handlers of your own.
import { createVendorMocks, type MockOptions, type VendorMocks } from "@scrm-openapi/msw";
import { meta } from "./generated/meta.js";
import { type MockExamples, mockData } from "./generated/mocks.js";
import type { paths } from "./generated/schema.js";

export type { MockOptions, ScenarioOptions } from "@scrm-openapi/msw";
export type { MockExamples };
export type PlanyunMocks = VendorMocks<paths, MockExamples>;

/**
 * Planyun's mocks: `setupWorker(...createPlanyunMocks().handlers)` in a page (after `npx msw init public/`),
 * `setupServer(...)` in Node tests. Each call has its own store and seeded data.
 */
export function createPlanyunMocks(options: MockOptions = {}): PlanyunMocks {
  // Planyun documents no API host (the spec's server is its docs host), so its mocks answer on any origin by default.
  return createVendorMocks<paths, MockExamples>(meta, mockData, { baseUrl: "*", ...options });
}
