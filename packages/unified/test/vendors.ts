// The four vendors' typed clients against their Prism mocks, each with its generated mapping: what the unified tests
// drive. The mapping comes from the vendor package's `/unified` subpath, as a user imports it.
import { createPlanyunClient } from "@scrm-openapi/planyun";
import { mapping as planyun } from "@scrm-openapi/planyun/unified";
import { createTanmaClient } from "@scrm-openapi/tanma";
import { mapping as tanma } from "@scrm-openapi/tanma/unified";
import { createWeibanClient } from "@scrm-openapi/weiban";
import { mapping as weiban } from "@scrm-openapi/weiban/unified";
import { createWeilingClient } from "@scrm-openapi/weiling";
import { mapping as weiling } from "@scrm-openapi/weiling/unified";
import type { RequestClient, VendorMapping } from "../src/index.js";

export const MAPPINGS: Record<string, VendorMapping> = { weiban, weiling, tanma, planyun };

/** A vendor's typed client against `baseUrl` (no retries, no client-side limits: the mock answers at once). */
export function vendorClient(vendor: string, baseUrl: string): RequestClient {
  const common = { baseUrl, retry: false as const };
  if (vendor === "weiban")
    return createWeibanClient({ corpId: "wwmockcorp", secret: "mock-secret-value", rateLimit: false, ...common });
  if (vendor === "weiling")
    return createWeilingClient({ appId: "wl-mock-app", appSecret: "mock-app-secret", rateLimit: false, ...common });
  if (vendor === "tanma")
    return createTanmaClient({ appId: "ww51046ddc4f4df510_NjaEnW", appKey: "mock-app-key", ...common });
  return createPlanyunClient({ getAccessToken: async () => "mock-bearer-token", ...common });
}
