// vitest globalSetup: every vendor's Prism mock (doc examples), provided as "mockUrls" by vendor; in npm test's batch
// the host the vendor suites share.
export { provideMocks as default } from "@scrm-openapi/mock/vitest";
