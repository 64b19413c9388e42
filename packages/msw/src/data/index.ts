// `@scrm-openapi/msw/data`: the seeded dataset alone (no msw, no faker), for the mock host in front of Prism, which
// answers from the same data as the MSW handlers.
export { createDataset, type Dataset, type MockAnswer, type MockInput } from "./dataset.js";
