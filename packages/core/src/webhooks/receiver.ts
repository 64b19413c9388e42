// createWebhookReceiver: the style named by the spec's x-webhook-crypto picks the scheme.
import { ScrmConfigError } from "../errors.js";
import type { WebhookCryptoMeta } from "../meta.js";
import { createGuard } from "./guard.js";
import { checkReceiverOptions } from "./options.js";
import { sha1AesCbcReceiver } from "./sha1-aes-cbc.js";
import { sha256AesCtrReceiver } from "./sha256-aes-ctr.js";
import type {
  Sha1AesCbcSecrets,
  Sha256AesCtrSecrets,
  WebhookReceiverFor,
  WebhookReceiverOptions,
  WebhookSecretsFor,
} from "./types.js";

/** A receiver for a vendor's callbacks, configured from its spec's x-webhook-crypto (`webhookCrypto` from codegen). */
export function createWebhookReceiver<C extends WebhookCryptoMeta>(
  vendor: string,
  crypto: C,
  secrets: WebhookSecretsFor<C>,
  options: WebhookReceiverOptions = {},
): WebhookReceiverFor<C> {
  if (crypto?.style !== "sha1-aes-cbc" && crypto?.style !== "sha256-aes-ctr") {
    throw new ScrmConfigError(vendor, "webhookCrypto", "has no known style (sha1-aes-cbc, sha256-aes-ctr)");
  }
  checkReceiverOptions(vendor, options);
  const guard = createGuard(vendor, options);
  const receiver =
    crypto.style === "sha1-aes-cbc"
      ? sha1AesCbcReceiver(vendor, crypto, secrets as Sha1AesCbcSecrets, options, guard)
      : sha256AesCtrReceiver(vendor, crypto, secrets as Sha256AesCtrSecrets, options, guard);
  return receiver as WebhookReceiverFor<C>;
}
