// Compares one operation's spec fields with what its source states (specs/<vendor>/evidence/<id>.yaml) and names
// every difference: a field added or dropped, retyped, made required or optional, or given a constraint.
import type { Deviation, SpecField } from "./flatten.js";

interface EvidenceField {
  path: string;
  type?: string | string[];
  required?: boolean;
  constraints?: Record<string, unknown>;
}

interface EvidenceSection {
  where: string;
  complete: boolean;
  fields: EvidenceField[];
}

export type SourceClass = "vendor-page" | "vendor-example-only" | "third-party-code" | "inferred";

export interface Evidence {
  vendor: string;
  operationId?: string;
  webhook?: string;
  class: SourceClass;
  status: "read" | "not-reread";
  source: string;
  read?: string;
  sections?: { request?: EvidenceSection; response?: EvidenceSection; payload?: EvidenceSection };
  errors?: { code: string | number; where: string }[];
}

type Kind = "added" | "dropped" | "retyped" | "made-required" | "made-optional" | "constraint-added";

export interface Difference {
  field: string;
  kind: Kind;
  detail: string;
  /** The spec's reason, when it gives one. */
  reason?: Deviation;
}

export interface InferredConstraint {
  field: string;
  constraints: Record<string, unknown>;
}

export interface Comparison {
  differences: Difference[];
  /** Fields the source states (and the spec was compared on). */
  fieldsWithEvidence: number;
}

export type OperationDeviation = Deviation & { field: string };

const SECTION_OF: Record<string, "request" | "response" | "payload"> = {
  query: "request",
  path: "request",
  header: "request",
  body: "request",
  response: "response",
  payload: "payload",
};

const sectionOf = (path: string) => SECTION_OF[path.split(/[.[]/, 1)[0] ?? ""];
const parentOf = (path: string) => path.replace(/(\[\]|\.[^.[]+)$/, "");
const typeList = (type: string | string[] | undefined) => (type === undefined ? [] : [type].flat().sort());

/**
 * Differences between the spec's fields and the evidence. `skip` holds paths the spec states elsewhere (the
 * credentials its security scheme sends).
 */
export function compare(
  spec: SpecField[],
  evidence: Evidence,
  operationDeviations: OperationDeviation[],
  skip: ReadonlySet<string> = new Set(),
): Comparison {
  const sections = evidence.sections ?? {};
  const stated = new Map<string, EvidenceField>();
  for (const section of Object.values(sections)) for (const field of section.fields) stated.set(field.path, field);
  const declared = new Map(spec.map((field) => [field.path, field]));
  const byField = new Map(operationDeviations.map((d) => [d.field, { reason: d.reason, note: d.note }]));
  const differences: Difference[] = [];
  const add = (field: string, kind: Kind, detail: string, own?: Deviation) => {
    const reason = own ?? byField.get(field);
    differences.push({ field, kind, detail, ...(reason ? { reason } : {}) });
  };
  let fieldsWithEvidence = 0;
  for (const field of stated.values()) {
    if (skip.has(field.path)) continue;
    fieldsWithEvidence++;
    const mine = declared.get(field.path);
    if (!mine) {
      if (!stated.has(parentOf(field.path)) || declared.has(parentOf(field.path)) || !field.path.includes(".")) {
        add(field.path, "dropped", "the source lists it; the spec does not declare it");
      }
      continue;
    }
    const theirs = typeList(field.type);
    if (theirs.length > 0 && theirs.join("|") !== mine.types.join("|")) {
      add(field.path, "retyped", `source ${theirs.join("|")}, spec ${mine.types.join("|") || "any"}`, mine.deviation);
    }
    if (field.required !== undefined && mine.required !== undefined && field.required !== mine.required) {
      const kind = mine.required ? "made-required" : "made-optional";
      add(field.path, kind, `source ${field.required ? "required" : "optional"}`, mine.deviation);
    }
    const extra = Object.keys(mine.constraints).filter((key) => field.constraints?.[key] === undefined);
    if (extra.length > 0 && !mine.inferred) {
      add(field.path, "constraint-added", `the source states no ${extra.join(", ")}`, mine.deviation);
    }
  }
  for (const field of spec) {
    const section = sectionOf(field.path);
    // An array's items come with the array (a page that collapses them states no type for them).
    if (!field.path.includes(".") || field.path.endsWith("[]") || stated.has(field.path) || skip.has(field.path))
      continue;
    if (!section) continue;
    if (!sections[section]?.complete) continue;
    const parent = parentOf(field.path);
    // Only the top of an added subtree is reported (its members come with it).
    if (parent.includes(".") && !stated.has(parent)) continue;
    add(field.path, "added", "the spec declares it; the source does not list it", field.deviation);
  }
  return { differences, fieldsWithEvidence };
}

/** Constraints the spec marks x-inferred: advisory, listed for the docs. */
export function inferredConstraints(spec: SpecField[]): InferredConstraint[] {
  return spec
    .filter((field) => field.inferred && Object.keys(field.constraints).length > 0)
    .map((field) => ({ field: field.path, constraints: field.constraints }));
}
