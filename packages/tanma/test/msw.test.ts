// @scrm-openapi/tanma/msw in Node (setupServer): every named example answered as Prism answers it, through the client.
import { describeExamples, exampleCases } from "@scrm-openapi/testing";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { createTanmaClient } from "../src/index.js";
import { createTanmaMocks } from "../src/msw.js";

const server = setupServer(...createTanmaMocks().handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const client = createTanmaClient({ appId: "ww51046ddc4f4df510_NjaEnW", appKey: "mock-app-key", retry: false });
describeExamples("tanma", await exampleCases("tanma"), client);
