// @scrm-openapi/core/otel: OpenTelemetry spans for the vendor clients, `createWeibanClient({ …, tracing: openTelemetry() })`.
// The shape follows the SDKs that keep tracing optional: Azure's core keeps a tracing interface and binds
// OpenTelemetry in a separate instrumentation package; hono puts each adapter behind its own subpath. Kiota instead
// depends on @opentelemetry/api outright, which every bundle then carries. Here core declares the `Tracing` shape and
// this entry, the only one importing the optional peer, implements it: apps that never import it load nothing of
// OpenTelemetry, and the clients stay platform-neutral (the API runs in browsers and workers too).
import { type Tracer, type TracerProvider, trace } from "@opentelemetry/api";
import { traceLayers } from "./pipeline/trace.js";
import type { Tracing } from "./pipeline/types.js";

export { SCRM_ATTRIBUTES } from "./pipeline/trace.js";
export type { TracedClient, Tracing } from "./pipeline/types.js";

export interface OpenTelemetryOptions {
  /** The tracer to record with. Default: `tracerProvider.getTracer("@scrm-openapi/core")`. */
  tracer?: Tracer;
  /** Where the default tracer comes from. Default: the global provider (`trace`), registered by your SDK setup. */
  tracerProvider?: TracerProvider;
}

/**
 * Tracing for the `tracing` client option: a CLIENT span per call (`weiban listSeas`) and, as its children, one per
 * HTTP exchange (`GET /open-api/sea/list`), with the HTTP client conventions (`http.request.method`, `url.template`,
 * `server.address`, `server.port`, `http.response.status_code`, `error.type`, `http.request.resend_count`) and
 * `scrm.vendor`, `scrm.operation`, `scrm.vendor_code`. A failure sets the span's status to error. The global tracer is a
 * proxy, so the SDK may be registered after the client is created.
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Tracing {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace).getTracer("@scrm-openapi/core");
  return { layers: (client, baseUrl) => traceLayers(tracer, client, baseUrl) };
}
