// Leaked fragments of secrets in one seeded corpus: 2,000 random secrets, each in six encodings, embedded in an answer
// body and passed through core's Redactor; a leak is an encoded form still present afterwards. Compare with an older
// core by pointing BASELINE_CORE at its built dist/ (e.g. a clone of b0bdc5a after `npm run setup`).
//   BASELINE_CORE=/tmp/cibase/packages/core/dist pnpm --filter @scrm-openapi/bench redaction
import { pathToFileURL } from "node:url";

type RedactorModule = { Redactor: new () => { add(secret: string): void; redact(text: string): string } };
const cores: [string, string][] = [["main", new URL("../packages/core/dist/redact.js", import.meta.url).href]];
if (process.env.BASELINE_CORE)
  cores.unshift(["baseline", pathToFileURL(`${process.env.BASELINE_CORE}/redact.js`).href]);

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.~";
const secrets = Array.from({ length: 2000 }, () =>
  Array.from({ length: 16 + Math.floor(rand() * 32) }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join(""),
);
const b64 = (s: string) => Buffer.from(s).toString("base64");
const forms: Record<string, (s: string) => string> = {
  raw: (s) => s,
  "percent (upper)": (s) => encodeURIComponent(s),
  "percent (lower)": (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  "JSON \\/": (s) => JSON.stringify(s).slice(1, -1).replaceAll("/", "\\/"),
  base64: b64,
  base64url: (s) => b64(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
};

console.log("| core | form | leaked / encoded forms |\n|---|---|---:|");
for (const [name, url] of cores) {
  const { Redactor } = (await import(url)) as RedactorModule;
  for (const [form, encode] of Object.entries(forms)) {
    let leaks = 0;
    let applicable = 0;
    for (const secret of secrets) {
      const encoded = encode(secret);
      if (form !== "raw" && encoded === secret) continue; // the encoding changes nothing for this secret
      applicable++;
      const redactor = new Redactor();
      redactor.add(secret);
      if (redactor.redact(`{"errmsg":"bad value ${encoded}"}`).includes(encoded)) leaks++;
    }
    console.log(`| ${name} | ${form} | ${leaks} / ${applicable} |`);
  }
}
