// A handler that throws leaves the callback unacknowledged, so the vendor sends it again: the replay guard must let
// that retry in (and still refuse a replay of one that was acknowledged). Driven through the web handler, both styles.
import { describe, expect, it } from "vitest";
import type { ScrmError } from "../src/index.js";
import {
  createWebHandler,
  createWebhookReceiver,
  createWebhookRouter,
  MemoryReplayGuard,
  type ReplayGuard,
  type Sha1AesCbcCryptoMeta,
  type Sha256AesCtrCryptoMeta,
} from "../src/webhooks/index.js";
import { CBC_META, CTR_META } from "./crypto-metas.js";

const cbc: Sha1AesCbcCryptoMeta = {
  ...CBC_META,
  typeField: "header.event_type",
  encryptedField: "encrypt_msg",
  ack: "success",
};
const ctr: Sha256AesCtrCryptoMeta = { ...CTR_META, typeField: "type" };
const NOW = Date.UTC(2026, 10, 30, 12);

/** A router whose handler fails while `failing` is set; every error it reports is kept. */
function setup(
  receiver: Parameters<typeof createWebhookRouter>[0],
  crypto: Sha1AesCbcCryptoMeta | Sha256AesCtrCryptoMeta,
) {
  const state = { failing: true, handled: 0, errors: [] as ScrmError[] };
  const router = createWebhookRouter<{ changed: unknown }>(
    receiver,
    [{ name: "changed", messageType: "changed" }],
    crypto,
    {
      reply: () => "ok",
    },
  )
    .on("changed", () => {
      if (state.failing) throw new Error("database down");
      state.handled++;
    })
    .onError((error) => {
      state.errors.push(error);
    });
  return { state, handle: createWebHandler(router) };
}

describe("a callback whose handler threw is retried, not refused as a replay", () => {
  it("sha1-aes-cbc: 500, then the same sealed callback is 200; once acknowledged, a third copy is 409", async () => {
    const guard = new MemoryReplayGuard({ now: () => NOW });
    const secrets = { token: "callback-token", encodingAESKey: "c".repeat(43) };
    const receiver = createWebhookReceiver("fakeling", cbc, secrets, { replayGuard: guard });
    const { state, handle } = setup(receiver, cbc);
    const sealed = await receiver.seal(
      { header: { event_type: "changed" } },
      { timestamp: String(NOW / 1000), nonce: "7" },
    );
    const send = () =>
      handle(
        new Request(`http://receiver.test/cb?${new URLSearchParams(sealed.query)}`, {
          method: "POST",
          body: sealed.body ?? "",
        }),
      );

    expect((await send()).status).toBe(500);
    expect(state.errors.map((e) => (e as { reason?: string }).reason)).toEqual(["handler-failed"]);
    state.failing = false;
    const retried = await send();
    expect([retried.status, await retried.text()]).toEqual([200, "success"]);
    expect(state.handled).toBe(1);
    expect((await send()).status).toBe(409);
    expect(state.handled).toBe(1);
  });

  it("sha256-aes-ctr: the same, keyed by signature and body; a guard without forget still refuses the retry", async () => {
    const secrets = { appId: "ww51046ddc4f4df510_NjaEnW", appKey: "tanma-app-key-123456" };
    const seal = async (guard: ReplayGuard) => {
      const receiver = createWebhookReceiver("fakema", ctr, secrets, { replayGuard: guard });
      const sealed = await receiver.seal({ type: "changed", noise: 1 }, { timestamp: String(NOW), version: "1" });
      const { state, handle } = setup(receiver, ctr);
      const send = () =>
        handle(
          new Request("http://receiver.test/push", { method: "POST", headers: sealed.headers, body: sealed.body }),
        );
      return { state, send };
    };

    const { state, send } = await seal(new MemoryReplayGuard());
    expect((await send()).status).toBe(500);
    state.failing = false;
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(409);

    // A guard of one's own that cannot forget: the retry is refused, as before forget existed.
    const seen = new Set<string>();
    const plain = await seal({
      seen: (id) => {
        const before = seen.has(id);
        seen.add(id);
        return before;
      },
    });
    expect((await plain.send()).status).toBe(500);
    plain.state.failing = false;
    expect((await plain.send()).status).toBe(409);
  });

  it("a guard whose forget fails is reported; the callback is still not acknowledged", async () => {
    const failing: ReplayGuard = {
      seen: () => false,
      forget: () => Promise.reject(new Error("redis gone")),
    };
    const secrets = { token: "callback-token", encodingAESKey: "c".repeat(43) };
    const receiver = createWebhookReceiver("fakeling", cbc, secrets, { replayGuard: failing });
    const { state, handle } = setup(receiver, cbc);
    const sealed = await receiver.seal({ header: { event_type: "changed" } }, { timestamp: "1700000000", nonce: "8" });
    const answer = await handle(
      new Request(`http://receiver.test/cb?${new URLSearchParams(sealed.query)}`, {
        method: "POST",
        body: sealed.body ?? "",
      }),
    );
    expect(answer.status).toBe(500);
    expect(state.errors.map((e) => e.name)).toEqual(["ScrmStoreError", "ScrmWebhookError"]);
  });
});
