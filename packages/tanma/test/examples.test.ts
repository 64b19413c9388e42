// Every operation's named examples from specs/tanma, through the signing client, against Prism.
import { describeExamples, exampleCases, mockUrl } from "@scrm-openapi/testing";
import { createTanmaClient } from "../src/index.js";

const client = createTanmaClient({
  appId: "ww51046ddc4f4df510_NjaEnW",
  appKey: "mock-app-key",
  baseUrl: mockUrl("tanma"),
  retry: false,
});
describeExamples("tanma", await exampleCases("tanma"), client);
