// The per-vendor reference page: Redoc (via `redocly build-docs --inlineBundle`, so the page needs no network),
// post-processed into the portal, plus the deep links into it.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@scrm-openapi/codegen";
import { CJK_FONTS, esc } from "./html.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const REDOCLY_PACKAGE = require.resolve("@redocly/cli/package.json");
const REDOCLY_ENTRY = join(dirname(REDOCLY_PACKAGE), "lib", "index.js");
/** Redoc's raw output and the finished pages, by a hash of everything they are made from (setup builds the site; the
 * docs test then reuses them). */
const CACHE = join(repoRoot, "node_modules", ".cache", "scrm-openapi-redoc");

/** What one `redocly build-docs` run depends on: the bundled spec, our Redocly config and plugin, Redocly's version. */
async function cacheKey(doc: unknown): Promise<string> {
  const hash = createHash("sha256").update(JSON.stringify(doc));
  for (const file of [join(repoRoot, "redocly.yaml"), join(repoRoot, "tools/redocly/plugin.js"), REDOCLY_PACKAGE]) {
    hash.update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 32);
}

/** `redocly build-docs --inlineBundle` with the repo's redocly.yaml (its plugin types x-payload as a Schema). */
async function renderRedoc(specRoot: string, doc: unknown, page: string): Promise<string> {
  const cached = join(CACHE, `${await cacheKey(doc)}.html`);
  const hit = await readFile(cached, "utf8").catch(() => undefined);
  if (hit !== undefined) return hit;
  await run(
    process.execPath,
    [REDOCLY_ENTRY, "build-docs", specRoot, "--inlineBundle", "--config", join(repoRoot, "redocly.yaml"), "-o", page],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const html = await readFile(page, "utf8");
  await mkdir(CACHE, { recursive: true });
  await writeFile(cached, html);
  return html;
}

/** A small SVG wordmark as a data URL: offline, and sized, so the footer pill keeps its width (see offline()). */
const wordmark = (label: string, width: number) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="12" viewBox="0 0 ${width} 12"><text x="0" y="10" font-family="sans-serif" font-size="10" fill="#5c6370">${label}</text></svg>`,
  ).replace(/'/g, "%27")}`;

/**
 * Redoc's sidebar footer logo is fetched from a CDN, and the published site must not reach the network. An empty
 * SVG (no size) stretched the <img> to its default 300px width and squashed "API docs by" into one word per line,
 * so it is replaced by a sized wordmark instead.
 */
function offline(html: string): string {
  return html
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g, wordmark("Redocly", 40))
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g, wordmark("R", 8));
}

/**
 * A slim bar back into the portal, outside Redoc's #redoc root so hydration is untouched; Chinese, CJK fonts. It is
 * sticky and Redoc's navbar height is set to it, so the sidebar (sized 100vh minus that) keeps its footer in view.
 */
function intoPortal(html: string, vendorName: string): string {
  const style = `<style>
:root{--font-family-base:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,${CJK_FONTS}}
.scrm-bar{position:sticky;top:0;z-index:100;box-sizing:border-box;height:36px;overflow:hidden;display:flex;gap:1rem;align-items:center;padding:0 1rem;white-space:nowrap;font:13px/1 var(--font-family-base);background:#f6f8fa;border-bottom:1px solid #d0d7de}
#redoc [style*="--navbar-stack-height"]{--navbar-stack-height:36px!important}
.scrm-bar a{color:#0b57d0;text-decoration:none}.scrm-bar a:hover{text-decoration:underline}.scrm-bar strong{font-weight:600}
</style>`;
  const bar = `<nav class="scrm-bar" aria-label="门户 Portal"><a href="../index.html">← scrm-openapi 文档门户</a><strong>${esc(vendorName)} · 接口参考 <span lang="en">API reference</span></strong><a href="guide.html">接入指南 <span lang="en">Guide</span></a><a href="ledger.html">覆盖清单 <span lang="en">Coverage</span></a><a href="../index.html#search">跨厂商搜索 <span lang="en">Search all vendors</span></a></nav>`;
  return html
    .replace(/<html lang="en">/, '<html lang="zh-CN">')
    .replace("</head>", `${style}\n</head>`)
    .replace(/<body>/, `<body>\n${bar}`);
}

/**
 * Redoc 3 routes a tag by a slug of its name (`线索&待分配` → `and`, `LTC 订单与回款` → `ltc`), so the routes are
 * read from the sidebar it pre-renders into the page rather than re-derived: tag name → route.
 */
function tagRoutes(html: string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const m of html.matchAll(/<a [^>]*href="\/([^"]+)"[^>]*>(?:(?!<\/a>).)*?data-text="([^"]*)"/gs)) {
    const name = (m[2] ?? "").replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) =>
      e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : "'",
    );
    if (!routes.has(name)) routes.set(name, decodeURI(m[1] ?? ""));
  }
  return routes;
}

export interface ReferencePage {
  /**
   * The page-relative deep link of an operation (or webhook) in this page, `index.html#/<tag route>/<operationid>`:
   * Redoc 3's own form. (Redoc 2's `#tag/<tag>/operation/<operationId>` is still redirected, but only with Redoc 2's
   * tag slug, which differs from the tag name for tags such as `线索&待分配`.)
   */
  link(operationId: string, tag: string | undefined): string;
}

/** The post-processing's own sources: a change to either makes every finished page in the cache stale. */
const POST_SOURCES = [import.meta.filename, join(import.meta.dirname, "html.ts")];

/**
 * Writes the finished page (Redoc's output made offline and put into the portal) and returns its tag routes. Both are
 * cached: a page built before is a file copy, not ~3 MB of string edits written out again.
 */
async function finishPage(specRoot: string, doc: unknown, page: string, vendorName: string) {
  const hash = createHash("sha256")
    .update(await cacheKey(doc))
    .update(vendorName);
  for (const file of POST_SOURCES) hash.update(await readFile(file));
  const cached = join(CACHE, `page-${hash.digest("hex").slice(0, 32)}`);
  try {
    const routes = new Map<string, string>(JSON.parse(await readFile(`${cached}.json`, "utf8")));
    await copyFile(`${cached}.html`, page);
    return routes;
  } catch {
    const html = await renderRedoc(specRoot, doc, page);
    const routes = tagRoutes(html);
    await writeFile(page, intoPortal(offline(html), vendorName));
    await copyFile(page, `${cached}.html`);
    // The routes last: with them in the cache, the page is too.
    await writeFile(`${cached}.json`, JSON.stringify([...routes]));
    return routes;
  }
}

/** Builds site/<vendor>/index.html from the spec (`doc`: its bundle, which keys the cache of Redoc's output). */
export async function buildReference(
  specRoot: string,
  doc: unknown,
  page: string,
  vendorName: string,
  tags: string[],
): Promise<ReferencePage> {
  const routes = await finishPage(specRoot, doc, page, vendorName);
  // A tag missing from the sidebar would give dead search links: fail the build instead.
  const missing = tags.filter((t) => !routes.has(t));
  if (missing.length > 0) throw new Error(`${page}: no Redoc route for tag(s) ${missing.join(", ")}`);
  return {
    link(operationId, tag) {
      // Untagged webhooks sit under Redoc's own `webhooks` group (every operation of our specs has a tag).
      const route = tag === undefined ? "webhooks" : (routes.get(tag) ?? "");
      return `index.html#/${encodeURI(route)}/${operationId.toLowerCase()}`;
    },
  };
}
