// Hand-owned entry (Node only): the receiver is generated from specs/weiban into ./generated/ (`pnpm generate`).
export * from "./generated/webhooks.js";
