// tools/mock's build (turbo's `build`, so `npm run setup` runs it): every bundle a mock start needs — the two
// launchers, the host, Prism, each vendor's seeded data — built into the cache (../bin/bundle.mjs), and Prism's V8
// code cache written by one host start serving every vendor. Without it the first starts after a clone build them:
// in `npm test` the vendor suites and the mock suite did so side by side, each running esbuild over Prism's ~740
// modules and compiling its 4.5 MB from source. Nothing here is required: a start still builds what is missing or
// stale, by content.
import { LAUNCHERS, launcherBundle } from "../bin/launchers.mjs";
import { startMockHost } from "./index.js";

await Promise.all(LAUNCHERS.map(launcherBundle));
const host = await startMockHost([], { port: 0, data: "seeded", timeoutMs: 120_000 });
await host.stop();
