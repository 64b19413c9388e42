// Runs a script on the other runtimes the clients promise to support: Deno and Bun (the built packages, unbundled, as
// an app would import them) and Cloudflare's workerd (an esbuild bundle, as wrangler would make). Each binary comes
// from its npm package's per-platform optional dependency; nothing is downloaded at test time.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Runtime = "deno" | "bun" | "workerd";

/** npm package → its per-platform binary package (the optional dependency npm or pnpm installed) and file. */
const BINARIES: Record<Runtime, { platforms: Record<string, string>; file: string }> = {
  deno: {
    platforms: {
      "linux-x64": "@deno/linux-x64-glibc",
      "linux-arm64": "@deno/linux-arm64-glibc",
      "darwin-x64": "@deno/darwin-x64",
      "darwin-arm64": "@deno/darwin-arm64",
    },
    file: "deno",
  },
  bun: {
    platforms: {
      "linux-x64": "@oven/bun-linux-x64",
      "linux-arm64": "@oven/bun-linux-aarch64",
      "darwin-x64": "@oven/bun-darwin-x64",
      "darwin-arm64": "@oven/bun-darwin-aarch64",
    },
    file: "bin/bun",
  },
  workerd: {
    platforms: {
      "linux-x64": "@cloudflare/workerd-linux-64",
      "linux-arm64": "@cloudflare/workerd-linux-arm64",
      "darwin-x64": "@cloudflare/workerd-darwin-64",
      "darwin-arm64": "@cloudflare/workerd-darwin-arm64",
    },
    file: "bin/workerd",
  },
};

const require = createRequire(import.meta.url);

/** The runtime's executable for this machine. */
function binary(runtime: Runtime): string {
  const platform = `${process.platform}-${process.arch}`;
  const pkg = BINARIES[runtime].platforms[platform];
  if (!pkg) throw new Error(`no ${runtime} binary package known for ${platform}`);
  // The platform package is a dependency of the wrapper package, so it resolves from there.
  const from = createRequire(require.resolve(`${runtime}/package.json`));
  try {
    return join(from.resolve(`${pkg}/package.json`), "..", BINARIES[runtime].file);
  } catch {
    throw new Error(
      `${pkg} (${runtime}'s binary for ${platform}) is not installed: run pnpm install with optional dependencies`,
    );
  }
}

/** The first `RESULT <json>` line a script printed, parsed; the output is quoted when there is none. */
function result(runtime: Runtime, stdout: string, stderr: string): unknown {
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`${runtime} printed no RESULT line:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice("RESULT ".length));
}

function exec(
  runtime: Runtime,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(binary(runtime), args, { ...options, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${runtime} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * Runs `module` (ESM exporting `async function main()`, importing built packages by absolute path) and returns what
 * `main()` resolved with. Deno and Bun run the module itself from a temporary file, with `cwd` as the project whose
 * node_modules resolve the packages' own imports; workerd gets `bundle` instead (the same code bundled, as wrangler
 * would) and runs it with `workerd test`, its outbound network limited to loopback and private addresses.
 */
export async function runOn(runtime: Runtime, code: { module: string; bundle: string; cwd: string }): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), `scrm-${runtime}-`));
  try {
    const env = { ...process.env, NO_COLOR: "1" };
    if (runtime === "workerd") {
      await writeFile(join(dir, "scenario.js"), code.bundle);
      await writeFile(
        join(dir, "worker.js"),
        `import { main } from "./scenario.js";\nexport default { async test() { console.log("RESULT " + JSON.stringify(await main())); } };\n`,
      );
      await writeFile(
        join(dir, "config.capnp"),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (modules = [(name = "worker.js", esModule = embed "worker.js"), (name = "scenario.js", esModule = embed "scenario.js")],
      compatibilityDate = "2025-09-01", globalOutbound = "loopback")),
    (name = "loopback", network = (allow = ["local", "private"])),
  ],
);
`,
      );
      const { stdout, stderr } = await exec(runtime, ["test", join(dir, "config.capnp")], { cwd: dir, env });
      return result(runtime, stdout, stderr);
    }
    const file = join(dir, "main.mjs");
    await writeFile(file, `${code.module}\nconsole.log("RESULT " + JSON.stringify(await main()));\n`);
    const args =
      runtime === "deno"
        ? // Packages resolve from node_modules as Node's do; the network is loopback only; nothing else is granted.
          ["run", "--node-modules-dir=manual", "--allow-net=127.0.0.1", "--no-prompt", file]
        : [file];
    const own = runtime === "deno" ? { DENO_DIR: join(dir, "deno"), DENO_NO_UPDATE_CHECK: "1" } : { DO_NOT_TRACK: "1" };
    const { stdout, stderr } = await exec(runtime, args, { cwd: code.cwd, env: { ...env, ...own } });
    return result(runtime, stdout, stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
