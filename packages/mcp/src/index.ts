// @scrm-openapi/mcp — an MCP server over the four SCRMs' specs and clients. The bin `scrm-mcp` runs it on stdio or
// Streamable HTTP; this entry is for embedding it in your own process. Withheld: the catalog and search internals.
export { createScrmMcpServer, type ScrmMcpOptions, VERSION } from "./server.js";
export { VENDOR_ENV } from "./vendors.js";
