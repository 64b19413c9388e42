// RedisReplayGuard against a real redis-server, through a router's web handler: a replay is refused by any process
// sharing the Redis, and a callback whose handler threw is forgotten, so the vendor's retry gets through.
import {
  createWebHandler,
  createWebhookReceiver,
  createWebhookRouter,
  type Sha1AesCbcCryptoMeta,
} from "@scrm-openapi/core/webhooks";
import { describe, expect, it } from "vitest";
import { RedisReplayGuard } from "../src/index.js";
import { sharedRedis } from "./helpers.js";

const { options: redis, client: admin } = sharedRedis();
const crypto: Sha1AesCbcCryptoMeta = {
  style: "sha1-aes-cbc",
  source: "https://example.cn/doc",
  query: { signature: "msg_signature", timestamp: "timestamp", nonce: "nonce", echostr: "echostr" },
  signature: { algorithm: "sha1-sorted", parts: ["token", "timestamp", "nonce", "encrypted"] },
  encryptedField: "encrypt",
  ack: "success",
};
const secrets = { token: "callback-token", encodingAESKey: "r".repeat(43) };

describe("RedisReplayGuard", () => {
  it("a throwing handler's callback is retried (forgotten); once acknowledged, a replay on another process is 409", async () => {
    const guards = [new RedisReplayGuard({ redis }), new RedisReplayGuard({ redis })];
    try {
      let failing = true;
      const [one, other] = guards.map((replayGuard) => {
        const receiver = createWebhookReceiver("fakeban", crypto, secrets, { replayGuard });
        const router = createWebhookRouter<{ changed: unknown }>(receiver, [{ name: "changed" }], crypto).on(
          "changed",
          () => {
            if (failing) throw new Error("database down");
          },
        );
        return createWebHandler(router);
      });
      const sealed = await createWebhookReceiver("fakeban", crypto, secrets).seal(
        { event: "changed" },
        { timestamp: "1700000000", nonce: "1" },
      );
      const request = () =>
        new Request(`http://receiver.test/cb?${new URLSearchParams(sealed.query)}`, {
          method: "POST",
          body: sealed.body ?? "",
        });
      expect((await one?.(request()))?.status).toBe(500);
      expect(await admin().keys("scrm-openapi:webhook:*")).toEqual([]);
      failing = false;
      expect((await one?.(request()))?.status).toBe(200);
      expect(await admin().keys("scrm-openapi:webhook:*")).toHaveLength(1);
      expect((await other?.(request()))?.status).toBe(409);
    } finally {
      await Promise.all(guards.map((g) => g.close()));
    }
  });
});
