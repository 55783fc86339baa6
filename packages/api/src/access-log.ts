import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "./api-app";
import type { ApiLogger } from "./ports";

/** The template of the route a request matched (`/v1/jobs/:id`), or null when it matched none (404). */
function routeTemplate(c: Context<AppEnv>): string | null {
  // Middleware (use()) matches as method ALL; the route that answers has its own method.
  const route = matchedRoutes(c).findLast((candidate) => candidate.method !== "ALL");
  return route?.path ?? null;
}

/**
 * One structured line per request, once it is answered, whatever the answer (401s and 4xx included):
 * method, route template (never the path, which carries ids), status, latency, the tenant when its
 * key was accepted, and the request id (also the response's X-Request-Id). Neither headers nor bodies
 * are logged, so no API key reaches the logs. A 5xx is logged at WARN (its cause, when pixpipe failed,
 * has its own line at ERROR from the error handler), everything else at INFO.
 */
export function accessLog(logger: ApiLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    // Hono turns an error thrown further in into the error handler's response before this resumes.
    await next();
    const { status } = c.res;
    const tenantId = c.var.caller?.tenantId;
    logger[status >= 500 ? "warn" : "info"]("request", {
      method: c.req.method,
      route: routeTemplate(c),
      status,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      ...(tenantId ? { tenantId } : {}),
      requestId: c.var.requestId,
    });
  };
}
