// Hand-owned entry: the client is generated from specs/weiling into ./generated/ (`pnpm generate`).
export * from "./generated/client.js";
