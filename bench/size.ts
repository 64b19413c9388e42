// Bundle cost of a client, side by side with its baselines: esbuild (node target, minified) + gzip -9.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entries: Record<string, string> = {
  "fetch by hand (baseline)": `const r = await fetch(process.env.U + "/open-api/sea/list?access_token=t"); console.log((await r.json()).errcode);`,
  "openapi-fetch, no pipeline": `import createClient from "openapi-fetch"; const c = createClient({ baseUrl: process.env.U }); console.log(await c.GET("/open-api/sea/list"));`,
  createWeibanClient: `import { createWeibanClient } from "@scrm-openapi/weiban"; const c = createWeibanClient({ corpId: "c", secret: "s" }); console.log(await c.GET("/open-api/sea/list"));`,
};

console.log("| entry | minified B | gzip B | vs openapi-fetch (gzip) |\n|---|---:|---:|---:|");
let reference = 0;
for (const [name, contents] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gzip = gzipSync(code, { level: 9 }).length;
  if (name.startsWith("openapi-fetch")) reference = gzip;
  const ratio = reference ? `${(gzip / reference).toFixed(2)}×` : "—";
  console.log(`| ${name} | ${code.length} | ${gzip} | ${ratio} |`);
}
