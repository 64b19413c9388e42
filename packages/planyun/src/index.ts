// Hand-owned entry: the client is generated from specs/planyun into ./generated/ (`pnpm generate`).
export * from "./generated/client.js";
