// Hand-owned entry: the client is generated from specs/tanma into ./generated/ (`pnpm generate`).
export * from "./generated/client.js";
