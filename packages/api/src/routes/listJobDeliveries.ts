import { createRoute } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { scoped } from "../auth";
import { DeliveryListSchema, errorResponses, JobIdParamsSchema } from "../contract";
import { notFound } from "../errors";
import type { ApiDeps } from "../ports";

export const route = createRoute({
  operationId: "listJobDeliveries",
  method: "get",
  path: "/v1/jobs/{id}/deliveries",
  ...scoped("jobs:read"),
  tags: ["jobs"],
  summary: "List a job's webhook deliveries",
  description:
    "One delivery per event the job's webhook asked for, each with its attempts: time, status code, " +
    "latency and error, the next attempt while it is pending, and why pixpipe stopped once it failed. " +
    "Retries follow an exponential backoff with jitter (about 10 s, 30 s, 90 s, ... then every 3 hours) " +
    "for 24 hours; a 410 Gone stops them at once. Empty for a job without a webhook.",
  request: { params: JobIdParamsSchema },
  responses: {
    200: {
      description: "The job's deliveries, oldest first.",
      content: { "application/json": { schema: DeliveryListSchema } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function register(app: ApiApp, deps: ApiDeps): void {
  app.openapi(route, async (c) => {
    const deliveries = await deps.deliveries.listDeliveries(c.var.caller, c.req.valid("param").id);
    if (!deliveries) throw notFound("job");
    return c.json(deliveries, 200);
  });
}
