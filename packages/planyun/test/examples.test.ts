// Every operation's named examples from specs/planyun, through the client, against Prism.
import { describeExamples, exampleCases, mockUrl } from "@scrm-openapi/testing";
import { createPlanyunClient } from "../src/index.js";

const client = createPlanyunClient({
  baseUrl: mockUrl("planyun"),
  getAccessToken: async () => "mock-bearer-token",
  retry: false,
});
describeExamples("planyun", await exampleCases("planyun"), client);
