// `pnpm mock` as a user runs it: pnpm → sh → node launcher → Prism host. A signal to the pnpm process never reaches the
// launcher (pnpm and sh end, the launcher is reparented; after SIGKILL, sh stays), yet nothing may keep the ports.
// Each signal gets its own process tree; the three run side by side. States only, never durations.
import { describe, it } from "vitest";
import { alive, descendants, pnpmScript, refused } from "./processes.js";

describe("pnpm mock ends with the pnpm process", () => {
  it.concurrent.for(["SIGTERM", "SIGKILL", "SIGHUP"] as const)(
    "%s to pnpm ends the launcher and the Prism host, and frees the port",
    { timeout: 120_000 },
    async (signal, { expect, onTestFinished }) => {
      const run = pnpmScript(["mock", "planyun", "--free-ports", "--verbose"]);
      onTestFinished(run.killGroup);
      // Three pnpm trees start side by side on a shared machine: a start-up deadline with room.
      const [, url] = await run.waitFor(/planyun\s+(http:\/\/127\.0\.0\.1:\d+)/, 60_000);
      const host = Number((await run.waitFor(/Prism host pid (\d+)/))[1]);
      const tree = descendants(run.pid);
      expect(tree).toContain(host);
      expect(await refused(url!)).toBe(false);
      process.kill(run.pid, signal);
      await expect.poll(() => tree.filter(alive), { timeout: 20_000 }).toEqual([]);
      expect(await refused(url!)).toBe(true);
    },
  );
});
