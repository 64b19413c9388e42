// vitest globalSetup of every project whose tests reach the doc-examples Prism mocks: the vendors its configuration
// provides as "mockVendors" (vitest.config.ts), served as "mockUrls".
export { provideMocks as default } from "./vitest.js";
