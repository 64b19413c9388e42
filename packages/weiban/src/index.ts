// Hand-owned entry: the client is generated from specs/weiban into ./generated/ (`pnpm generate`).
export * from "./generated/client.js";
