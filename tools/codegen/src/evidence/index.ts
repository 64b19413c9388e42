// The deviation check (`pnpm generate --check`): every spec operation and webhook has an evidence file
// (specs/<vendor>/evidence/<operationId|webhook>.yaml, schema specs/evidence.schema.json), and every difference between
// the spec and what the source states carries an x-deviation reason, or the check fails naming vendor, operation, field.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { bundleSpec } from "../spec.js";
import { listApis, repoRoot } from "../vendors.js";
import { parseYaml } from "../yaml.js";
import {
  compare,
  type Difference,
  type Evidence,
  type InferredConstraint,
  inferredConstraints,
  type OperationDeviation,
  type SourceClass,
} from "./compare.js";
import { flattenOperation, flattenPayload, type Json, resolve } from "./flatten.js";

export type { Difference, Evidence, InferredConstraint, SourceClass } from "./compare.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface OperationReport {
  id: string;
  kind: "operation" | "webhook";
  class: SourceClass;
  status: Evidence["status"];
  source: string;
  fieldsWithEvidence: number;
  differences: Difference[];
  inferred: InferredConstraint[];
}

export interface VendorReport {
  vendor: string;
  operations: OperationReport[];
  /** Evidence files that fail the schema or name nothing in the spec, operations without evidence. */
  problems: string[];
}

/** The credentials the security scheme sends: a page lists them as parameters, the spec states them once. */
function credentialPaths(doc: Json): Set<string> {
  const out = new Set<string>();
  const schemes = ((doc.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;
  for (const scheme of Object.values(schemes)) {
    if (scheme.type === "apiKey") out.add(`${String(scheme.in)}.${String(scheme.name)}`);
  }
  const auth = (doc["x-auth"] ?? {}) as Json;
  if (typeof auth.tokenParameter === "string") out.add(`query.${auth.tokenParameter}`);
  const headers = ((auth.signature as Json | undefined)?.headers ?? {}) as Record<string, string>;
  for (const header of Object.values(headers)) out.add(`header.${header}`);
  return out;
}

async function loadEvidence(dir: string, validate: (data: unknown) => boolean, problems: string[]) {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".yaml")).sort();
  const found = new Map<string, Evidence>();
  for (const file of files) {
    let data: Evidence;
    try {
      data = parseYaml(await readFile(join(dir, file), "utf8")) as Evidence;
    } catch (error) {
      problems.push(`evidence/${file}: not YAML (${error instanceof Error ? error.message.split("\n")[0] : error})`);
      continue;
    }
    if (!validate(data)) {
      problems.push(`evidence/${file}: does not match specs/evidence.schema.json`);
      continue;
    }
    const id = data.operationId ?? data.webhook ?? "";
    if (file !== `${id}.yaml`) problems.push(`evidence/${file}: names ${id}; the file should be ${id}.yaml`);
    found.set(id, data);
  }
  return found;
}

/** Checks one vendor's bundled spec against its evidence folder. */
export async function checkVendorEvidence(doc: Json, specRoot: string): Promise<VendorReport> {
  const specsDir = dirname(dirname(specRoot));
  const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } });
  const validate = ajv.compile(JSON.parse(await readFile(join(specsDir, "evidence.schema.json"), "utf8")));
  const vendor = String((doc["x-vendor"] as Json | undefined)?.id ?? "");
  const problems: string[] = [];
  const evidence = await loadEvidence(join(dirname(specRoot), "evidence"), validate, problems);
  const skip = credentialPaths(doc);
  const operations: OperationReport[] = [];
  const visit = (id: string, kind: OperationReport["kind"], fields: ReturnType<typeof flattenOperation>, op: Json) => {
    const found = evidence.get(id);
    evidence.delete(id);
    if (!found) {
      problems.push(`${vendor} ${id}: no evidence file (specs/${vendor}/evidence/${id}.yaml)`);
      return;
    }
    const deviations = (op["x-deviations"] ?? []) as OperationDeviation[];
    const result =
      found.status === "read" ? compare(fields, found, deviations, skip) : { differences: [], fieldsWithEvidence: 0 };
    operations.push({
      id,
      kind,
      class: found.class,
      status: found.status,
      source: found.source,
      ...result,
      inferred: inferredConstraints(fields),
    });
  };
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    const pathItem = resolve(doc, item);
    for (const method of METHODS) {
      const op = pathItem[method] as Json | undefined;
      if (op) visit(String(op.operationId), "operation", flattenOperation(doc, pathItem, op), op);
    }
  }
  for (const [name, item] of Object.entries((doc.webhooks ?? {}) as Record<string, Json>)) {
    const pathItem = resolve(doc, item);
    const op = METHODS.map((m) => pathItem[m] as Json | undefined).find(Boolean);
    if (op) visit(name, "webhook", flattenPayload(doc, op), op);
  }
  for (const id of evidence.keys()) problems.push(`${vendor} evidence/${id}.yaml: the spec has no ${id}`);
  return { vendor, operations, problems };
}

/** Every vendor of redocly.yaml (or the named ones). */
export async function checkEvidence(options: { root?: string; vendors?: string[] } = {}): Promise<VendorReport[]> {
  const wanted = options.vendors ?? [];
  const apis = (await listApis(options.root ?? repoRoot)).filter((a) => wanted.length === 0 || wanted.includes(a.id));
  const reports: VendorReport[] = [];
  for (const api of apis) reports.push(await checkVendorEvidence(await bundleSpec(api.root), api.root));
  return reports;
}

/** The lines `generate --check` prints, and whether the check passed. */
export function summarize(reports: VendorReport[]): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const report of reports) {
    const ops = report.operations;
    const all = ops.flatMap((op) => op.differences.map((d) => ({ op, d })));
    const unexplained = all.filter(({ d }) => !d.reason);
    const byClass = new Map<string, number>();
    for (const op of ops) byClass.set(op.class, (byClass.get(op.class) ?? 0) + 1);
    lines.push(
      `evidence ${report.vendor}: ${ops.length} operations/webhooks (${ops.filter((o) => o.status === "read").length} read), ` +
        `${ops.reduce((n, o) => n + o.fieldsWithEvidence, 0)} fields with evidence, ${all.length - unexplained.length} deviations explained, ` +
        `${ops.reduce((n, o) => n + o.inferred.length, 0)} inferred constraints; ` +
        [...byClass].map(([k, n]) => `${k} ${n}`).join(", "),
    );
    for (const problem of report.problems) lines.push(`  ✗ ${problem}`);
    for (const { op, d } of unexplained) {
      lines.push(`  ✗ ${report.vendor} ${op.id} ${d.field}: ${d.kind} (${d.detail}) without an x-deviation reason`);
    }
    if (unexplained.length > 0 || report.problems.length > 0) ok = false;
  }
  return { ok, lines };
}

/** The hook `generate --check` calls: prints the summary, returns whether it passed. */
export async function runEvidenceCheck(vendors: string[] = []): Promise<boolean> {
  const { ok, lines } = summarize(await checkEvidence({ vendors }));
  for (const line of lines) (ok ? console.log : console.error)(line);
  return ok;
}
