// Typed failures of the unified layer. Each extends core's ScrmError, so one `instanceof ScrmError` catches them with
// the vendor clients' own errors; the message names vendor, entity and operation and never carries a credential.
import { ScrmError } from "@scrm-openapi/core";

/** Where a unified call failed: the vendor, the entity and the unified operation (list, get, create, tag…). */
export interface UnifiedErrorContext {
  readonly vendor: string;
  readonly entity: string;
  readonly operation: string;
}

const context = (where: UnifiedErrorContext) => ({
  vendor: where.vendor,
  operationId: `${where.entity}.${where.operation}`,
  requestId: "",
});

/** The vendor's spec maps no operation (or no field) for this call: nothing was sent, nothing looks like a result. */
export class UnifiedUnsupportedError extends ScrmError {
  declare readonly entity: string;
  declare readonly operation: string;
  /** The input or filter the vendor cannot take, when that is what is unsupported. */
  declare readonly field: string | undefined;

  constructor(where: UnifiedErrorContext, detail: string, field?: string) {
    super(context(where), `not supported: ${detail}`);
    this.name = "UnifiedUnsupportedError"; // a literal, as core's errors: minifiers rename classes
    this.entity = where.entity;
    this.operation = where.operation;
    this.field = field;
  }
}

/** A unified id that is malformed, or that belongs to another vendor or entity than the call it was given to. */
export class UnifiedIdError extends ScrmError {
  declare readonly id: string;

  constructor(where: UnifiedErrorContext, id: string, detail: string) {
    super(context(where), `bad id ${JSON.stringify(id.slice(0, 120))}: ${detail}`);
    this.name = "UnifiedIdError"; // a literal, as core's errors: minifiers rename classes
    this.id = id;
  }
}

/** A write's input lacks a field the vendor's operation needs, or has one of the wrong type. */
export class UnifiedInputError extends ScrmError {
  declare readonly field: string;

  constructor(where: UnifiedErrorContext, field: string, detail: string) {
    super(context(where), `input ${field}: ${detail}`);
    this.name = "UnifiedInputError"; // a literal, as core's errors: minifiers rename classes
    this.field = field;
  }
}

/** `get(id)` was answered, but the answer holds no record with that id. */
export class UnifiedNotFoundError extends ScrmError {
  declare readonly id: string;

  constructor(where: UnifiedErrorContext, id: string) {
    super(context(where), `no record ${JSON.stringify(id.slice(0, 120))} in the vendor's answer`);
    this.name = "UnifiedNotFoundError"; // a literal, as core's errors: minifiers rename classes
    this.id = id;
  }
}

/** The vendor's answer breaks the mapping its spec declares (a record without its id): a spec or vendor bug. */
export class UnifiedDataError extends ScrmError {
  constructor(where: UnifiedErrorContext, detail: string) {
    super(context(where), `unexpected answer: ${detail}`);
    this.name = "UnifiedDataError"; // a literal, as core's errors: minifiers rename classes
  }
}
