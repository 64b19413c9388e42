// A vendor's try-it page: pick an operation, edit its parameters and body (prefilled from its examples), and send it
// to the local mock (`pnpm mock`); the answer is shown as it came. Placeholder credentials are added as the spec's
// x-auth says, which is all Prism checks. Nothing leaves this machine: the mock URL must be a loopback one.

import { en, esc, shell } from "../html.js";
import type { OperationSample } from "../samples.js";
import { nav, type SiteVendor, vendorHeader } from "./common.js";

interface TryOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  params: OperationSample["params"];
  body?: unknown;
  /** The named 200 examples (Prism answers one with `Prefer: example=<name>`). */
  examples: string[];
  authenticated: boolean;
}

/** What try.js adds for auth: a query parameter or headers, with placeholder values. */
interface TryAuth {
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

function authOf(s: SiteVendor): TryAuth {
  const a = s.vendor.auth;
  if (a.style === "signature")
    return { headers: Object.fromEntries(Object.values(a.signature.headers).map((h) => [h, "mock"])) };
  if (a.style === "query-token") return { query: { [a.tokenParameter ?? "access_token"]: "mock-token" } };
  return { headers: { Authorization: "Bearer mock-token" } };
}

function tryOperations(s: SiteVendor, samples: OperationSample[]): TryOperation[] {
  return s.vendor.operations.map((op) => {
    const sample = samples.find((x) => x.operationId === op.operationId);
    const media = (op.spec.responses as Record<string, { content?: Record<string, { examples?: object }> }>)?.["200"]
      ?.content?.["application/json"];
    return {
      id: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      summary: op.summary,
      params: sample?.params ?? {},
      ...(sample?.body !== undefined ? { body: sample.body } : {}),
      examples: Object.keys(media?.examples ?? {}),
      authenticated: op.authenticated,
    };
  });
}

/** JSON inside a <script> element: `<` escaped so no value can close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export function renderTry(s: SiteVendor, samples: OperationSample[], sites: SiteVendor[]): string {
  const { vendor: v } = s;
  const data = { mock: `http://127.0.0.1:${v.mockPort}`, auth: authOf(s), operations: tryOperations(s, samples) };
  return shell({
    title: `${v.name} 在线调试 — scrm-openapi`,
    root: "../",
    vendors: nav(sites),
    current: v.id,
    body: `${vendorHeader(v, "在线调试", "Try it against the mock")}
<p>先在仓库里运行 <code>pnpm mock ${esc(v.id)}</code>，再在这里向本地 mock 发送请求；凭据以占位值自动加上。<br>
${en(`Run <code>pnpm mock ${esc(v.id)}</code> in the repository, then send requests to the local mock here; placeholder credentials are added for you.`)}</p>
<form id="try" class="try" onsubmit="return false">
<label>Mock ${en("base URL")} <input id="try-base" type="url" value="${esc(data.mock)}"></label>
<label>接口 ${en("Operation")} <select id="try-op"></select></label>
<p id="try-line" class="try-line"></p>
<label>示例应答 ${en("Answer example (Prefer)")} <select id="try-example"></select></label>
<label>参数 ${en("Parameters")} (JSON: path, query, header) <textarea id="try-params" rows="5" spellcheck="false"></textarea></label>
<label>请求体 ${en("Body")} (JSON) <textarea id="try-body" rows="10" spellcheck="false"></textarea></label>
<button id="try-send" type="submit">发送 ${en("Send")}</button>
</form>
<p id="try-status" class="try-status" aria-live="polite"></p>
<pre id="try-response" class="code try-response"></pre>
<script id="try-data" type="application/json">${scriptJson(data)}</script>
<script src="../assets/try.js" defer></script>`,
  });
}
