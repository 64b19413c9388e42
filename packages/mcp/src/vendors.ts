// Which vendors the server serves and with what credentials: everything comes from the environment, never from a
// tool call, so no secret passes through the model. A vendor without credentials is not enabled (mock mode gives
// every vendor placeholder ones and points it at `pnpm mock`).
import { createPlanyunClient } from "@scrm-openapi/planyun";
import { createTanmaClient } from "@scrm-openapi/tanma";
import { createWeibanClient } from "@scrm-openapi/weiban";
import { createWeilingClient } from "@scrm-openapi/weiling";

/** What the tools need of a client: the untyped escape hatch every generated client has, and `close`. */
interface CallableClient {
  request(
    method: string,
    path: string,
    init?: { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> }; body?: unknown },
  ): Promise<{ data: unknown; response: Response }>;
  close(): Promise<void>;
}

/** Options every client takes, from the environment. */
interface Common {
  baseUrl?: string;
  retry?: { maxRetries: number };
}

interface VendorEnv {
  /** Environment variable → client option. */
  credentials: Readonly<Record<string, string>>;
  create(options: Record<string, string>, common: Common): CallableClient;
}

const asCallable = (client: unknown) => client as CallableClient;

/** The four vendors' credential variables, named after each client's options. */
export const VENDOR_ENV: Readonly<Record<string, VendorEnv>> = {
  weiling: {
    credentials: { WEILING_APP_ID: "appId", WEILING_APP_SECRET: "appSecret" },
    create: (o, common) =>
      asCallable(createWeilingClient({ appId: o.appId ?? "", appSecret: o.appSecret ?? "", ...common })),
  },
  weiban: {
    credentials: { WEIBAN_CORP_ID: "corpId", WEIBAN_SECRET: "secret" },
    create: (o, common) =>
      asCallable(createWeibanClient({ corpId: o.corpId ?? "", secret: o.secret ?? "", ...common })),
  },
  tanma: {
    credentials: { TANMA_APP_ID: "appId", TANMA_APP_KEY: "appKey" },
    create: (o, common) => asCallable(createTanmaClient({ appId: o.appId ?? "", appKey: o.appKey ?? "", ...common })),
  },
  planyun: {
    // Planyun documents no token call: the caller supplies a token, here from the environment.
    credentials: { PLANYUN_ACCESS_TOKEN: "accessToken" },
    create: (o, common) =>
      asCallable(
        createPlanyunClient({
          ...common,
          baseUrl: common.baseUrl ?? "",
          getAccessToken: async () => o.accessToken ?? "",
        }),
      ),
  },
};

export interface EnabledVendor {
  id: string;
  baseUrl?: string;
  /** Credential values, for masking in dry runs and logs. */
  secrets: string[];
  client(): CallableClient;
  /** Closes the client if one was made (shutting down makes none). */
  close(): Promise<void>;
}

export interface VendorSetup {
  env: Readonly<Record<string, string | undefined>>;
  /** Point every vendor at the local mock (`pnpm mock`) with placeholder credentials. */
  mock: boolean;
  /** vendor → mock port (x-vendor.mockPort of its spec). */
  mockPorts: Readonly<Record<string, number>>;
}

/**
 * The vendors to serve: `SCRM_MCP_VENDORS` (comma-separated) or every vendor whose credentials are all set (all of
 * them in mock mode). `<VENDOR>_BASE_URL` overrides the spec's server; Planyun needs one (its server is undocumented).
 */
export function enabledVendors(setup: VendorSetup): { vendors: EnabledVendor[]; skipped: string[] } {
  const wanted = setup.env.SCRM_MCP_VENDORS?.split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  const vendors: EnabledVendor[] = [];
  const skipped: string[] = [];
  for (const [id, spec] of Object.entries(VENDOR_ENV)) {
    if (wanted && !wanted.includes(id)) continue;
    const options: Record<string, string> = {};
    const missing: string[] = [];
    for (const [variable, option] of Object.entries(spec.credentials)) {
      const value = setup.env[variable] ?? (setup.mock ? "mock" : undefined);
      if (value) options[option] = value;
      else missing.push(variable);
    }
    const port = setup.mockPorts[id];
    const baseUrl =
      setup.env[`${id.toUpperCase()}_BASE_URL`] ?? (setup.mock && port ? `http://127.0.0.1:${port}` : undefined);
    if (id === "planyun" && !baseUrl) missing.push("PLANYUN_BASE_URL");
    if (missing.length) {
      skipped.push(`${id} (missing ${missing.join(", ")})`);
      continue;
    }
    const retries = Number(setup.env.SCRM_MCP_MAX_RETRIES);
    const common: Common = {
      ...(baseUrl ? { baseUrl } : {}),
      ...(setup.env.SCRM_MCP_MAX_RETRIES && Number.isInteger(retries) && retries >= 0
        ? { retry: { maxRetries: retries } }
        : {}),
    };
    let client: CallableClient | undefined;
    vendors.push({
      id,
      ...(baseUrl ? { baseUrl } : {}),
      secrets: Object.values(options).filter((v) => v !== "mock"),
      client: () => {
        client ??= spec.create(options, common);
        return client;
      },
      close: async () => client?.close(),
    });
  }
  return { vendors, skipped };
}
