// Every operation's named examples from specs/weiling, through the client, against Prism (tools/testing/src/examples.ts).
import { describeExamples, exampleCases, mockUrl } from "@scrm-openapi/testing";
import { createWeilingClient } from "../src/index.js";

const client = createWeilingClient({
  appId: "wl-mock-app",
  appSecret: "mock-app-secret",
  baseUrl: mockUrl("weiling"),
  retry: false,
  rateLimit: false,
});
describeExamples("weiling", await exampleCases("weiling"), client);
