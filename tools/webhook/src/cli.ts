// pnpm webhook trigger <vendor> <event> --to <url> [secrets] | pnpm webhook listen <vendor> [--port 8788] [secrets]
// Secrets: --token --encoding-aes-key --receive-id (sha1-aes-cbc), --app-id --app-key --corp-id (sha256-aes-ctr), or
// the same names upper-cased in the environment (SCRM_WEBHOOK_TOKEN, SCRM_WEBHOOK_ENCODING_AES_KEY, ...).
import { parseArgs } from "node:util";
import { listen, loadVendor, type Secrets, trigger } from "./index.js";

const SECRETS = {
  token: "token",
  "encoding-aes-key": "encodingAESKey",
  "receive-id": "receiveId",
  "app-id": "appId",
  "app-key": "appKey",
  "corp-id": "corpId",
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: "string" },
      port: { type: "string", default: "8788" },
      ...Object.fromEntries(Object.keys(SECRETS).map((k) => [k, { type: "string" as const }])),
    },
  });
  const secrets: Secrets = {};
  for (const [flag, name] of Object.entries(SECRETS)) {
    const env = `SCRM_WEBHOOK_${flag.toUpperCase().replaceAll("-", "_")}`;
    secrets[name] = (values as Record<string, string | undefined>)[flag] ?? process.env[env];
  }
  const [command, vendor, event] = positionals;
  if (command === "trigger" && vendor && event && values.to) {
    const answer = await trigger(await loadVendor(vendor), event, values.to, secrets);
    console.log(`${answer.status} ${answer.body}`);
    return answer.status < 300 ? 0 : 1;
  }
  if (command === "listen" && vendor) {
    const { server } = listen(await loadVendor(vendor), secrets, (line) => console.log(line));
    const port = Number(values.port);
    server.listen(port, "127.0.0.1", () =>
      console.log(`listening for ${vendor} callbacks on http://127.0.0.1:${port}/`),
    );
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
      process.once(signal, () => server.close(() => process.exit(0)));
    return new Promise(() => undefined);
  }
  console.error(
    "usage: pnpm webhook trigger <vendor> <event> --to <url> [secrets]\n       pnpm webhook listen <vendor> [--port 8788] [secrets]",
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`webhook: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
