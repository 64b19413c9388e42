// @scrm-openapi/planyun/msw in Node (setupServer): every named example answered as Prism answers it, through the
// client. Planyun documents no API host, so its mocks answer on any origin.
import { describeExamples, exampleCases } from "@scrm-openapi/testing";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { createPlanyunClient } from "../src/index.js";
import { createPlanyunMocks } from "../src/msw.js";

const server = setupServer(...createPlanyunMocks().handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const client = createPlanyunClient({
  baseUrl: "https://planyun-api.example",
  getAccessToken: async () => "mock-bearer-token",
  retry: false,
});
describeExamples("planyun", await exampleCases("planyun"), client);
