// Every operation's named examples from specs/weiban, through the client, against Prism (tools/testing/src/examples.ts).
import { describeExamples, exampleCases, mockUrl } from "@scrm-openapi/testing";
import { createWeibanClient } from "../src/index.js";

const client = createWeibanClient({
  corpId: "wwmockcorp",
  secret: "mock-secret-value",
  baseUrl: mockUrl("weiban"),
  retry: false,
  rateLimit: false,
});
describeExamples("weiban", await exampleCases("weiban"), client);
