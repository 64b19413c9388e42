// What the host uses of Prism, as the one entry esbuild bundles Prism from (prism-bundle.ts): one file of ~740
// modules instead of ~740 files to resolve, stat and read at every start.
export { createLogger } from "@stoplight/prism-core";
export { getHttpOperationsFromSpec } from "@stoplight/prism-http";
export { createServer } from "@stoplight/prism-http-server";
