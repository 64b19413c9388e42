import { abortable, sleep } from "../abort.js";
import { isLease, type Lease, type RateLimitStore, type Refusal, type Ticket } from "./types.js";

export interface PollSettings {
  readonly store: RateLimitStore;
  readonly now: () => number;
  readonly pollMs: number;
  readonly closed: () => boolean;
}

/**
 * A shared store cannot tell us when another process frees budget: ask again after its hint (at most `pollMs`), until
 * admitted, past the deadline, aborted or closed.
 */
export async function poll(s: PollSettings, ticket: Ticket): Promise<Lease> {
  for (;;) {
    if (s.closed()) throw ticket.fail.closed();
    let verdict: Lease | Refusal;
    try {
      // A stalled store does not hold the call past its deadline or abort; a slot it grants afterwards is given back.
      verdict = await abortable(s.store.tryAcquire(ticket.admission, s.now()), ticket.signal, (late) => {
        if (isLease(late)) late.release();
      });
    } catch (error) {
      if (ticket.signal?.aborted && error === ticket.signal.reason) throw ticket.fail.aborted(error);
      throw ticket.fail.store(error);
    }
    if (isLease(verdict)) return verdict;
    const pause = Math.min(verdict.retryInMs, Math.max(s.pollMs, 1));
    if (verdict.retryInMs !== Number.POSITIVE_INFINITY && s.now() + verdict.retryInMs > ticket.deadlineAt) {
      throw ticket.fail.late(verdict.retryInMs);
    }
    try {
      await sleep(verdict.retryInMs === Number.POSITIVE_INFINITY ? s.pollMs : pause, ticket.signal);
    } catch (reason) {
      throw ticket.fail.aborted(reason);
    }
  }
}
