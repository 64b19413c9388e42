// A small VendorMeta like the one codegen emits for specs/weiban (the MSW engine reads its id, base URL, envelope
// and error codes), for a synthetic vendor the tests can shape freely.
import type { VendorMeta } from "@scrm-openapi/core/vendor";

export const limitedMeta = {
  vendor: { id: "fakeban", name: "Fake Weiban", baseUrl: "" },
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
    "10053": { meaning: "超过频率限制", kind: "rate-limit" },
    "22201": { meaning: "未找到记录" },
  },
  operations: [
    { operationId: "getThing", method: "get", path: "/things/{id}", rateClass: "read" },
    { operationId: "listStaff", method: "post", path: "/staff/list", rateClass: "read" },
  ],
} as const satisfies VendorMeta;
