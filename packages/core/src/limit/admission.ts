import { concurrencyKey, rateKey } from "../keys.js";
import type { LimitsMeta, OperationMeta, RateLimitMeta } from "../meta.js";
import type { Admission, RateRule } from "./types.js";

const WINDOWS = [
  ["perMinute", 60_000],
  ["perHour", 3_600_000],
] as const;

export interface AdmissionSpec {
  readonly rates: readonly RateLimitMeta[];
  readonly concurrency: number | undefined;
  readonly headroom: number;
  readonly leaseMs: number;
}

/** The spec's rate entries that set a budget, and its concurrency cap; undefined when it declares neither. */
export function budgetsOf(limits: LimitsMeta | undefined): Pick<AdmissionSpec, "rates" | "concurrency"> | undefined {
  const rates = (limits?.rate ?? []).filter((r) => r.perMinute !== undefined || r.perHour !== undefined);
  const concurrency = limits?.concurrency?.max;
  return rates.length === 0 && concurrency === undefined ? undefined : { rates, concurrency };
}

/**
 * What a call of `op` needs: per rate entry of its `x-rate-class`, at most perMinute/perHour calls (less `headroom`)
 * per operation (scope `operation`) or per class; and a concurrency slot of the account. `prefix` names the account.
 */
export function admissionFor(spec: AdmissionSpec, prefix: string, op: OperationMeta): Admission {
  const rate = op.rateClass === undefined ? undefined : spec.rates.find((r) => r.class === op.rateClass);
  const scope = rate?.scope === "operation" ? `op:${op.operationId}` : `class:${rate?.class}`;
  const rules: RateRule[] = [];
  for (const [field, windowMs] of WINDOWS) {
    const limit = rate?.[field];
    if (limit === undefined || limit <= 0) continue;
    rules.push({
      key: rateKey(prefix, scope, windowMs),
      limit: Math.max(1, Math.floor(limit * (1 - spec.headroom))),
      windowMs,
    });
  }
  return {
    rates: rules,
    concurrency: spec.concurrency === undefined ? undefined : { key: concurrencyKey(prefix), max: spec.concurrency },
    leaseMs: spec.leaseMs,
  };
}

/** "570 per 60 s, 5 in flight": for log lines. */
export function describeAdmission(admission: Admission): string {
  return [
    ...admission.rates.map((r) => `${r.limit} per ${r.windowMs / 1000} s`),
    ...(admission.concurrency ? [`${admission.concurrency.max} in flight`] : []),
  ].join(", ");
}
