// @scrm-openapi/testing: re-exports only (every helper lives in a file that imports downward, never this one).
export { errorTexts } from "./assert.js";
export { mockUrl, mockUrls, redisPort } from "./context.js";
export { describeExamples, type RequestingClient } from "./example-suite.js";
export { type ExampleCase, type Expectation, exampleCases } from "./examples.js";
export type { FakeAnswer, Handler, Route } from "./fake-answer.js";
export { expectedSign, type FakeRequest } from "./fake-auth.js";
export {
  APP_ID,
  APP_KEY,
  APP_SECRET,
  CORP_ID,
  FAKE_CREDENTIALS,
  FAKE_SKEW_WINDOW_MS,
  type FakeVendorMeta,
  SECRET,
} from "./fake-meta.js";
export { FakeVendor, type FakeVendorOptions } from "./fake-vendor.js";
export { json, type LocalServer, listenLocal, readBody, unusedPort } from "./http.js";
export { type RedisServer, startRedisServer } from "./redis-server.js";
export { type TokenSource, tokenSource } from "./token-source.js";
export {
  describeWebhookExamples,
  describeWebhookRouting,
  type RoutingRouter,
  type SealingReceiver,
  type WebhookCase,
  webhookCases,
} from "./webhook-examples.js";
export { TANMA_PUSH_VECTOR, WEIBAN_WEBHOOK_SAMPLE } from "./webhook-vectors.js";
