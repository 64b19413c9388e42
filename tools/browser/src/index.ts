// Shared by the browser tests: bundle a page script for the browser and serve it on loopback. Chromium itself
// (launch, the offline page) comes from @scrm-openapi/testing/chromium, which the docs test uses too.
import { createServer } from "node:http";
import { type LocalServer, listenLocal } from "@scrm-openapi/testing";
import { build } from "esbuild";

/** Bundles `contents` (TS/JS importing workspace packages) for the browser: ESM, es2022, no Node built-ins. */
export async function bundleForBrowser(contents: string, resolveDir: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/** Serves fixed files (path → content) on a loopback port. */
export async function serve(files: Record<string, { type: string; body: string }>): Promise<LocalServer> {
  return listenLocal(
    createServer((req, res) => {
      const file = files[new URL(req.url ?? "/", "http://x").pathname];
      if (!file) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": file.type }).end(file.body);
    }),
  );
}
