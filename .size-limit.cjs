// Bundle budgets (min+gzip, esbuild, browser platform, all chunks: a vendor's error-meaning table is a lazy chunk but
// is counted too). `pnpm size` prints them; npm test fails when one is exceeded. docs/BENCHMARKS.md has the split
// between the runtime and each vendor's generated metadata, which grows with the API it covers.
const browser = (config) => ({ ...config, splitting: true, format: "esm", platform: "browser", target: "es2022" });
const entry = (name, path, imports, limit) => ({
  name,
  path,
  import: imports,
  limit,
  gzip: true,
  modifyEsbuildConfig: browser,
});
module.exports = [
  entry(
    "runtime: createVendorClient + tokenAuth + createLimiter",
    "packages/core/dist/vendor.js",
    "{ createVendorClient, tokenAuth, createLimiter }",
    "9.8 kB",
  ),
  entry(
    "runtime: createVendorClient + signatureAuth",
    "packages/core/dist/vendor.js",
    "{ createVendorClient, signatureAuth }",
    "6.3 kB",
  ),
  entry(
    "createWeibanClient (107 operations, 145 error codes)",
    "packages/weiban/dist/index.js",
    "{ createWeibanClient }",
    "15.5 kB",
  ),
  entry("createWeilingClient (79 operations)", "packages/weiling/dist/index.js", "{ createWeilingClient }", "12.3 kB"),
  entry("createTanmaClient (48 operations)", "packages/tanma/dist/index.js", "{ createTanmaClient }", "7.9 kB"),
  entry("createPlanyunClient (3 operations)", "packages/planyun/dist/index.js", "{ createPlanyunClient }", "8.4 kB"),
];
