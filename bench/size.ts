// Bundle cost of each client for a web app, side by side with its baselines: esbuild (browser, ESM, splitting,
// minified) + gzip -9. "first chunk" is what loads with the client; "lazy" is the error-meaning table, loaded on the
// first error; "metadata" is the vendor's generated operation table inside the first chunk.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entries: Record<string, string> = {
  "fetch by hand (floor)": `const r = await fetch("/open-api/sea/list?access_token=t"); console.log((await r.json()).errcode);`,
  "openapi-fetch, no pipeline": `import createClient from "openapi-fetch"; console.log(createClient({ baseUrl: "/" }));`,
  "runtime: token auth + limiter": `import { createVendorClient, tokenAuth, createLimiter } from "@scrm-openapi/core/vendor"; console.log(createVendorClient, tokenAuth, createLimiter);`,
  "runtime: signature auth": `import { createVendorClient, signatureAuth } from "@scrm-openapi/core/vendor"; console.log(createVendorClient, signatureAuth);`,
  createWeibanClient: `import { createWeibanClient } from "@scrm-openapi/weiban"; console.log(createWeibanClient);`,
  createWeilingClient: `import { createWeilingClient } from "@scrm-openapi/weiling"; console.log(createWeilingClient);`,
  createTanmaClient: `import { createTanmaClient } from "@scrm-openapi/tanma"; console.log(createTanmaClient);`,
  createPlanyunClient: `import { createPlanyunClient } from "@scrm-openapi/planyun"; console.log(createPlanyunClient);`,
};

const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;

/** Bundles `contents`: its first chunk (what loads with it), the lazy chunks' gzip total, and the first chunk's inputs. */
async function bundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: "/virtual",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.outputFiles;
  const first =
    outputs.find((f) => result.metafile?.outputs[f.path.replace(/^.*\/virtual\//, "virtual/")]?.entryPoint) ??
    outputs[0];
  const lazy = outputs.filter((f) => f !== first).reduce((n, f) => n + gz(f.contents), 0);
  const inputs = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint)?.inputs ?? {};
  const bytes = first?.contents ?? new Uint8Array();
  return { min: bytes.length, gzip: gz(bytes), lazy, inputs };
}

console.log("| entry | first chunk min B | first chunk gzip B | of which metadata (gzip B) | lazy chunks gzip B |");
console.log("|---|---:|---:|---:|---:|");
for (const [name, contents] of Object.entries(entries)) {
  const { min, gzip, lazy, inputs } = await bundle(contents);
  const metaBytes = Object.entries(inputs)
    .filter(([input]) => input.includes("/generated/meta."))
    .reduce((n, [, i]) => n + i.bytesInOutput, 0);
  // The metadata's share of the gzip size, in proportion to its share of the minified bytes (an estimate).
  const metaGz = min ? Math.round((gzip * metaBytes) / min) : 0;
  console.log(`| ${name} | ${min} | ${gzip} | ${metaBytes ? `≈${metaGz}` : "—"} | ${lazy || "—"} |`);
}

// Where a client's bytes go, measured, not estimated: each row adds one piece to the row before and shows what the
// first chunk grew by (gzip compresses a piece differently alone and in company, so the steps are what an app pays).
const core = "@scrm-openapi/core/vendor";
const steps: [string, string][] = [
  [
    "createVendorClient: options, request building, send (redirect guard, size cap, envelope), errors, retry, redaction",
    `import { createVendorClient } from "${core}"; console.log(createVendorClient);`,
  ],
  [
    "+ tokenAuth: token cache, single flight, shared failures, bounded refresh, replay once",
    `import { createVendorClient, tokenAuth } from "${core}"; console.log(createVendorClient, tokenAuth);`,
  ],
  [
    "+ createLimiter: windows, concurrency, FIFO line, shared-store polling",
    `import { createVendorClient, tokenAuth, createLimiter } from "${core}"; console.log(createVendorClient, tokenAuth, createLimiter);`,
  ],
  [
    "+ Weiban's generated metadata (107 operations) = createWeibanClient",
    `import { createWeibanClient } from "@scrm-openapi/weiban"; console.log(createWeibanClient);`,
  ],
];
console.log("\n| step | first chunk gzip B | added gzip B |");
console.log("|---|---:|---:|");
const floor = await bundle(entries["openapi-fetch, no pipeline"] ?? "");
console.log(`| openapi-fetch alone (for scale) | ${floor.gzip} | — |`);
let before = 0;
for (const [name, contents] of steps) {
  const { gzip } = await bundle(contents);
  console.log(`| ${name} | ${gzip} | ${before ? gzip - before : "—"} |`);
  before = gzip;
}
