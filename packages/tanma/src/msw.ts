// @scrm-openapi/tanma/msw — MSW handlers for 探马 from specs/tanma: every operation answers the vendor's seeded zh-CN
// dataset (@scrm-openapi/msw/data, the same as `pnpm mock`'s: lists paged for real, ids get finds, creates, updates
// and deletes kept), and `Prefer: example=<name>` or scenario()/fail() the spec's named examples. `mocks.store` and
// the typed `mocks.http` are there for handlers of your own.
import { createVendorMocks, type MockOptions, type VendorMocks } from "@scrm-openapi/msw";
import { meta } from "./generated/meta.js";
import { type MockExamples, mockData } from "./generated/mocks.js";
import type { paths } from "./generated/schema.js";

export type { MockOptions, ScenarioOptions } from "@scrm-openapi/msw";
export type { MockExamples };
export type TanmaMocks = VendorMocks<paths, MockExamples>;

/**
 * Tanma's mocks: `setupWorker(...createTanmaMocks().handlers)` in a page (after `npx msw init public/`),
 * `setupServer(...)` in Node tests. Each call has its own store and seeded data.
 */
export function createTanmaMocks(options: MockOptions = {}): TanmaMocks {
  return createVendorMocks<paths, MockExamples>(meta, mockData, options);
}
