// Bundle cost of each client for a web app, side by side with its baselines: esbuild (browser, ESM, splitting,
// minified) + gzip -9. "first chunk" is what loads with the client; "lazy" is the error-meaning table, loaded on the
// first error; "metadata" is the vendor's generated operation table inside the first chunk.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entries: Record<string, string> = {
  "fetch by hand (floor)": `const r = await fetch("/open-api/sea/list?access_token=t"); console.log((await r.json()).errcode);`,
  "openapi-fetch, no pipeline": `import createClient from "openapi-fetch"; console.log(createClient({ baseUrl: "/" }));`,
  "runtime: token auth + limiter": `import { createVendorClient, tokenAuth, createLimiter } from "@scrm-openapi/core"; console.log(createVendorClient, tokenAuth, createLimiter);`,
  "runtime: signature auth": `import { createVendorClient, signatureAuth } from "@scrm-openapi/core"; console.log(createVendorClient, signatureAuth);`,
  createWeibanClient: `import { createWeibanClient } from "@scrm-openapi/weiban"; console.log(createWeibanClient);`,
  createWeilingClient: `import { createWeilingClient } from "@scrm-openapi/weiling"; console.log(createWeilingClient);`,
  createTanmaClient: `import { createTanmaClient } from "@scrm-openapi/tanma"; console.log(createTanmaClient);`,
  createPlanyunClient: `import { createPlanyunClient } from "@scrm-openapi/planyun"; console.log(createPlanyunClient);`,
};

const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
console.log("| entry | first chunk min B | first chunk gzip B | of which metadata (gzip B) | lazy chunks gzip B |");
console.log("|---|---:|---:|---:|---:|");
for (const [name, contents] of Object.entries(entries)) {
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
  const meta = Object.entries(result.metafile?.outputs ?? {}).find(([, o]) => o.entryPoint);
  const metaBytes = Object.entries(meta?.[1].inputs ?? {})
    .filter(([input]) => input.includes("/generated/meta."))
    .reduce((n, [, i]) => n + i.bytesInOutput, 0);
  const bytes = first?.contents ?? new Uint8Array();
  // The metadata's share of the gzip size, in proportion to its share of the minified bytes (an estimate).
  const metaGz = bytes.length ? Math.round((gz(bytes) * metaBytes) / bytes.length) : 0;
  console.log(`| ${name} | ${bytes.length} | ${gz(bytes)} | ${metaBytes ? `≈${metaGz}` : "—"} | ${lazy || "—"} |`);
}
