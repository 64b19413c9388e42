// Checks a spec's x- extensions against specs/extensions.schema.json and its coverage ledger against the spec, so a
// typo in an extension or an operation missing from the ledger fails `pnpm generate` before anything is written.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { type Json, HTTP_METHODS as METHODS } from "./spec.js";
import { parseYaml } from "./yaml.js";

const compiled = new Map<string, Promise<Ajv2020>>();
function schemas(specsDir: string): Promise<Ajv2020> {
  let ajv = compiled.get(specsDir);
  if (ajv) return ajv;
  ajv = (async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } });
    ajv.addSchema(JSON.parse(await readFile(join(specsDir, "extensions.schema.json"), "utf8")), "extensions");
    ajv.addSchema(JSON.parse(await readFile(join(specsDir, "ledger.schema.json"), "utf8")), "ledger");
    return ajv;
  })();
  compiled.set(specsDir, ajv);
  return ajv;
}

const pickExtensions = (node: Json): Json =>
  Object.fromEntries(Object.entries(node).filter(([key]) => key.startsWith("x-")));

const describe = (where: string, errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${where}${e.instancePath.replaceAll("/", ".")} ${e.message ?? "is invalid"}`);

/** Problems with the x- extensions of a bundled spec; empty when it conforms. */
export async function checkExtensions(doc: Json, specRoot: string): Promise<string[]> {
  const ajv = await schemas(dirname(dirname(specRoot)));
  const problems: string[] = [];
  const check = (def: string, node: Json, where: string) => {
    const validate = ajv.getSchema(`extensions#/$defs/${def}`);
    if (!validate) throw new Error(`extensions.schema.json has no $defs/${def}`);
    if (!validate(pickExtensions(node))) problems.push(...describe(where, validate.errors));
  };
  check("root", doc, "root");
  const handled = new Set<unknown>([doc]);
  for (const [group, def] of [
    ["paths", "operation"],
    ["webhooks", "webhook"],
  ] as const) {
    for (const [name, item] of Object.entries((doc[group] ?? {}) as Record<string, Json>)) {
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        check(def, op, `${group}.${name}.${method}`);
        handled.add(op);
      }
    }
  }
  // Anywhere else (schemas, parameters, examples…) only notes and enum descriptions may appear.
  walk(doc, "", (node, where) => {
    if (handled.has(node) || !Object.keys(node).some((k) => k.startsWith("x-"))) return;
    if (where.includes(".examples.") || where.endsWith(".example")) return;
    check("schema", node, where || "root");
  });
  return problems;
}

function walk(node: unknown, where: string, visit: (node: Json, where: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(item, `${where}[${i}]`, visit);
    });
    return;
  }
  if (!node || typeof node !== "object") return;
  visit(node as Json, where);
  for (const [key, value] of Object.entries(node as Json)) {
    // The values of x- extensions are checked by their own definitions, examples are data.
    if (key.startsWith("x-") || key === "example" || key === "examples" || key === "value") continue;
    walk(value, where ? `${where}.${key}` : key, visit);
  }
}

export interface LedgerEntry {
  title: string;
  section: string;
  status: "specified" | "title-only" | "out-of-scope";
  operationId?: string;
  name?: string;
  page?: string;
  method?: string;
  path?: string;
}

export interface Ledger {
  vendor: string;
  menu: string;
  checked: string;
  note?: string;
  operations: LedgerEntry[];
  webhooks?: LedgerEntry[];
}

export interface Coverage {
  ledger: Ledger;
  operations: { specified: number; titleOnly: number; outOfScope: number; total: number };
  webhooks: { specified: number; titleOnly: number; outOfScope: number; total: number };
}

/** Reads specs/<vendor>/ledger.yaml and checks it both ways against the spec's operations and webhooks. */
export async function checkLedger(doc: Json, specRoot: string): Promise<{ problems: string[]; coverage?: Coverage }> {
  const ajv = await schemas(dirname(dirname(specRoot)));
  const file = join(dirname(specRoot), "ledger.yaml");
  const raw = await readFile(file, "utf8").catch(() => undefined);
  if (raw === undefined) return { problems: [`${file}: missing (every vendor keeps a coverage ledger)`] };
  const ledger = parseYaml(raw) as Ledger;
  const validate = ajv.getSchema("ledger");
  if (!validate?.(ledger)) return { problems: describe("ledger", validate?.errors) };
  const problems: string[] = [];
  const vendor = (doc["x-vendor"] as { id?: string } | undefined)?.id;
  if (ledger.vendor !== vendor) problems.push(`ledger: vendor is ${ledger.vendor}, the spec's is ${vendor}`);
  const operationIds = new Set<string>();
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op) operationIds.add(String(op.operationId));
    }
  }
  const webhookNames = new Set(Object.keys((doc.webhooks ?? {}) as Json));
  const compare = (entries: LedgerEntry[], key: "operationId" | "name", spec: Set<string>, what: string) => {
    const specified = new Set(entries.filter((e) => e.status === "specified").map((e) => e[key] ?? ""));
    for (const entry of entries) {
      if (entry.status === "specified" && !entry[key])
        problems.push(`ledger: "${entry.title}" is specified but names no ${key}`);
      if (entry.status === "specified" && entry[key] && !spec.has(entry[key] ?? "")) {
        problems.push(`ledger: "${entry.title}" names ${what} ${entry[key]}, which the spec does not have`);
      }
    }
    for (const id of spec)
      if (!specified.has(id)) problems.push(`ledger: the spec's ${what} ${id} is not in the ledger as specified`);
  };
  compare(ledger.operations, "operationId", operationIds, "operation");
  compare(ledger.webhooks ?? [], "name", webhookNames, "webhook");
  const count = (entries: LedgerEntry[]) => ({
    specified: new Set(entries.filter((e) => e.status === "specified").map((e) => e.operationId ?? e.name)).size,
    titleOnly: entries.filter((e) => e.status === "title-only").length,
    outOfScope: entries.filter((e) => e.status === "out-of-scope").length,
    total: entries.length,
  });
  return {
    problems,
    coverage: { ledger, operations: count(ledger.operations), webhooks: count(ledger.webhooks ?? []) },
  };
}
