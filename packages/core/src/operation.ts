import type { OperationMeta } from "./meta.js";

/**
 * Whether an operation may be sent again after a failure that does not prove it was refused (a timeout, a reset
 * connection, a 5xx, a busy code): the spec says so per operation (`x-idempotent`, emitted only where it differs
 * from the method's default); otherwise only GET is.
 */
export function isRetrySafe(op: OperationMeta): boolean {
  return op.idempotent ?? op.method === "get";
}
