// Small VendorMeta objects mirroring what codegen emits for the real specs (core tests cannot import vendor packages).
import type { VendorMeta } from "../src/vendor.js";

/** Like specs/weiban: query token, errcode envelope, 10001/10052/10053, 5 in flight per corp, 600/min per API. */
export const limitedMeta = {
  vendor: { id: "fakeban", name: "Fake Weiban", baseUrl: "", requestIdHeader: "x-request-id" },
  auth: {
    style: "query-token",
    tokenOperation: "getAccessToken",
    tokenParameter: "access_token",
    credentials: { in: "body", fields: { corp_id: "corpId", secret: "secret" } },
    tokenField: "access_token",
    expiresInField: "expires_in",
  },
  envelope: { codeField: "errcode", messageField: "errmsg", successCode: 0 },
  errorCodes: {
    "10001": { meaning: "access_token 未设置、错误或过期", kind: "token-invalid" },
    "10049": { meaning: "其它参数错误" },
    "10052": { meaning: "超过并发限制", kind: "concurrency-limit" },
    "10053": { meaning: "超过频率限制", kind: "rate-limit" },
    "1017": { meaning: "服务器繁忙", kind: "busy" },
    "22201": { meaning: "未找到记录" },
  },
  limits: {
    concurrency: { max: 5, scope: "corp" },
    rate: [
      { class: "read", perMinute: 600, perHour: 36000, scope: "operation" },
      { class: "write", perMinute: 600, perHour: 36000, scope: "operation" },
      { class: "batch-write", perMinute: 300, perHour: 15000, scope: "operation" },
    ],
  },
  operations: [
    {
      operationId: "getAccessToken",
      method: "post",
      path: "/token",
      authenticated: false,
      rateClass: "read",
      idempotent: true,
    },
    {
      operationId: "listThings",
      method: "get",
      path: "/things",
      rateClass: "read",
    },
    {
      operationId: "listOthers",
      method: "get",
      path: "/others",
      rateClass: "read",
    },
    {
      operationId: "searchThings",
      method: "post",
      path: "/things/search",
      rateClass: "read",
      idempotent: true,
    },
    {
      operationId: "createThing",
      method: "post",
      path: "/thing/create",
      rateClass: "write",
    },
    { operationId: "updateThing", method: "post", path: "/thing/update" },
  ],
} as const satisfies VendorMeta;

/** Like specs/weiling: no limits declared, but rate-limit (1009) and busy (1017) codes. */
export const unlimitedMeta = {
  ...limitedMeta,
  vendor: { ...limitedMeta.vendor, id: "fakeling" },
  errorCodes: {
    "10001": { meaning: "access_token 无效", kind: "token-invalid" },
    "1009": { meaning: "接口调用超过频率限制", kind: "rate-limit" },
    "1017": { meaning: "服务器繁忙", kind: "busy" },
  },
  limits: {},
} as const satisfies VendorMeta;

/** Like specs/tanma: a per-request signature over appId + timestamp + body + appKey, no token. */
export const signedMeta = {
  vendor: { id: "fakema", name: "Fake Tanma", baseUrl: "" },
  auth: {
    style: "signature",
    signature: {
      algorithm: "sha256-hex",
      timestampUnit: "ms",
      parts: ["appId", "timestamp", "body", "appKey"],
      headers: { appId: "appId", timestamp: "timestamp", sign: "sign" },
    },
  },
  envelope: { codeField: "code", messageField: "message", successCode: 0 },
  errorCodes: { "1002": { meaning: "签名校验未通过", kind: "signature-invalid" } },
  limits: {},
  operations: [
    {
      operationId: "searchThings",
      method: "post",
      path: "/things/search",
      rateClass: "read",
      idempotent: true,
    },
  ],
} as const satisfies VendorMeta;

type Envelope = { errcode: number; errmsg: string; [field: string]: unknown };
type Responses = { 200: { headers: { [name: string]: unknown }; content: { "application/json": Envelope } } };
type Parameters<Query> = { query?: Query; header?: never; path?: never; cookie?: never };
type Read<Query> = { parameters: Parameters<Query>; requestBody?: never; responses: Responses };
type Write<Query, Body> = {
  parameters: Parameters<Query>;
  requestBody: { content: { "application/json": Body } };
  responses: Responses;
};
type Query = { n?: number; [name: string]: unknown };
type Body = { [field: string]: unknown };

/** The `paths` type openapi-typescript would emit for limitedMeta's operations. */
export interface FakePaths {
  "/token": { post: Write<never, { corp_id: string; secret: string }> };
  "/things": { get: Read<Query> };
  "/others": { get: Read<Query> };
  "/things/search": { post: Write<Query, Body> };
  "/thing/create": { post: Write<Query, Body> };
  "/thing/update": { post: Write<Query, Body> };
}
