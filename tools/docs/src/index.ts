import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { type ApiEntry, buildMeta, bundleSpec, listApis, repoRoot } from "@scrm-openapi/codegen";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const REDOCLY_ENTRY = join(dirname(require.resolve("@redocly/cli/package.json")), "lib", "index.js");

type Meta = {
  vendor: { id: string; name: string; docs: string; baseUrl: string; mockPort: number };
  auth: { style: string; tokenParameter?: string };
  envelope: { codeField: string; messageField: string; successCode: string | number; dataField?: string };
  errorCodes: Record<string, { meaning: string; kind?: string }>;
  limits?: {
    concurrency?: { max: number; scope?: string };
    rate?: { class: string; perMinute?: number; perHour?: number }[];
  };
  operations: { operationId: string; path: string; deprecated?: boolean }[];
  webhooks: unknown[];
};

export interface BuiltVendor {
  meta: Meta;
  /** Tag names in spec order (the page's navigation groups). */
  tags: string[];
  /** The first server's description, e.g. where a host is unverified. */
  serverNote: string;
  page: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Redoc's footer logo is fetched from a CDN; the published site must not reach the network, so it is dropped. */
function offline(html: string): string {
  return html.replace(
    /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g,
    "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E",
  );
}

async function buildVendor(api: ApiEntry, outDir: string): Promise<BuiltVendor> {
  const doc = await bundleSpec(api.root);
  const parts = buildMeta(doc);
  const vendor = doc["x-vendor"] as { docs: string; mockPort: number };
  const meta = {
    ...parts.meta,
    vendor: { ...(parts.meta.vendor as object), docs: vendor.docs, mockPort: vendor.mockPort },
    webhooks: parts.webhooks,
  } as Meta;
  const dir = join(outDir, api.id);
  await mkdir(dir, { recursive: true });
  const page = join(dir, "index.html");
  await run(process.execPath, [REDOCLY_ENTRY, "build-docs", api.root, "--inlineBundle", "-o", page], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    maxBuffer: 16 * 1024 * 1024,
  });
  await writeFile(page, offline(await readFile(page, "utf8")));
  await writeFile(join(dir, "openapi.json"), `${JSON.stringify(doc, null, 2)}\n`);
  const tags = ((doc.tags ?? []) as { name: string }[]).map((t) => t.name);
  const serverNote = ((doc.servers ?? []) as { description?: string }[])[0]?.description ?? "";
  return { meta, tags, serverNote, page };
}

function authLabel(meta: Meta): string {
  switch (meta.auth.style) {
    case "query-token":
      return `access token in the query (<code>${esc(meta.auth.tokenParameter ?? "access_token")}</code>)`;
    case "bearer-token":
      return "bearer token (<code>Authorization: Bearer …</code>)";
    default:
      return "per-request SHA-256 signature headers";
  }
}

function limitsLabel(meta: Meta): string {
  const parts: string[] = [];
  if (meta.limits?.concurrency)
    parts.push(`${meta.limits.concurrency.max} in flight per ${meta.limits.concurrency.scope ?? "client"}`);
  for (const r of meta.limits?.rate ?? []) {
    const per = [
      r.perMinute && `${r.perMinute.toLocaleString("en")}/min`,
      r.perHour && `${r.perHour.toLocaleString("en")}/h`,
    ];
    parts.push(`${esc(r.class)}: ${per.filter(Boolean).join(", ")}`);
  }
  return parts.length > 0 ? parts.join("<br>") : "<em>not documented</em>";
}

function renderIndex(vendors: BuiltVendor[]): string {
  const rows = vendors
    .map(({ meta, serverNote }) => {
      const e = meta.envelope;
      const kinds = Object.entries(meta.errorCodes)
        .filter(([, c]) => c.kind)
        .map(([code, c]) => `${esc(code)} ${esc(c.kind ?? "")}`);
      const deprecated = meta.operations.filter((o) => o.deprecated).length;
      return `<tr data-vendor="${esc(meta.vendor.id)}">
  <td><a href="./${esc(meta.vendor.id)}/index.html">${esc(meta.vendor.name)}</a><br><small><a href="${esc(meta.vendor.docs)}">vendor docs</a> · <a href="./${esc(meta.vendor.id)}/openapi.json">openapi.json</a></small></td>
  <td><code>${esc(meta.vendor.baseUrl)}</code>${serverNote ? `<br><small>${esc(serverNote)}</small>` : ""}<br><small>mock: <code>http://127.0.0.1:${meta.vendor.mockPort}</code></small></td>
  <td>${authLabel(meta)}</td>
  <td><code>{${esc(e.codeField)}, ${esc(e.messageField)}${e.dataField ? `, ${esc(e.dataField)}` : ""}}</code>, success ${esc(String(e.successCode))}<br><small>${kinds.join(" · ") || "no rate/token codes documented"}</small></td>
  <td>${limitsLabel(meta)}</td>
  <td class="ops">${meta.operations.length}${deprecated ? ` <small>(${deprecated} deprecated)</small>` : ""}</td>
  <td>${meta.webhooks.length}</td>
</tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>scrm-openapi — SCRM vendor API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:.5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font-size:13px}small{color:#59636e}
</style>
</head>
<body>
<h1>scrm-openapi</h1>
<p>Hand-written OpenAPI 3.1 specs of China's WeCom-based SCRM platforms, with typed TypeScript clients and Prism mocks.
Each vendor page is generated from <code>specs/&lt;vendor&gt;/</code>; this table from the specs' <code>x-</code> metadata.</p>
<table>
<thead><tr><th>Vendor</th><th>Base URL</th><th>Auth</th><th>Envelope</th><th>Documented limits</th><th>Operations</th><th>Webhooks</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

/** Builds the docs site: one Redoc page per vendor (fully inlined, works offline) and an index page. */
export async function buildSite(outDir = join(repoRoot, "site")): Promise<BuiltVendor[]> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const vendors = await Promise.all((await listApis()).map((api) => buildVendor(api, outDir)));
  await writeFile(join(outDir, "index.html"), renderIndex(vendors));
  return vendors;
}
