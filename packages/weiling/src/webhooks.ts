// Hand-owned entry (Node only): the receiver is generated from specs/weiling into ./generated/ (`pnpm generate`).
export * from "./generated/webhooks.js";
