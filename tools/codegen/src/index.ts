// @scrm-openapi/codegen: the spec → package generator, and the vendor model the other tools (docs, mock, testing,
// scaffold) read. Re-exports only: every module imports its neighbours directly, never this file.

export { advisoryOnly } from "./advisory.js";
export {
  type Coverage,
  checkExtensions,
  checkLedger,
  type Ledger,
  type LedgerEntry,
} from "./check.js";
export {
  checkEvidence,
  checkVendorEvidence,
  type Difference,
  type Evidence,
  type InferredConstraint,
  type OperationReport,
  type SourceClass,
  summarize,
  type VendorReport,
} from "./evidence/index.js";
export { PROVENANCE_LINE, readSourceClasses, withProvenance } from "./evidence/provenance.js";
export type * from "./extensions.js";
export { isCbc } from "./extensions.js";
export { type GeneratedFile, type GenerateResult, generateVendor, runGenerate } from "./generate.js";
export {
  buildModel,
  type CheckedModel,
  idempotentOf,
  loadModel,
  type OperationModel,
  type VendorModel,
  type WebhookModel,
} from "./model.js";
export { buildMeta, type GeneratedMeta, metaOf } from "./render/meta.js";
export { bundleSpec, deref, type Json, stripExtensions, successOnly } from "./spec.js";
export {
  type ApiEntry,
  listApis,
  readVendor,
  repoRoot,
  specRoot,
  VENDORS,
  type VendorId,
  type VendorInfo,
} from "./vendors.js";
